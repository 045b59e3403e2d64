import type { PortalSelf } from '@/lib/arcgis/schemas';
import { formatMoney, useMoneyLens } from '@/lib/money';
import { formatCredits, formatLongDate } from '../utils/format';

export interface CreditsHeadlineProps {
  portal: PortalSelf;
}

function titleCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The subscription's state as ArcGIS Online applies it. A balance at or below zero puts the org in
 * the Restricted state (credit-consuming services stop); no REST field says so, so it is derived
 * from the balance.
 */
function stateOf(balance: number | null | undefined, state: string | null | undefined): string {
  if (typeof balance === 'number' && balance <= 0) return 'Restricted (no credits left)';
  return state ? titleCase(state) : '—';
}

/** O1: the org's available credits, and its subscription. */
export function CreditsHeadline({ portal }: CreditsHeadlineProps) {
  const balance = portal.availableCredits;
  const sub = portal.subscriptionInfo;
  const pricing = useMoneyLens();
  return (
    <section className="card overview-headline" aria-labelledby="overview-credits-title">
      <h2 id="overview-credits-title" className="overview-card-title">
        Available credits
      </h2>
      {balance === null || balance === undefined ? (
        <p className="muted">The portal did not report the organization’s credits.</p>
      ) : (
        <p className={balance < 0 ? 'overview-kpi overview-kpi-negative' : 'overview-kpi'}>
          {formatCredits(balance)} <span className="overview-kpi-unit">credits</span>
        </p>
      )}
      {pricing && typeof balance === 'number' && (
        <p className="overview-money">Worth {formatMoney(balance, pricing)}</p>
      )}
      {balance !== null && balance !== undefined && balance < 0 && (
        <p className="notice notice-error">
          The organization has used more credits than it has; it owes {formatCredits(-balance)} credits.
          Services that consume credits may be stopped, and credit budgeting can’t be turned on, until credits
          are purchased.
        </p>
      )}
      {balance === 0 && (
        <p className="notice notice-warning">
          The organization has no credits left. Services that consume credits may be stopped until credits are
          purchased.
        </p>
      )}
      <dl className="overview-facts">
        <div>
          <dt>Subscription</dt>
          <dd>{sub?.type ?? '—'}</dd>
        </div>
        <div>
          <dt>State</dt>
          <dd>{stateOf(balance, sub?.state)}</dd>
        </div>
        <div>
          <dt>Expires</dt>
          <dd>{typeof sub?.expDate === 'number' ? formatLongDate(sub.expDate) : '—'}</dd>
        </div>
      </dl>
    </section>
  );
}
