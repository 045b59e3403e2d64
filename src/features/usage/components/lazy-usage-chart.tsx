import { lazy, Suspense } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import type { UsageChartProps } from './usage-chart';

// recharts is only downloaded when a chart is first shown.
const UsageChart = lazy(async () => ({ default: (await import('./usage-chart')).UsageChart }));

export interface ChartFigureProps extends UsageChartProps {
  /** The chart's accessible name: what it shows, for which range, and the total. */
  label: string;
}

/** A usage chart with an accessible name (`role="img"`), loading recharts on demand. */
export function ChartFigure({ label, ...chart }: ChartFigureProps) {
  return (
    <div className="usage-chart" role="img" aria-label={label} style={{ minHeight: chart.height }}>
      <Suspense fallback={<Skeleton lines={4} label="Loading chart…" />}>
        <UsageChart {...chart} />
      </Suspense>
    </div>
  );
}
