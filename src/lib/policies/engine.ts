import type { ChangePlan, PlanChange } from '@/lib/change-plan/plan';
import type {
  EffectiveAllocation,
  EffectiveValue,
  GroupConflict,
  GroupMembership,
  MemberOverride,
  PolicyAllocation,
  PolicyDocument,
  PolicyMember,
  PolicyRule,
  PolicySource,
  RuleTarget,
} from '@/lib/policies/types';
import { uncoveredOf } from '@/lib/policies/types';

/**
 * The policy engine: pure functions from (members, policies, org default, group membership) to
 * each member's effective allocation, where it comes from, and whether the member has drifted.
 */

/** A policy allocation as the change pipeline counts it (`null` = no limit). */
export function valueOf(allocation: PolicyAllocation): EffectiveValue {
  return allocation.kind === 'no-limit' ? null : allocation.credits;
}

/** The org default (`defaultUserCreditAssignment`, `-1` = no limit) as an effective value. */
export function orgDefaultValue(defaultUserCreditAssignment: number | null | undefined): EffectiveValue {
  if (defaultUserCreditAssignment === null || defaultUserCreditAssignment === undefined) return null;
  return defaultUserCreditAssignment < 0 ? null : defaultUserCreditAssignment;
}

/** A member's allocation now (`-1` → no limit); `undefined` while budgeting is off. */
export function currentValueOf(member: Pick<PolicyMember, 'assignedCredits'>): EffectiveValue | undefined {
  const a = member.assignedCredits;
  if (a === null || a === undefined) return undefined;
  return a < 0 ? null : a;
}

/** Orders two values by size; no limit is above every number. */
export function compareValues(a: EffectiveValue, b: EffectiveValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

function roleKeyOf(member: PolicyMember): string {
  return member.roleId || member.role || '';
}

/** Live rules in list order (tombstones left out). */
export function liveRules(doc: Pick<PolicyDocument, 'rules'>): PolicyRule[] {
  return doc.rules
    .filter((r) => !r.deleted)
    .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
}

/** Live overrides. */
export function liveOverrides(doc: Pick<PolicyDocument, 'overrides'>): MemberOverride[] {
  return doc.overrides.filter((o) => !o.deleted);
}

/** Lower-cased username → ids of the groups the member is in. */
function groupsByMember(membership: GroupMembership): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [groupId, usernames] of membership) {
    for (const u of usernames) {
      const key = u.toLowerCase();
      let set = out.get(key);
      if (!set) out.set(key, (set = new Set()));
      set.add(groupId);
    }
  }
  return out;
}

function matches(target: RuleTarget, member: PolicyMember, groups: ReadonlySet<string> | undefined): boolean {
  switch (target.kind) {
    case 'role':
      return roleKeyOf(member) === target.roleKey;
    case 'user-type':
      return (member.userLicenseTypeId ?? '') === target.userTypeId;
    case 'group':
      return groups?.has(target.groupId) ?? false;
  }
}

/** A prepared policy: reuse it for many members (the sandbox and the table call it per row). */
export interface PolicyResolver {
  /** The member's effective allocation and its source. */
  resolve(member: PolicyMember): { effective: EffectiveValue; source: PolicySource };
  /** Rules that cover the member (whether or not they win), in list order. */
  coveringRules(member: PolicyMember): PolicyRule[];
}

export function createResolver(
  doc: Pick<PolicyDocument, 'rules' | 'overrides' | 'groupConflict' | 'uncovered'>,
  orgDefault: EffectiveValue,
  membership: GroupMembership = new Map(),
): PolicyResolver {
  const rules = liveRules(doc);
  const groupRules = rules.filter((r) => r.target.kind === 'group');
  const typeRules = rules.filter((r) => r.target.kind === 'user-type');
  const roleRules = rules.filter((r) => r.target.kind === 'role');
  const overrides = new Map(liveOverrides(doc).map((o) => [o.username.toLowerCase(), o]));
  const memberGroups = groupsByMember(membership);
  const conflict: GroupConflict = doc.groupConflict.value;
  const keepUncovered = uncoveredOf(doc) === 'keep';

  const groupWinner = (
    member: PolicyMember,
    groups: ReadonlySet<string> | undefined,
  ): PolicyRule | undefined => {
    let best: PolicyRule | undefined;
    for (const r of groupRules) {
      if (!matches(r.target, member, groups)) continue;
      if (!best) {
        best = r;
        continue;
      }
      const c = compareValues(valueOf(r.allocation), valueOf(best.allocation));
      // Ties keep the earlier rule in the list.
      if ((conflict === 'highest' && c > 0) || (conflict === 'lowest' && c < 0)) best = r;
    }
    return best;
  };

  return {
    resolve(member) {
      const key = member.username.toLowerCase();
      const override = overrides.get(key);
      if (override)
        return {
          effective: valueOf(override.allocation),
          source: { kind: 'override', overrideId: override.id },
        };
      const groups = memberGroups.get(key);
      const rule =
        groupWinner(member, groups) ??
        typeRules.find((r) => matches(r.target, member, groups)) ??
        roleRules.find((r) => matches(r.target, member, groups));
      if (rule)
        return {
          effective: valueOf(rule.allocation),
          source: { kind: 'rule', ruleId: rule.id, level: rule.target.kind },
        };
      // Not covered: their allocation now, when the policies keep it (and there is one to keep).
      const current = keepUncovered ? currentValueOf(member) : undefined;
      if (current !== undefined) return { effective: current, source: { kind: 'kept' } };
      return { effective: orgDefault, source: { kind: 'org-default' } };
    },
    coveringRules(member) {
      const groups = memberGroups.get(member.username.toLowerCase());
      return rules.filter((r) => matches(r.target, member, groups));
    },
  };
}

/** One member's effective allocation, source and drift. */
export function evaluateMember(resolver: PolicyResolver, member: PolicyMember): EffectiveAllocation {
  const { effective, source } = resolver.resolve(member);
  const current = currentValueOf(member);
  return {
    username: member.username,
    effective,
    source,
    current,
    drift: current !== undefined && current !== effective,
  };
}

/**
 * Every member's effective allocation under the policies: the pure entry point for the Members
 * table, the drift count and the what-if sandbox.
 */
export function effectiveAllocations(
  members: readonly PolicyMember[],
  doc: Pick<PolicyDocument, 'rules' | 'overrides' | 'groupConflict' | 'uncovered'>,
  orgDefault: EffectiveValue,
  membership: GroupMembership = new Map(),
): EffectiveAllocation[] {
  const resolver = createResolver(doc, orgDefault, membership);
  return members.map((m) => evaluateMember(resolver, m));
}

/** The members whose allocation differs from what the policies give. */
export function driftOf(results: readonly EffectiveAllocation[]): EffectiveAllocation[] {
  return results.filter((r) => r.drift);
}

export interface RuleCoverage {
  /** Members the rule's target includes. */
  covers: number;
  /** Members whose effective allocation comes from this rule. */
  applies: number;
}

/** Per rule id: how many members it covers and how many it decides. */
export function ruleCoverage(
  members: readonly PolicyMember[],
  doc: Pick<PolicyDocument, 'rules' | 'overrides' | 'groupConflict' | 'uncovered'>,
  orgDefault: EffectiveValue,
  membership: GroupMembership = new Map(),
): Map<string, RuleCoverage> {
  const resolver = createResolver(doc, orgDefault, membership);
  const out = new Map<string, RuleCoverage>(liveRules(doc).map((r) => [r.id, { covers: 0, applies: 0 }]));
  for (const m of members) {
    for (const r of resolver.coveringRules(m)) {
      const c = out.get(r.id);
      if (c) c.covers += 1;
    }
    const { source } = resolver.resolve(m);
    if (source.kind === 'rule') {
      const c = out.get(source.ruleId);
      if (c) c.applies += 1;
    }
  }
  return out;
}

/**
 * The change plan that brings drifted members in line with the policies ("Apply policies"): each
 * member whose allocation differs gets their effective allocation. Members without an allocation
 * (budgeting off) are left out.
 */
export function planForPolicies(results: readonly EffectiveAllocation[]): ChangePlan {
  const changes: PlanChange[] = [];
  for (const r of results) {
    if (!r.drift || r.current === undefined) continue;
    changes.push({ username: r.username, before: r.current, after: r.effective });
  }
  return { kind: 'policies', title: 'Apply policies', changes };
}
