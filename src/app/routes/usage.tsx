import { useQuery } from '@tanstack/react-query';
import { useSession } from '@/features/auth/components/session-context';
import { useOrgClock } from '@/lib/org-clock';
import { useDocumentTitle } from '@/lib/document-title';
import { Skeleton } from '@/components/ui/skeleton';
import { usageQueries } from '@/features/usage/api/usage-queries';
import { PanelBoundary } from '@/features/usage/components/panel-boundary';
import { RangePicker } from '@/features/usage/components/range-picker';
import { ServiceFilter } from '@/features/usage/components/service-filter';
import { ServiceUsagePanel } from '@/features/usage/components/service-usage-panel';
import { TopConsumersPanel } from '@/features/usage/components/top-consumers-panel';
import { useUsageSearch } from '@/features/usage/hooks/use-usage-search';
import { formatDateRange } from '@/features/usage/utils/format';
import '@/features/usage/usage.css';

/** Usage: org credits over time by service type (U1), top consumers (U2), CSV and tables (U4). */
export function UsageRoute() {
  const { client } = useSession();
  useDocumentTitle('Usage');
  const clock = useOrgClock(client);
  if (!clock.isReady) {
    return (
      <div className="page">
        <header className="page-header">
          <h1>Usage</h1>
        </header>
        <Skeleton lines={4} label="Loading usage…" />
      </div>
    );
  }
  return <UsagePage now={clock.now()} />;
}

function UsagePage({ now }: { now: number }) {
  const { client } = useSession();
  const search = useUsageSearch(now);
  const { range, service } = search;
  // The service codes seen in this range feed the filter (same cache entry as the chart).
  const seen = useQuery({
    ...usageQueries.byService(client, range),
    select: (data) => data.data.map((e) => e.group.stype ?? ''),
    throwOnError: false,
  });
  const resetKeys = [range.start, range.end, service];

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Usage</h1>
          <p className="muted">
            Where credits went: by service type and by member. {formatDateRange(range.start, range.end)}{' '}
            (UTC).
          </p>
        </div>
      </header>
      <div className="usage-controls">
        <RangePicker
          selection={search.selection}
          range={range}
          onPreset={search.setPreset}
          onCustom={search.setCustom}
          now={now}
        />
        <ServiceFilter value={service} available={seen.data} onChange={search.setService} />
      </div>
      <div className="usage-grid">
        <section className="card usage-panel" aria-labelledby="usage-over-time">
          <h2 id="usage-over-time">Credits over time</h2>
          <PanelBoundary title="Credit usage could not be loaded" resetKeys={resetKeys}>
            <ServiceUsagePanel range={range} service={service} />
          </PanelBoundary>
        </section>
        <section className="card usage-panel" aria-labelledby="usage-top-consumers">
          <h2 id="usage-top-consumers">Top consumers</h2>
          <PanelBoundary title="Top consumers could not be loaded" resetKeys={resetKeys}>
            <TopConsumersPanel range={range} service={service} />
          </PanelBoundary>
        </section>
      </div>
    </div>
  );
}
