import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { MemberFilters } from '../utils/member-rows';
import { SOURCE_KIND_LABELS } from '@/lib/policies/labels';
import { CREDIT_STATUS_LABELS, userTypeLabel, type RoleOption } from '../utils/member-rows';

export interface MemberToolbarProps {
  filters: MemberFilters;
  /** Built-in and custom roles present in the org, by name. */
  roles: readonly RoleOption[];
  userTypes: readonly string[];
  isBudgetingEnabled: boolean;
  onSearch(q: string): void;
  onFilter(name: 'role' | 'type' | 'status' | 'source', value: string): void;
  onClear(): void;
  /** Export / import buttons. */
  actions?: ReactNode;
}

const FILTER_NAMES = { role: 'role', type: 'user type', status: 'credit status' } as const;
const FILTER_ALL = { role: 'All roles', type: 'All user types', status: 'Any status' } as const;

/**
 * A link may carry a role, user type or status this organization doesn't have (a typo, another
 * org's link). Rather than show 0 members under a filter that reads "All", the value is dropped
 * from the address and a note says which one and what is shown instead.
 */
function useResetUnknownFilters(
  roles: readonly RoleOption[],
  userTypes: readonly string[],
  onFilter: MemberToolbarProps['onFilter'],
): string[] {
  const [params] = useSearchParams();
  const [notes, setNotes] = useState<string[]>([]);
  const reset = useRef(onFilter);
  useEffect(() => {
    reset.current = onFilter;
  });
  const known = {
    role: (v: string) => roles.some((r) => r.value === v),
    type: (v: string) => userTypes.includes(v),
    status: (v: string) => v in CREDIT_STATUS_LABELS,
  };
  const unknown = (['role', 'type', 'status'] as const)
    .map((name) => ({ name, value: params.get(name) ?? '' }))
    .filter(({ name, value }) => value !== '' && !known[name](value));
  const key = unknown.map((u) => `${u.name}=${u.value}`).join('&');
  // The notes are derived while rendering (kept once said); the address is fixed after it.
  const [noted, setNoted] = useState('');
  if (key && key !== noted) {
    setNoted(key);
    const said = unknown.map(
      ({ name, value }) =>
        `The link asked for the ${FILTER_NAMES[name]} “${value}”, which this organization doesn’t have: showing ${FILTER_ALL[name].toLowerCase()}.`,
    );
    setNotes((prev) => [...prev, ...said.filter((note) => !prev.includes(note))]);
  }
  useEffect(() => {
    if (!key) return;
    for (const pair of key.split('&')) reset.current(pair.split('=')[0] as keyof typeof FILTER_NAMES, '');
  }, [key]);
  return notes;
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
  const hasFilters = Boolean(q || filters.role || filters.type || filters.status || filters.source);
  const resetNotes = useResetUnknownFilters(roles, userTypes, onFilter);
  return (
    <div className="member-toolbar">
      {(resetNotes.length > 0 || (!isBudgetingEnabled && filters.status)) && (
        <div className="member-toolbar-notes" role="status">
          {resetNotes.map((note) => (
            <p key={note} className="notice notice-warning small">
              {note}
            </p>
          ))}
          {!isBudgetingEnabled && filters.status && (
            <p className="notice notice-warning small">
              Credit budgeting is off, so no member has a credit status and the “
              {CREDIT_STATUS_LABELS[filters.status]}” filter matches nobody. Turn budgeting on in the
              Overview, or clear the filters.
            </p>
          )}
        </div>
      )}
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
      <div className="field">
        <label htmlFor={`${id}-source`}>Limit source</label>
        <select
          id={`${id}-source`}
          value={filters.source ?? ''}
          onChange={(e) => onFilter('source', e.target.value)}
        >
          <option value="">Any source</option>
          {Object.entries(SOURCE_KIND_LABELS).map(([value, label]) => (
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
