import { useMemo, type ReactNode } from 'react';
import { formatCount } from '@/lib/format';
import type { Cap, ProjectionMember } from '@/lib/what-if/projection';
import type { Sandbox } from '@/lib/what-if/sandbox';
import { describeCap } from '../utils/format';
import { userTypeLabel as userTypeName } from '@/lib/user-type-names';
import { AmountField } from './amount-field';

export interface SandboxEditorProps {
  sandbox: Sandbox;
  members: readonly ProjectionMember[];
  todayDefault: Cap | undefined;
  onChange(change: (s: Sandbox) => Sandbox): void;
  /** More sections (the policies' amounts), after the default. */
  children?: ReactNode;
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

/** The sandbox's default for new members and its amount per user type. */
export function SandboxEditor({ sandbox, members, todayDefault, onChange, children }: SandboxEditorProps) {
  const { types, onDefault } = useMemo(() => {
    const counts = new Map<string, number>();
    let onDefault = 0;
    for (const m of members) {
      if (m.cap === undefined) continue;
      if (todayDefault !== undefined && m.cap === todayDefault) onDefault += 1;
      if (m.userType) counts.set(m.userType, (counts.get(m.userType) ?? 0) + 1);
    }
    const types = [...counts.entries()]
      .map(([id, count]) => ({ id, count, name: userTypeName(id) }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    return { types, onDefault };
  }, [members, todayDefault]);

  return (
    <div className="what-if-editor">
      <fieldset className="what-if-group">
        <legend>Default for new members</legend>
        <AmountField
          label="Default allocation in the what-if"
          hint={`Today: ${describeCap(todayDefault)}. Credits or “no limit”; empty leaves it unchanged.`}
          value={sandbox.defaultAllocation}
          onChange={(next) =>
            onChange((s) => {
              const { defaultAllocation: _old, ...rest } = s;
              return next === undefined ? rest : { ...rest, defaultAllocation: next };
            })
          }
        />
        <div className="field field-checkbox">
          <label>
            <input
              type="checkbox"
              checked={sandbox.moveMembersOnDefault}
              onChange={(e) => onChange((s) => ({ ...s, moveMembersOnDefault: e.target.checked }))}
            />
            Also move the {formatCount(onDefault)} {onDefault === 1 ? 'member' : 'members'} on today’s default
            ({describeCap(todayDefault)}) to the new default
          </label>
        </div>
      </fieldset>
      {children}
      <fieldset className="what-if-group">
        <legend>By user type</legend>
        <p className="muted small">
          Every member of the type gets the amount, unless you set their own cap below.
        </p>
        <div className="what-if-type-grid">
          {types.map((t) => (
            <AmountField
              key={t.id}
              label={`${t.name} (${formatCount(t.count)} ${t.count === 1 ? 'member' : 'members'})`}
              value={sandbox.typeCaps[t.id]}
              onChange={(next) =>
                onChange((s) => ({
                  ...s,
                  typeCaps: next === undefined ? without(s.typeCaps, t.id) : { ...s.typeCaps, [t.id]: next },
                }))
              }
            />
          ))}
        </div>
      </fieldset>
    </div>
  );
}
