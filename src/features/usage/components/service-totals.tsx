import { formatCredits, formatShare } from '../utils/format';
import { serviceColor } from '../utils/service-names';
import type { ServiceTotal } from '../utils/shape';

export interface ServiceTotalsProps {
  services: readonly ServiceTotal[];
  total: number;
}

/** Credits per service type over the range (every type, unknown codes included). */
export function ServiceTotals({ services, total }: ServiceTotalsProps) {
  return (
    <ul className="usage-service-totals" aria-label="Credits by service type">
      {services.map((s) => (
        <li key={s.code}>
          <span className="usage-swatch" style={{ background: serviceColor(s.code) }} aria-hidden="true" />
          <span className="usage-service-name">{s.name}</span>
          <span className="usage-service-credits">{formatCredits(s.credits)}</span>
          <span className="muted small">{total > 0 ? formatShare(s.credits / total) : '—'}</span>
        </li>
      ))}
    </ul>
  );
}
