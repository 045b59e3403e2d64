import { useMemo } from 'react';
import type { User } from '@/lib/arcgis/schemas';
import { formatCount } from '@/lib/format';
import { displayPerson, usePresentationMode } from '@/lib/presentation';
import type { MemberRunOut, ProjectedMember } from '@/lib/what-if/projection';
import { describeCap, describeMemberRunOut } from '../utils/format';

export interface MemberRunOutsProps {
  users: readonly User[];
  today: readonly ProjectedMember[];
  whatIf: readonly ProjectedMember[];
  now: number;
}

const SHOWN = 15;

function order(r: MemberRunOut): number {
  if (r.kind === 'exhausted') return -1;
  if (r.kind === 'cap' || r.kind === 'org') return r.at;
  return Number.POSITIVE_INFINITY;
}

/** Members whose cap the what-if changes, soonest to run out first, with today's date beside theirs. */
export function MemberRunOuts({ users, today, whatIf, now }: MemberRunOutsProps) {
  const [masked] = usePresentationMode();
  const rows = useMemo(() => {
    const out: { i: number; key: number }[] = [];
    whatIf.forEach((m, i) => {
      if (m.cap !== today[i]?.cap) out.push({ i, key: order(m.runOut) });
    });
    return out.sort((a, b) => a.key - b.key);
  }, [today, whatIf]);

  if (rows.length === 0) {
    return <p className="muted">No member’s cap changes yet: change an amount to see whose run-out moves.</p>;
  }
  return (
    <>
      <table className="what-if-table what-if-members">
        <caption>Members the what-if changes ({formatCount(rows.length)}), soonest to run out first</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Cap today → what-if</th>
            <th scope="col">Runs out today</th>
            <th scope="col">Runs out in the what-if</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map(({ i }) => {
            const user = users[i];
            const before = today[i];
            const after = whatIf[i];
            if (!user || !before || !after) return null;
            const p = displayPerson({ username: user.username, fullName: user.fullName }, masked);
            return (
              <tr key={user.username}>
                <th scope="row">{p.fullName || p.displayUsername}</th>
                <td>
                  {describeCap(before.cap)} → {describeCap(after.cap)}
                </td>
                <td>{describeMemberRunOut(before.runOut, now)}</td>
                <td>{describeMemberRunOut(after.runOut, now)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length > SHOWN && (
        <p className="muted small">
          And {formatCount(rows.length - SHOWN)} more; Apply shows every one of them before anything changes.
        </p>
      )}
    </>
  );
}
