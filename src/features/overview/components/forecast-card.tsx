import { lazy, Suspense } from 'react';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { describeError } from '@/lib/arcgis/errors';
import { formatMoneyRate, useMoneyLens } from '@/lib/money';
import { useOrgClock } from '@/lib/org-clock';
import { overviewQueries, type BurnHistory } from '../api/overview-queries';
import { forecastSentence, runOut } from '../utils/forecast';
import {
  formatCreditRate,
  formatCredits,
  formatDayMonth,
  formatLongDate,
  formatShortDay,
} from '../utils/format';
import { useArcGISClient } from '@/lib/arcgis/client-context';

const BurnChart = lazy(() => import('./burn-chart').then((m) => ({ default: m.BurnChart })));

export interface ForecastCardProps {
  balance: number;
  /** Subscription expiry, epoch ms. */
  renewal: number | null | undefined;
}

/** O5: burn rate (7 and 30 days) and when the balance runs out at that pace. */
export function ForecastCard({ balance, renewal }: ForecastCardProps) {
  const client = useArcGISClient();
  const clock = useOrgClock(client);
  const burn = useQuery({
    ...overviewQueries.burn(client, clock.now()),
    enabled: clock.isReady,
    throwOnError: false,
  });
  return (
    <section className="card overview-forecast" aria-labelledby="overview-forecast-title">
      <h2 id="overview-forecast-title" className="overview-card-title">
        Burn rate and forecast
      </h2>
      <ForecastBody burn={burn} balance={balance} renewal={renewal} />
    </section>
  );
}

interface ForecastBodyProps {
  burn: UseQueryResult<BurnHistory>;
  balance: number;
  renewal: number | null | undefined;
}

function ForecastBody({ burn, balance, renewal }: ForecastBodyProps) {
  const pricing = useMoneyLens();
  const money = (rate: number) => (pricing ? ` (${formatMoneyRate(rate, pricing)} a day)` : '');
  if (burn.isPending) return <Skeleton lines={3} label="Loading credit usage" />;
  if (burn.isError && burn.data === undefined) {
    return (
      <ErrorState
        title="Credit usage could not be loaded"
        message={describeError(burn.error)}
        onRetry={() => void burn.refetch()}
      />
    );
  }
  const { rates, daily, end } = burn.data;
  if (!rates) return <p className="muted">No usage was reported for the last 30 days.</p>;
  const from = new Date(end);
  const expected = runOut(balance, rates.rate30, from);
  const early = runOut(balance, rates.high, from);
  const late = runOut(balance, rates.low, from);
  const formatDate = (d: Date) => formatDayMonth(d);
  return (
    <>
      <dl className="overview-facts">
        <div>
          <dt>Last 7 days</dt>
          <dd>
            {formatCreditRate(rates.rate7)} credits a day{money(rates.rate7)}
          </dd>
        </div>
        <div>
          <dt>Last 30 days</dt>
          <dd>
            {formatCreditRate(rates.rate30)} credits a day{money(rates.rate30)}
          </dd>
        </div>
        <div>
          <dt>Subscription expires</dt>
          <dd>{typeof renewal === 'number' ? formatLongDate(renewal) : '—'}</dd>
        </div>
      </dl>
      <p className="overview-sentence">{forecastSentence({ runOut: expected, renewal, formatDate })}</p>
      {expected.kind === 'date' && early.kind === 'date' && (
        <p className="muted small">
          Between {formatDate(early.date)} and {late.kind === 'date' ? formatDate(late.date) : 'later'} at the
          fastest and slowest weekly pace of the last 30 days.
        </p>
      )}
      <ErrorBoundary fallback={() => <p className="muted small">The chart could not be shown.</p>}>
        <Suspense fallback={<Skeleton lines={2} label="Loading chart" />}>
          <BurnChart daily={daily} average={rates.rate30} />
        </Suspense>
      </ErrorBoundary>
      <details className="overview-details">
        <summary>Daily spend as a table</summary>
        <table className="overview-table">
          <caption className="visually-hidden">Credits spent per day, last 30 days</caption>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col">Credits</th>
            </tr>
          </thead>
          <tbody>
            {daily.map((d) => (
              <tr key={d.start}>
                <td>{formatShortDay(d.start)}</td>
                <td>{formatCredits(d.credits)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
