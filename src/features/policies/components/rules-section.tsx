import { formatCount } from '@/lib/format';
import type { RuleCoverage } from '@/lib/policies/engine';
import { formatPolicyAllocation, LEVEL_LABELS, targetName, type PolicyNames } from '@/lib/policies/labels';
import type { PolicyRule, ResetPeriod } from '@/lib/policies/types';

export interface RulesSectionProps {
  rules: readonly PolicyRule[];
  coverage: ReadonlyMap<string, RuleCoverage>;
  names: PolicyNames;
  isSaving: boolean;
  onAdd(): void;
  onEdit(rule: PolicyRule): void;
  onMove(index: number, direction: -1 | 1): void;
  onDelete(rule: PolicyRule): void;
  /** Notify the members the rule decides (absent: no Notify buttons). */
  onNotify?(rule: PolicyRule, opener: HTMLElement): void;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatReset(reset: ResetPeriod | undefined): string {
  if (!reset) return 'Never';
  switch (reset.kind) {
    case 'monthly':
      return `Monthly on day ${reset.day}`;
    case 'dates':
      return `On ${reset.dates.join(', ')}`;
    case 'fiscal-year':
      return `Fiscal year from ${MONTHS[reset.startMonth - 1] ?? '?'} ${reset.startDay}`;
  }
}

/** The rules in order, with the members each covers and decides, and their actions. */
export function RulesSection({
  rules,
  coverage,
  names,
  isSaving,
  onAdd,
  onEdit,
  onMove,
  onDelete,
  onNotify,
}: RulesSectionProps) {
  return (
    <section className="card" aria-labelledby="policies-rules-title">
      <div className="policies-section-head">
        <h2 id="policies-rules-title" className="card-title">
          Rules
        </h2>
        <button type="button" className="button button-primary" onClick={onAdd}>
          Add rule
        </button>
      </div>
      {rules.length === 0 ? (
        <p className="muted">
          No rules yet. Add one to give members of a role, user type or group an allocation, e.g. Creators
          500.
        </p>
      ) : (
        <table className="policies-table">
          <caption className="visually-hidden">Allocation rules, in order</caption>
          <thead>
            <tr>
              <th scope="col">Covers</th>
              <th scope="col">Allocation</th>
              <th scope="col">Reset</th>
              <th scope="col">Members covered</th>
              <th scope="col">Decides</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule, index) => {
              const name = targetName(rule.target, names, rule.targetLabel);
              const label = `${LEVEL_LABELS[rule.target.kind]}: ${name}`;
              const c = coverage.get(rule.id);
              return (
                <tr key={rule.id}>
                  <th scope="row">{label}</th>
                  <td>{formatPolicyAllocation(rule.allocation)}</td>
                  <td>{formatReset(rule.reset)}</td>
                  <td>{c ? formatCount(c.covers) : '—'}</td>
                  <td>{c ? formatCount(c.applies) : '—'}</td>
                  <td className="policies-actions">
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      aria-label={`Move ${label} up`}
                      disabled={index === 0 || isSaving}
                      onClick={() => onMove(index, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      aria-label={`Move ${label} down`}
                      disabled={index === rules.length - 1 || isSaving}
                      onClick={() => onMove(index, 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      aria-label={`Edit ${label}`}
                      onClick={() => onEdit(rule)}
                    >
                      Edit
                    </button>
                    {onNotify && (
                      <button
                        type="button"
                        className="button button-small button-secondary"
                        aria-label={`Notify the ${c ? formatCount(c.applies) : 0} ${c?.applies === 1 ? 'member' : 'members'} ${label} decides`}
                        disabled={!c || c.applies === 0}
                        onClick={(e) => onNotify(rule, e.currentTarget)}
                      >
                        Notify {c ? formatCount(c.applies) : 0} {c?.applies === 1 ? 'member' : 'members'}
                      </button>
                    )}
                    <button
                      type="button"
                      className="button button-small button-danger"
                      aria-label={`Delete ${label}`}
                      disabled={isSaving}
                      onClick={() => onDelete(rule)}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="muted small">
        “Members covered” counts everyone the rule names; “Decides” counts those whose allocation comes from
        it (an override or a stronger rule decides the others).
      </p>
    </section>
  );
}
