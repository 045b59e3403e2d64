import type { ReactNode } from 'react';
import { formatCount, formatCredits, formatPercent } from '@/lib/format';
import { formatMoney, type Pricing } from '@/lib/money';
import type { OrgRunOut, Projection } from '@/lib/what-if/projection';
import { describeOrgRunOut } from '../utils/format';

export interface ComparisonProps {
  today: Projection;
  whatIf: Projection;
  balance: number;
  /** The org's clock, for "this year" in dates. */
  now: number;
  /** Set when the money lens is on. */
  pricing?: Pricing;
}

function runOutKey(r: OrgRunOut): string {
  return r.kind === 'date' ? String(Math.floor(r.at / 86_400_000)) : r.kind;
}

/** "Run-out: 28 March → 14 May", then today's figures and the sandbox's side by side. */
export function Comparison({ today, whatIf, balance, now, pricing }: ComparisonProps) {
  const credits = (n: number) => (
    <>
      {formatCredits(n)}
      {pricing && <span className="what-if-money"> ({formatMoney(n, pricing)})</span>}
    </>
  );
  const percent = (p: Projection) =>
    p.percentAllocated === undefined ? '—' : formatPercent(p.percentAllocated);
  const rows: { label: string; today: ReactNode; whatIf: ReactNode; changed: boolean }[] = [
    {
      label: 'Allocated (credits)',
      today: credits(today.allocated),
      whatIf: credits(whatIf.allocated),
      changed: today.allocated !== whatIf.allocated,
    },
    {
      label: 'Share of the balance',
      today: percent(today),
      whatIf: percent(whatIf),
      changed: today.percentAllocated !== whatIf.percentAllocated,
    },
    {
      label: 'Over-allocated by (credits)',
      today: today.overAllocation > 0 ? credits(today.overAllocation) : 'Not over-allocated',
      whatIf: whatIf.overAllocation > 0 ? credits(whatIf.overAllocation) : 'Not over-allocated',
      changed: today.overAllocation !== whatIf.overAllocation,
    },
    {
      label: 'Members at risk',
      today: formatCount(today.atRisk),
      whatIf: formatCount(whatIf.atRisk),
      changed: today.atRisk !== whatIf.atRisk,
    },
    {
      label: 'Members exhausted',
      today: formatCount(today.exhausted),
      whatIf: formatCount(whatIf.exhausted),
      changed: today.exhausted !== whatIf.exhausted,
    },
    {
      label: 'Members stopped by their cap before the org runs out',
      today: formatCount(today.stoppedByCap),
      whatIf: formatCount(whatIf.stoppedByCap),
      changed: today.stoppedByCap !== whatIf.stoppedByCap,
    },
    {
      label: 'Credits run out',
      today: describeOrgRunOut(today.runOut, now),
      whatIf: describeOrgRunOut(whatIf.runOut, now),
      changed: runOutKey(today.runOut) !== runOutKey(whatIf.runOut),
    },
  ];
  const from = describeOrgRunOut(today.runOut, now);
  const to = describeOrgRunOut(whatIf.runOut, now);
  return (
    <div className="what-if-comparison">
      <p className="what-if-headline" aria-live="polite">
        Run-out: {from} → {to}
      </p>
      {balance <= 0 && (
        <p className="notice notice-error">
          The organization’s balance is {formatCredits(balance)} credits: it is in the Restricted state, so
          credit-consuming services stop whatever the allocations say until credits are purchased.
        </p>
      )}
      <table className="what-if-table">
        <caption className="visually-hidden">Today’s figures beside the what-if’s</caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">Today</th>
            <th scope="col">What-if</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} className={r.changed ? 'what-if-changed' : undefined}>
              <th scope="row">{r.label}</th>
              <td>{r.today}</td>
              <td>
                {r.whatIf}
                {r.changed && <span className="visually-hidden"> (changed)</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Both columns use each member’s own pace over the last 30 days: a capped member stops when their cap is
        used up, everyone else when the organization runs out; usage no member accounts for goes on as it is.
        Balance: {credits(balance)} credits. The forecast card’s date uses the organization’s overall pace and
        leaves caps out, so it can come earlier.
      </p>
    </div>
  );
}
