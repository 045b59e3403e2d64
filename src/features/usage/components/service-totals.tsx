import { formatCredits, formatShare } from '../utils/format';
import { serviceColor } from '../utils/service-names';
import type { ServiceTotal } from '../utils/shape';

export interface ServiceTotalsProps {
  services: readonly ServiceTotal[];
  total: number;
  /** One dense line (the member dialog), without shares. */
  compact?: boolean;
}

/** Credits per service type over the range (every type, unknown codes included). */
export function ServiceTotals({ services, total, compact = false }: ServiceTotalsProps) {
  if (compact) {
    return (
      <ul className="usage-legend small" aria-label="Credits by service type">
        {services.map((s) => (
          <li key={s.code}>
            <span className="usage-swatch" style={{ background: serviceColor(s.code) }} aria-hidden="true" />
            {s.name} <strong>{formatCredits(s.credits)}</strong>
          </li>
        ))}
      </ul>
    );
  }
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
