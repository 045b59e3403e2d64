import { formatCredits } from '@/lib/format';
import { roleName, type RoleNames } from '@/lib/role-names';
import { userTypeLabel } from '@/lib/user-type-names';
import type {
  EffectiveAllocation,
  EffectiveValue,
  PolicyAllocation,
  PolicyDocument,
  PolicyRule,
  RuleLevel,
  RuleTarget,
} from '@/lib/policies/types';

/** Names the labels need: custom role names and group titles (by id). */
export interface PolicyNames {
  roles?: RoleNames;
  groups?: ReadonlyMap<string, string>;
}

export const LEVEL_LABELS: Record<RuleLevel, string> = {
  group: 'Group',
  'user-type': 'User type',
  role: 'Role',
};

/** "No limit" or "500". */
export function formatPolicyAllocation(a: PolicyAllocation): string {
  return a.kind === 'no-limit' ? 'No limit' : formatCredits(a.credits);
}

export function formatEffective(v: EffectiveValue | undefined): string {
  if (v === undefined) return '—';
  return v === null ? 'No limit' : formatCredits(v);
}

/** The target's name: "Creator", "Viewer", "GIS-Dept". */
export function targetName(target: RuleTarget, names: PolicyNames = {}, saved?: string): string {
  switch (target.kind) {
    case 'role': {
      const isCustom = !['org_admin', 'org_publisher', 'org_user'].includes(target.roleKey);
      const name = roleName(isCustom ? { roleId: target.roleKey } : { role: target.roleKey }, names.roles);
      return name.startsWith('Custom role') && saved ? saved : name;
    }
    case 'user-type':
      return userTypeLabel(target.userTypeId);
    case 'group':
      return names.groups?.get(target.groupId) ?? saved ?? 'Unknown group';
  }
}

/** "Creator → 500". */
export function ruleSummary(rule: PolicyRule, names: PolicyNames = {}): string {
  return `${targetName(rule.target, names, rule.targetLabel)} → ${formatPolicyAllocation(rule.allocation)}`;
}

/** The Source column's kinds, for filtering and sorting. */
export type SourceKind = 'override' | 'group' | 'user-type' | 'role' | 'org-default' | 'kept' | 'manual';

export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  override: 'Override',
  group: 'Policy: group',
  'user-type': 'Policy: user type',
  role: 'Policy: role',
  'org-default': 'Org default',
  kept: 'Not covered — kept',
  manual: 'Manual — differs from policy',
};

export function sourceKindOf(result: Pick<EffectiveAllocation, 'source' | 'drift'>): SourceKind {
  if (result.drift) return 'manual';
  if (result.source.kind === 'rule') return result.source.level;
  return result.source.kind;
}

/**
 * Where a member's limit comes from, as the Source column says it: "Policy: Creator → 500",
 * "Override", "Org default", or "Manual — differs from policy" when the member's allocation is not
 * what the policies give.
 */
export function sourceLabel(
  result: Pick<EffectiveAllocation, 'source' | 'drift'>,
  doc: Pick<PolicyDocument, 'rules'>,
  names: PolicyNames = {},
): string {
  if (result.drift) return SOURCE_KIND_LABELS.manual;
  const { source } = result;
  if (source.kind === 'override') return 'Override';
  if (source.kind === 'org-default') return 'Org default';
  if (source.kind === 'kept') return SOURCE_KIND_LABELS.kept;
  const rule = doc.rules.find((r) => r.id === source.ruleId);
  return rule ? `Policy: ${ruleSummary(rule, names)}` : 'Policy';
}

/** Where the policies' value comes from, whatever the member has now ("Policy: Creator → 500"). */
export function policySourceLabel(
  result: Pick<EffectiveAllocation, 'source'>,
  doc: Pick<PolicyDocument, 'rules'>,
  names: PolicyNames = {},
): string {
  return sourceLabel({ source: result.source, drift: false }, doc, names);
}
