import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { paths } from '@/config/paths';
import { ErrorState } from '@/components/ui/error-state';
import { describeError } from '@/lib/arcgis/errors';
import { memberIndexQueries, useMemberIndexStatus } from '@/lib/member-index';
import { MemberIndexStatusLine } from '@/components/member-index/index-status';
import { formatMoney, useMoneyLens } from '@/lib/money';
import {
  allocatedPercent,
  AT_RISK_SHARE,
  summarizeAllocations,
  type AllocationSummary,
} from '../utils/allocation-summary';
import { formatCount, formatCredits, formatPercent } from '../utils/format';
import { MemberIndexProgress } from './member-index-progress';
import { useArcGISClient } from '@/lib/arcgis/client-context';

export interface AllocationSummaryCardProps {
  budgetingEnabled: boolean;
  balance: number;
}

/** O4: allocations over the whole org, from the shared member index. */
export function AllocationSummaryCard({ budgetingEnabled, balance }: AllocationSummaryCardProps) {
  return (
    <section className="card overview-summary" aria-labelledby="overview-summary-title">
      <h2 id="overview-summary-title" className="overview-card-title">
        Allocations
      </h2>
      {budgetingEnabled ? (
        <SummaryFigures balance={balance} />
      ) : (
        <p className="muted">
          Credit budgeting is off, so no member allocations apply and there is nothing to sum up. Turn
          budgeting on to see how much of the balance is allocated and who is running out.
        </p>
      )}
    </section>
  );
}

interface SummaryFiguresProps {
  balance: number;
}

function SummaryFigures({ balance }: SummaryFiguresProps) {
  const client = useArcGISClient();
  const summary = useQuery({
    ...memberIndexQueries.index(client),
    select: summarizeAllocations,
    throwOnError: false,
  });
  const status = useMemberIndexStatus(client);
  // The kept copy's figures over every member, shown while that copy is read on a warm visit.
  const kept = status?.kept;
  // A first load still under way: the figures cover the members read so far.
  const partial = status?.partial === true && !kept;

  if (kept) {
    return (
      <>
        <MemberIndexStatusLine of="summary" />
        <SummaryBody summary={kept.summary} balance={balance} partial={false} />
      </>
    );
  }
  if (summary.isPending) return <MemberIndexProgress />;
  if (summary.isError && summary.data === undefined) {
    return (
      <ErrorState
        title="The allocation summary could not be loaded"
        message={describeError(summary.error)}
        onRetry={() => void summary.refetch()}
      />
    );
  }
  if (summary.data.members === 0 && !partial)
    return <p className="muted">The organization has no members yet.</p>;
  return (
    <>
      <MemberIndexStatusLine />
      <SummaryBody summary={summary.data} balance={balance} partial={partial} />
    </>
  );
}

interface SummaryBodyProps {
  summary: AllocationSummary;
  balance: number;
  /** Only some of the members are loaded yet. */
  partial: boolean;
}

function SummaryBody({ summary, balance, partial }: SummaryBodyProps) {
  const percent = allocatedPercent(summary.allocated, balance);
  const over = summary.allocated > balance;
  const pricing = useMoneyLens();
  const counts = [
    { key: 'capped', label: 'capped', value: summary.capped, hint: 'members with an allocation' },
    { key: 'no-limit', label: 'no limit', value: summary.noLimit, hint: 'members without an allocation' },
    {
      key: 'at-risk',
      label: 'at risk',
      value: summary.atRisk,
      hint: `${formatPercent(AT_RISK_SHARE * 100)} or more of their allocation used, exhausted included`,
    },
    {
      key: 'exhausted',
      label: 'exhausted',
      value: summary.exhausted,
      hint: 'nothing left of their allocation',
    },
  ];
  return (
    <>
      <p className="overview-summary-total">
        <span className="overview-kpi-small">{formatCredits(summary.allocated)}</span> credits allocated
        {pricing ? ` (${formatMoney(summary.allocated, pricing)})` : ''}
        {percent === undefined
          ? ''
          : ` — ${formatPercent(percent)} of the ${formatCredits(balance)} available`}
      </p>
      {percent !== undefined && (
        <div className="overview-meter" aria-hidden="true">
          <div
            className={over ? 'overview-meter-fill overview-meter-over' : 'overview-meter-fill'}
            style={{ width: `${Math.min(100, percent)}%` }}
          />
        </div>
      )}
      {over && (
        <p className="notice notice-warning">
          Over-allocated: allocations exceed the balance by {formatCredits(summary.allocated - balance)}{' '}
          credits. That’s allowed — allocations are caps, not reservations — but members together could spend
          more than the organization has.
        </p>
      )}
      <ul className="overview-counts">
        {counts.map((c) => (
          <li key={c.key}>
            <Link to={paths.members.href({ status: c.key })} className="overview-count">
              <span className="overview-count-value">{formatCount(c.value)}</span> {c.label}
            </Link>
            <span className="muted small">{c.hint}</span>
          </li>
        ))}
      </ul>
      <p className="muted small">
        {partial
          ? `Partial: across the ${formatCount(summary.members)} members loaded so far.`
          : `Across all ${formatCount(summary.members)} members.`}{' '}
        <span className="print-hide">Select a figure to see those members.</span>
      </p>
    </>
  );
}
