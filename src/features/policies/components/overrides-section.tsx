import { displayPerson } from '@/lib/presentation';
import { formatPolicyAllocation } from '@/lib/policies/labels';
import type { MemberOverride } from '@/lib/policies/types';

export interface OverridesSectionProps {
  overrides: readonly MemberOverride[];
  isMasked: boolean;
  isSaving: boolean;
  fullNameOf(username: string): string | undefined;
  onAdd(): void;
  onEdit(override: MemberOverride): void;
  onDelete(override: MemberOverride): void;
}

/** Per-member overrides: one member's own allocation, above every rule. */
export function OverridesSection(props: OverridesSectionProps) {
  const { overrides, isMasked, isSaving, fullNameOf, onAdd, onEdit, onDelete } = props;
  return (
    <section className="card" aria-labelledby="policies-overrides-title">
      <div className="policies-section-head">
        <h2 id="policies-overrides-title" className="card-title">
          Member overrides
        </h2>
        <button type="button" className="button button-secondary" onClick={onAdd}>
          Add override
        </button>
      </div>
      {overrides.length === 0 ? (
        <p className="muted">No overrides. Add one to give a single member their own allocation.</p>
      ) : (
        <table className="policies-table">
          <caption className="visually-hidden">Member overrides</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Allocation</th>
              <th scope="col">Note</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {overrides.map((o) => {
              const person = displayPerson(
                { username: o.username, fullName: fullNameOf(o.username) },
                isMasked,
              );
              const name = person.fullName || person.displayUsername;
              return (
                <tr key={o.id}>
                  <th scope="row">{name}</th>
                  <td>{formatPolicyAllocation(o.allocation)}</td>
                  <td>{o.note ?? ''}</td>
                  <td className="policies-actions">
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      aria-label={`Edit override for ${name}`}
                      onClick={() => onEdit(o)}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button button-small button-danger"
                      aria-label={`Delete override for ${name}`}
                      disabled={isSaving}
                      onClick={() => onDelete(o)}
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
    </section>
  );
}
