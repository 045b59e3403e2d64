import { useId } from 'react';
import { KNOWN_SERVICES, compareServices, serviceName } from '../utils/service-names';

export interface ServiceFilterProps {
  value: string | undefined;
  /** Service codes seen in the data; known services are always offered. */
  available?: readonly string[];
  onChange(service: string | undefined): void;
}

/** Picks one service type to show alone, or all of them. */
export function ServiceFilter({ value, available = [], onChange }: ServiceFilterProps) {
  const id = useId();
  const codes = [...new Set([...KNOWN_SERVICES.slice(0, 8), ...available, ...(value ? [value] : [])])]
    .filter((c) => c !== '')
    .sort(compareServices);
  return (
    <div className="field usage-service-filter">
      <label htmlFor={id}>Service</label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      >
        <option value="">All services</option>
        {codes.map((code) => (
          <option key={code} value={code}>
            {serviceName(code)}
          </option>
        ))}
      </select>
    </div>
  );
}
