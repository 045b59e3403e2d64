import type { GroupConflict, UncoveredMembers } from '@/lib/policies/types';

export interface PrecedenceNoteProps {
  conflict: GroupConflict;
  uncovered: UncoveredMembers;
}

/** How a member's allocation is decided, in plain words. */
export function PrecedenceNote({ conflict, uncovered }: PrecedenceNoteProps) {
  return (
    <section className="card policies-precedence" aria-labelledby="policies-precedence-title">
      <h2 id="policies-precedence-title" className="card-title">
        How a member’s allocation is decided
      </h2>
      <ol className="policies-precedence-list">
        <li>A member’s own override comes first.</li>
        <li>
          Otherwise a group rule: a member in several groups with rules gets the{' '}
          {conflict === 'highest' ? 'highest' : 'lowest'} of them (no limit counts as the highest).
        </li>
        <li>Otherwise a rule for their user type.</li>
        <li>Otherwise a rule for their role.</li>
        <li>
          {uncovered === 'keep'
            ? 'Otherwise the member keeps the allocation they have now.'
            : 'Otherwise the organization’s default allocation.'}
        </li>
      </ol>
      <p className="muted small">
        Two rules for the same role, user type or group: the one higher in the list applies. Policies change
        nothing by themselves — “Apply policies” on the Overview previews and applies them.
      </p>
    </section>
  );
}
