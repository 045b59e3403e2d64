import { useId, useState, type ReactNode } from 'react';
import type { MemberFilters } from '../utils/member-rows';
import { CREDIT_STATUS_LABELS, userTypeLabel, type RoleOption } from '../utils/member-rows';

export interface MemberToolbarProps {
  filters: MemberFilters;
  /** Built-in and custom roles present in the org, by name. */
  roles: readonly RoleOption[];
  userTypes: readonly string[];
  isBudgetingEnabled: boolean;
  onSearch(q: string): void;
  onFilter(name: 'role' | 'type' | 'status', value: string): void;
  onClear(): void;
  /** Export / import buttons. */
  actions?: ReactNode;
}

/** Search box and filters. The search box keeps its own text so typing never waits for the URL. */
export function MemberToolbar({
  filters,
  roles,
  userTypes,
  isBudgetingEnabled,
  onSearch,
  onFilter,
  onClear,
  actions,
}: MemberToolbarProps) {
  const id = useId();
  const [q, setQ] = useState(filters.q);
  const hasFilters = Boolean(q || filters.role || filters.type || filters.status);
  return (
    <div className="member-toolbar">
      <div className="field member-search">
        <label htmlFor={`${id}-q`}>Search members</label>
        <input
          id={`${id}-q`}
          type="search"
          placeholder="Username, name or email"
          autoComplete="off"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            onSearch(e.target.value);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>Role</label>
        <select id={`${id}-role`} value={filters.role} onChange={(e) => onFilter('role', e.target.value)}>
          <option value="">All roles</option>
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-type`}>User type</label>
        <select id={`${id}-type`} value={filters.type} onChange={(e) => onFilter('type', e.target.value)}>
          <option value="">All user types</option>
          {userTypes.map((t) => (
            <option key={t} value={t}>
              {userTypeLabel(t)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>Credit status</label>
        <select
          id={`${id}-status`}
          value={filters.status}
          disabled={!isBudgetingEnabled}
          onChange={(e) => onFilter('status', e.target.value)}
        >
          <option value="">Any status</option>
          {Object.entries(CREDIT_STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {hasFilters && (
        <button
          type="button"
          className="button button-secondary button-small member-clear"
          onClick={() => {
            setQ('');
            onClear();
          }}
        >
          Clear filters
        </button>
      )}
      <div className="member-toolbar-actions">{actions}</div>
    </div>
  );
}
