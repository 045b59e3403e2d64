import { Bar, BarChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatAxisNumber, formatCreditRate, formatCredits, formatShortDay } from '../utils/format';

export interface BurnChartProps {
  daily: readonly { start: number; credits: number }[];
  /** 30-day average, credits a day. */
  average: number;
}

/** Daily org spend over the last 30 days with the average; loaded lazily (recharts). */
export function BurnChart({ daily, average }: BurnChartProps) {
  const data = daily.map((d) => ({
    day: formatShortDay(d.start),
    credits: Math.round(d.credits * 100) / 100,
  }));
  const first = data[0]?.day ?? '';
  const last = data[data.length - 1]?.day ?? '';
  return (
    <figure
      className="overview-chart"
      role="img"
      aria-label={`Daily credit spend from ${first} to ${last}; average ${formatCreditRate(average)} credits a day.`}
    >
      <ResponsiveContainer width="100%" height={140}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <XAxis dataKey="day" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={24} />
          <YAxis tick={{ fontSize: 11 }} width={48} tickFormatter={(v: number) => formatAxisNumber(v)} />
          <Tooltip formatter={(v) => [`${formatCredits(Number(v))} credits`, 'Spent']} />
          <Bar dataKey="credits" fill="var(--primary)" isAnimationActive={false} />
          <ReferenceLine y={average} stroke="var(--warning)" strokeDasharray="4 3" />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
