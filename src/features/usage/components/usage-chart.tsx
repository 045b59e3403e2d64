import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { UsagePeriod } from '@/lib/arcgis/usage';
import { formatAxisNumber, formatBucket, formatBucketLong, formatCredits } from '../utils/format';
import { serviceColor } from '../utils/service-names';
import type { ServiceTotal, UsageBucket } from '../utils/shape';

export interface UsageChartProps {
  buckets: readonly UsageBucket[];
  services: readonly ServiceTotal[];
  period: UsagePeriod;
  height: number;
  /** Small variant (member dialog): smaller ticks. The legend is the service list beside the chart. */
  compact?: boolean;
}

interface ChartRow {
  time: number;
  [code: string]: number;
}

/**
 * Credits per bucket stacked by service type. Presentational: the accessible name and the table
 * alternative come from the panel around it. Loaded lazily (recharts stays out of the first chunk).
 * `initialDimension` draws the bars in the first commit instead of waiting for a ResizeObserver round.
 */
export function UsageChart({ buckets, services, period, height, compact = false }: UsageChartProps) {
  const rows: ChartRow[] = buckets.map((b) => {
    const row: ChartRow = { time: b.time };
    for (const s of services) row[`s:${s.code}`] = b.values[s.code] ?? 0;
    return row;
  });
  return (
    <ResponsiveContainer
      width="100%"
      height={height}
      initialDimension={{ width: compact ? 480 : 800, height }}
    >
      <BarChart
        data={rows}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        barCategoryGap="12%"
        accessibilityLayer={false}
      >
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis
          dataKey="time"
          tickFormatter={(t: number) => formatBucket(t, period)}
          tick={{ fill: 'var(--muted)', fontSize: compact ? 11 : 12 }}
          stroke="var(--border)"
          minTickGap={compact ? 24 : 16}
        />
        <YAxis
          tickFormatter={(v: number) => formatAxisNumber(v)}
          tick={{ fill: 'var(--muted)', fontSize: compact ? 11 : 12 }}
          stroke="var(--border)"
          width={compact ? 44 : 64}
        />
        <Tooltip
          cursor={{ fill: 'var(--surface-2)' }}
          contentStyle={{
            background: 'var(--surface)',
            border: '1px solid var(--border)',
            borderRadius: 8,
            color: 'var(--text)',
          }}
          labelFormatter={(t) => (typeof t === 'number' ? formatBucketLong(t, period) : String(t))}
          formatter={(value) => (typeof value === 'number' ? formatCredits(value) : String(value))}
        />
        {services.map((s) => (
          <Bar
            key={s.code}
            dataKey={`s:${s.code}`}
            name={s.name}
            stackId="credits"
            fill={serviceColor(s.code)}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
