import { useCallback, useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { describeError } from '@/lib/arcgis/errors';
import type { UsageResponse } from '@/lib/arcgis/schemas';
import { usageQueries } from '../api/usage-queries';
import { downloadCsv } from '@/lib/csv';
import { seriesToCsv } from '../utils/csv';
import { formatCredits, isoDate, PERIOD_NAMES } from '../utils/format';
import type { UsageRange } from '../utils/ranges';
import { serviceName } from '../utils/service-names';
import { shapeServiceSeries } from '../utils/shape';
import { ChartFigure } from './lazy-usage-chart';
import { ChartToolbar } from './chart-toolbar';
import { ServiceTotals } from './service-totals';
import { UsageTable } from './usage-table';
import { useArcGISClient } from '@/lib/arcgis/client-context';

export interface ServiceUsagePanelProps {
  range: UsageRange;
  service: string | undefined;
}

/** U1: org credits over time stacked by service type, with totals, a table view and CSV export. */
export function ServiceUsagePanel({ range, service }: ServiceUsagePanelProps) {
  const client = useArcGISClient();
  const [showTable, setShowTable] = useState(false);
  const totalId = useId();
  const select = useCallback((data: UsageResponse) => shapeServiceSeries(data, { service }), [service]);
  const usage = useQuery({ ...usageQueries.byService(client, range), select });
  const what = service === undefined ? 'Credits by service type' : `${serviceName(service)} credits`;

  if (usage.isPending) return <Skeleton lines={6} label="Loading credit usage…" />;
  if (usage.isError && usage.data === undefined) {
    return (
      <ErrorState
        title="Credit usage could not be loaded"
        message={describeError(usage.error)}
        onRetry={() => void usage.refetch()}
      />
    );
  }
  const series = usage.data;
  const header = (
    <div className="usage-total" role="group" aria-labelledby={totalId}>
      <span id={totalId} className="muted">
        Total credits used{service === undefined ? '' : ` (${serviceName(service)})`}
      </span>
      <strong className="usage-total-value">{formatCredits(series.total)}</strong>
      <span className="muted small">
        {range.label} · {PERIOD_NAMES[range.period]} buckets
      </span>
    </div>
  );
  if (series.total === 0) {
    return (
      <>
        {header}
        <div className="usage-empty">
          <p>
            No credits were used in this period{service === undefined ? '' : ` for ${serviceName(service)}`}.
          </p>
          <p className="muted small">Try a longer range{service === undefined ? '' : ' or all services'}.</p>
        </div>
      </>
    );
  }
  const label = `${what}, ${PERIOD_NAMES[range.period]}, ${range.label}: ${formatCredits(series.total)} credits in total. A table with the same numbers is available.`;
  const onDownload = () =>
    downloadCsv(
      `credit-usage-${isoDate(range.start)}-to-${isoDate(range.end - 1)}${service ? `-${service}` : ''}.csv`,
      seriesToCsv(series, range.period),
    );
  return (
    <>
      {header}
      <ChartToolbar
        showTable={showTable}
        onToggleTable={() => setShowTable((v) => !v)}
        onDownload={onDownload}
      />
      {showTable ? (
        <UsageTable
          series={series}
          period={range.period}
          caption={`${what}, ${PERIOD_NAMES[range.period]}, ${range.label}`}
        />
      ) : (
        <ChartFigure
          label={label}
          buckets={series.buckets}
          services={series.services}
          period={range.period}
          height={320}
        />
      )}
      <ServiceTotals services={series.services} total={series.total} />
    </>
  );
}
