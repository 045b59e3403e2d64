import { createResolver, liveOverrides, liveRules } from '@/lib/policies/engine';
import type { GroupMembership, PolicyDocument, PolicyMember, PolicyRule } from '@/lib/policies/types';
import type { Cap } from './projection';

/** A rule's amount as the sandbox and the change plan count it. */
export function ruleCap(rule: Pick<PolicyRule, 'allocation'>): Cap {
  return rule.allocation.kind === 'no-limit' ? null : rule.allocation.credits;
}

/** Whether the organization has any policy in force (a live rule or override). */
export function hasPolicies(doc: Pick<PolicyDocument, 'rules' | 'overrides'>): boolean {
  return liveRules(doc).length > 0 || liveOverrides(doc).length > 0;
}

/** The document with the sandbox's rule amounts (rule id → amount) in place of today's. */
export function withRuleAmounts<D extends Pick<PolicyDocument, 'rules'>>(
  doc: D,
  amounts: Readonly<Record<string, Cap>>,
): D {
  return {
    ...doc,
    rules: doc.rules.map((r) => {
      const cap = amounts[r.id];
      if (cap === undefined) return r;
      return {
        ...r,
        allocation: cap === null ? { kind: 'no-limit' as const } : { kind: 'credits' as const, credits: cap },
      };
    }),
  };
}

/**
 * Members whose allocation under the policies changes when the sandbox changes rule amounts: lower-case
 * username → the allocation the policies then give them. Members the change does not reach are left out.
 */
export function policyCaps(
  members: readonly PolicyMember[],
  doc: Pick<PolicyDocument, 'rules' | 'overrides' | 'groupConflict'>,
  orgDefault: Cap,
  membership: GroupMembership,
  amounts: Readonly<Record<string, Cap>>,
): Record<string, Cap> {
  const out: Record<string, Cap> = {};
  if (Object.keys(amounts).length === 0) return out;
  const today = createResolver(doc, orgDefault, membership);
  const sandbox = createResolver(withRuleAmounts(doc, amounts), orgDefault, membership);
  for (const m of members) {
    if (m.assignedCredits === null || m.assignedCredits === undefined) continue;
    const before = today.resolve(m).effective;
    const after = sandbox.resolve(m).effective;
    if (before !== after) out[m.username.toLowerCase()] = after;
  }
  return out;
}
