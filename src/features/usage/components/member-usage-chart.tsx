import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { describeError } from '@/lib/arcgis/errors';
import type { UsageResponse } from '@/lib/arcgis/schemas';
import { displayPerson, usePresentationMode } from '@/lib/presentation';
import { useArcGISClient } from '@/lib/arcgis/client-context';
import { usageQueries } from '../api/usage-queries';
import { formatCredits } from '../utils/format';
import { DAY_MS, HOUR_MS } from '@/lib/time';
import { shapeServiceSeries } from '../utils/shape';
import { ChartFigure } from './lazy-usage-chart';
import { ChartToolbar } from './chart-toolbar';
import { ServiceTotals } from './service-totals';
import { UsageTable } from './usage-table';
import '../usage.css';

export interface MemberUsageChartProps {
  username: string;
  /** The organization's "now" (the demo portal's clock can run ahead); defaults to the browser's. */
  now?: number;
}

const selectSeries = (data: UsageResponse) => shapeServiceSeries(data);

/** U3: one member's daily credits over the last 90 days, by service type (the member dialog's chart). */
export function MemberUsageChart({ username, now }: MemberUsageChartProps) {
  const client = useArcGISClient();
  const [masked] = usePresentationMode();
  // Labels only: presentation mode shows the alias, the request keeps the real username.
  const shown = displayPerson({ username }, masked).displayUsername;
  // Fixed when the chart mounts so the query key stays stable; ends at the next full hour.
  const [span] = useState(() => {
    const end = Math.floor((now ?? Date.now()) / HOUR_MS) * HOUR_MS + HOUR_MS;
    return { start: end - 90 * DAY_MS, end, period: '1d' as const };
  });
  const [showTable, setShowTable] = useState(false);
  const usage = useQuery({
    ...usageQueries.memberByService(client, { ...span, username }),
    select: selectSeries,
    throwOnError: false,
  });

  if (usage.isPending) return <Skeleton lines={3} label={`Loading ${shown}’s usage…`} />;
  if (usage.isError && usage.data === undefined) {
    return (
      <ErrorState
        title="Usage could not be loaded"
        message={describeError(usage.error)}
        onRetry={() => void usage.refetch()}
      />
    );
  }
  const series = usage.data;
  if (series.total === 0)
    return <p className="usage-empty usage-empty-small">No credits used in the last 90 days.</p>;
  const what = `${shown}’s credits by service type, daily, last 90 days`;
  return (
    <div className="usage-member">
      <div className="usage-member-head">
        <span className="small">
          Last 90 days: <strong>{formatCredits(series.total)}</strong> credits
        </span>
        <ChartToolbar
          showTable={showTable}
          onToggleTable={() => setShowTable((v) => !v)}
          subject={`${shown}’s usage`}
        />
      </div>
      {showTable ? (
        <UsageTable series={series} period="1d" caption={what} />
      ) : (
        <ChartFigure
          label={`${what}: ${formatCredits(series.total)} credits in total. A table with the same numbers is available.`}
          buckets={series.buckets}
          services={series.services}
          period="1d"
          height={160}
          compact
        />
      )}
      <ServiceTotals services={series.services.filter((s) => s.credits > 0)} total={series.total} compact />
    </div>
  );
}
