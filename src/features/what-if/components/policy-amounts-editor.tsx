import { useQuery } from '@tanstack/react-query';
import { useArcGISClient } from '@/lib/arcgis/client-context';
import { LEVEL_LABELS, targetName } from '@/lib/policies/labels';
import { liveRules } from '@/lib/policies/engine';
import type { PolicyDocument } from '@/lib/policies/types';
import { portalQueries } from '@/lib/portal-queries';
import { roleNamesOf } from '@/lib/role-names';
import { ruleCap } from '@/lib/what-if/policy-changes';
import type { Sandbox } from '@/lib/what-if/sandbox';
import { describeCap } from '../utils/format';
import { AmountField } from './amount-field';

export interface PolicyAmountsEditorProps {
  doc: PolicyDocument;
  sandbox: Sandbox;
  onChange(change: (s: Sandbox) => Sandbox): void;
}

/** The amounts of the organization's policy rules, tried out in the sandbox. */
export function PolicyAmountsEditor({ doc, sandbox, onChange }: PolicyAmountsEditorProps) {
  const client = useArcGISClient();
  const roles = useQuery({ ...portalQueries.roles(client), throwOnError: false });
  const rules = liveRules(doc);
  if (rules.length === 0) return null;
  const names = { roles: roleNamesOf(roles.data) };
  return (
    <fieldset className="what-if-group">
      <legend>Policies</legend>
      <p className="muted small">
        Each rule’s amount, for the members it decides. Applying saves the new amounts with the policies.
      </p>
      <div className="what-if-type-grid">
        {rules.map((r) => (
          <AmountField
            key={r.id}
            label={`${LEVEL_LABELS[r.target.kind]} rule: ${targetName(r.target, names, r.targetLabel)}`}
            hint={`Today: ${describeCap(ruleCap(r))}`}
            value={sandbox.ruleAmounts[r.id]}
            onChange={(next) =>
              onChange((s) => {
                const { [r.id]: _old, ...rest } = s.ruleAmounts;
                return { ...s, ruleAmounts: next === undefined ? rest : { ...rest, [r.id]: next } };
              })
            }
          />
        ))}
      </div>
    </fieldset>
  );
}
