import type { UsagePeriod } from '@/lib/arcgis/usage';
import { formatBucketLong, formatCredits } from '../utils/format';
import type { ServiceSeries } from '../utils/shape';

export interface UsageTableProps {
  series: ServiceSeries;
  period: UsagePeriod;
  caption: string;
}

/** The data-table alternative of a usage chart: the same buckets and numbers. */
export function UsageTable({ series, period, caption }: UsageTableProps) {
  return (
    // A scrollable region must be reachable by keyboard (axe scrollable-region-focusable).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="usage-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="usage-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {series.services.map((s) => (
              <th scope="col" key={s.code} className="num">
                {s.name}
              </th>
            ))}
            <th scope="col" className="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {series.buckets.map((b) => (
            <tr key={b.time}>
              <th scope="row">{formatBucketLong(b.time, period)}</th>
              {series.services.map((s) => (
                <td key={s.code} className="num">
                  {formatCredits(b.values[s.code] ?? 0)}
                </td>
              ))}
              <td className="num">{formatCredits(b.total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            {series.services.map((s) => (
              <td key={s.code} className="num">
                {formatCredits(s.credits)}
              </td>
            ))}
            <td className="num">{formatCredits(series.total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
