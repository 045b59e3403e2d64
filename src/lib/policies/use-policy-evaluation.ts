import { useDeferredValue, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useArcGISSession } from '@/lib/arcgis/client-context';
import { isBudgetingEnabled } from '@/lib/arcgis/schemas';
import { isPartialMemberIndex, memberIndexQueries } from '@/lib/member-index';
import type { MemberRecord } from '@/lib/member-index/record';
import { portalQueries } from '@/lib/portal-queries';
import { roleNamesOf } from '@/lib/role-names';
import { createResolver, evaluateMember, liveRules, orgDefaultValue } from '@/lib/policies/engine';
import type { PolicyNames } from '@/lib/policies/labels';
import { policyQueries } from '@/lib/policies/policy-queries';
import type {
  EffectiveAllocation,
  EffectiveValue,
  GroupMembership,
  PolicyDocument,
} from '@/lib/policies/types';

export interface PolicyEvaluation {
  doc: PolicyDocument;
  /** Lower-cased username → the member's effective allocation, source and drift. */
  byUsername: ReadonlyMap<string, EffectiveAllocation>;
  results: readonly EffectiveAllocation[];
  drift: readonly EffectiveAllocation[];
  names: PolicyNames;
  /** True when there is at least one live rule or override. */
  hasPolicies: boolean;
  budgetingEnabled: boolean;
  /** What the engine was given (every member's record), for rule coverage, the what-if sandbox and Notify. */
  members: readonly MemberRecord[];
  orgDefault: EffectiveValue;
  membership: GroupMembership;
}

export interface PolicyEvaluationState {
  data: PolicyEvaluation | undefined;
  isPending: boolean;
  error: Error | null;
  refetch: () => void;
}

/** The stored policies, evaluated over the org's member index (shared by Members and Overview). */
export function usePolicyEvaluation(): PolicyEvaluationState {
  const { client, username } = useArcGISSession();
  // Errors show inside the panels that use this (never thrown to the page's boundary).
  const self = useQuery({ ...portalQueries.self(client), throwOnError: false });
  const orgId = self.data?.id ?? '';
  const me = { username, orgId: orgId || undefined };
  const policies = useQuery({
    ...policyQueries.document(client, me),
    enabled: Boolean(self.data),
    throwOnError: false,
  });
  const members = useQuery({ ...memberIndexQueries.index(client), throwOnError: false });
  const roles = useQuery({ ...portalQueries.roles(client), throwOnError: false });
  const groups = useQuery({
    ...policyQueries.groups(client, orgId),
    enabled: Boolean(orgId),
    throwOnError: false,
  });
  // Evaluated over the whole org only (never a part read so far, nor a warm visit's first screen),
  // and after the table has shown the members: at 250,000 members this takes a few hundred ms.
  const whole = members.data && !isPartialMemberIndex(members.data) ? members.data : undefined;
  const everyMember = useDeferredValue(whole);
  const doc = policies.data?.doc;
  const groupIds = useMemo(
    () => (doc ? liveRules(doc).flatMap((r) => (r.target.kind === 'group' ? [r.target.groupId] : [])) : []),
    [doc],
  );
  const membership = useQuery({
    ...policyQueries.membership(client, groupIds),
    enabled: groupIds.length > 0,
    throwOnError: false,
  });

  const data = useMemo((): PolicyEvaluation | undefined => {
    if (!doc || !everyMember || !self.data) return undefined;
    if (groupIds.length > 0 && !membership.data) return undefined;
    const orgDefault = orgDefaultValue(self.data.defaultUserCreditAssignment);
    const groupMembers: GroupMembership = membership.data ?? new Map();
    const resolver = createResolver(doc, orgDefault, groupMembers);
    const results = everyMember.map((m) => evaluateMember(resolver, m));
    return {
      doc,
      results,
      byUsername: new Map(results.map((r) => [r.username.toLowerCase(), r])),
      drift: results.filter((r) => r.drift),
      names: {
        roles: roleNamesOf(roles.data),
        groups: new Map((groups.data ?? []).map((g) => [g.id, g.title])),
      },
      hasPolicies: liveRules(doc).length > 0 || doc.overrides.some((o) => !o.deleted),
      budgetingEnabled: isBudgetingEnabled(self.data),
      members: everyMember,
      orgDefault,
      membership: groupMembers,
    };
  }, [doc, everyMember, self.data, groupIds.length, membership.data, roles.data, groups.data]);

  const error = self.error ?? policies.error ?? members.error ?? membership.error ?? null;
  return {
    data,
    isPending: !data && !error,
    error,
    refetch: () => {
      void policies.refetch();
      void membership.refetch();
    },
  };
}
