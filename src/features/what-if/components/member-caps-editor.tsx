import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { User } from '@/lib/arcgis/schemas';
import { allocationOf } from '@/lib/change-plan/plan';
import { formatCount } from '@/lib/format';
import { displayPerson, usePresentationMode } from '@/lib/presentation';
import type { Cap } from '@/lib/what-if/projection';
import type { Sandbox } from '@/lib/what-if/sandbox';
import { describeCap } from '../utils/format';
import { AmountField } from './amount-field';

export interface MemberCapsEditorProps {
  sandbox: Sandbox;
  users: readonly User[];
  onChange(change: (s: Sandbox) => Sandbox): void;
}

const MAX_MATCHES = 8;

function personOf(user: User | undefined, username: string, masked: boolean) {
  const shown = displayPerson({ username, fullName: user?.fullName, email: user?.email }, masked);
  return { name: shown.fullName || shown.displayUsername, username: shown.displayUsername };
}

/** Members' own caps in the sandbox: find a member, give them a cap; each can be taken out again. */
export function MemberCapsEditor({ sandbox, users, onChange }: MemberCapsEditorProps) {
  const id = useId();
  const [masked] = usePresentationMode();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim().toLowerCase());
  const byName = useMemo(() => new Map(users.map((u) => [u.username.toLowerCase(), u])), [users]);
  const matches = useMemo(() => {
    if (deferred.length < 2) return [];
    const out: User[] = [];
    for (const u of users) {
      if (allocationOf(u) === undefined || sandbox.memberCaps[u.username.toLowerCase()] !== undefined)
        continue;
      const p = personOf(u, u.username, masked);
      if (`${p.name} ${p.username}`.toLowerCase().includes(deferred)) out.push(u);
      if (out.length >= MAX_MATCHES) break;
    }
    return out;
  }, [deferred, users, masked, sandbox.memberCaps]);
  const entries = Object.entries(sandbox.memberCaps);

  const setCap = (key: string, cap: Cap | undefined) =>
    onChange((s) => {
      const { [key]: _old, ...rest } = s.memberCaps;
      return { ...s, memberCaps: cap === undefined ? rest : { ...rest, [key]: cap } };
    });

  return (
    <fieldset className="what-if-group">
      <legend>Members’ own caps</legend>
      <div className="field">
        <label htmlFor={`${id}-find`}>Find a member</label>
        <input
          id={`${id}-find`}
          type="search"
          autoComplete="off"
          value={query}
          aria-describedby={`${id}-find-hint`}
          onChange={(e) => setQuery(e.target.value)}
        />
        <span id={`${id}-find-hint`} className="muted small">
          Type two or more letters of a name or username.
        </span>
      </div>
      {deferred.length >= 2 && (
        <ul className="what-if-matches" aria-label="Matching members">
          {matches.length === 0 && <li className="muted">No member with an allocation matches.</li>}
          {matches.map((u) => {
            const p = personOf(u, u.username, masked);
            const cap = allocationOf(u);
            return (
              <li key={u.username}>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => {
                    setCap(u.username.toLowerCase(), cap ?? null);
                    setQuery('');
                  }}
                >
                  Add {p.name}
                </button>{' '}
                <span className="muted small">
                  {p.username} · today {describeCap(cap)}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {entries.length === 0 ? (
        <p className="muted small">No member has their own cap in this what-if yet.</p>
      ) : (
        <ul className="what-if-member-caps" aria-label="Members with their own cap in the what-if">
          {entries.map(([key, cap]) => {
            const user = byName.get(key);
            const p = personOf(user, user?.username ?? key, masked);
            return (
              <li key={key}>
                <AmountField
                  label={`Cap for ${p.name}`}
                  hint={`${p.username} · today ${describeCap(user ? allocationOf(user) : undefined)}${user ? '' : ' · not found in the organization'}`}
                  value={cap}
                  // Emptying the field mid-edit keeps the member; Remove takes them out.
                  onChange={(next) => next !== undefined && setCap(key, next)}
                />
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => setCap(key, undefined)}
                >
                  Remove {p.name} from the what-if
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {entries.length > 0 && (
        <p className="muted small">
          {formatCount(entries.length)} {entries.length === 1 ? 'member has' : 'members have'} their own cap
          here.
        </p>
      )}
    </fieldset>
  );
}
