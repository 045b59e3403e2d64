import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useArcGISClient } from '@/lib/arcgis/client-context';
import { isBudgetingEnabled, type PortalSelf, type User } from '@/lib/arcgis/schemas';
import { isPartialMemberIndex, memberIndexQueries, useMemberIndexProgress } from '@/lib/member-index';
import { formatCount } from '@/lib/format';
import { useOrgClock } from '@/lib/org-clock';
import { portalQueries } from '@/lib/portal-queries';
import { projectionMembers } from '@/lib/what-if/from-users';
import { paceQueries, type RecentPace } from '@/lib/what-if/pace-queries';
import {
  project,
  type Cap,
  type CapChanges,
  type ProjectedMember,
  type Projection,
  type ProjectionMember,
} from '@/lib/what-if/projection';
import { toCapChanges, type Sandbox } from '@/lib/what-if/sandbox';
import { policyCaps } from '@/lib/what-if/policy-changes';
import { policyInForceQueries, type PoliciesInForce } from '@/lib/what-if/policy-queries';

export interface WhatIfData {
  portal: PortalSelf;
  users: readonly User[];
  members: ProjectionMember[];
  pace: RecentPace;
  todayDefault: Cap | undefined;
  /** The org's policies; undefined when none could be read (the what-if then works without them). */
  policies: PoliciesInForce | undefined;
  changes: CapChanges;
  today: { summary: Projection; members: ProjectedMember[] };
  whatIf: { summary: Projection; members: ProjectedMember[] };
}

export type WhatIfState =
  | { status: 'pending'; label: string }
  | { status: 'error'; error: unknown; retry: () => void }
  | { status: 'off' }
  | { status: 'ready'; data: WhatIfData };

function defaultOf(portal: PortalSelf): Cap | undefined {
  const value = portal.defaultUserCreditAssignment;
  if (value === undefined || value === null) return undefined;
  return value < 0 ? null : value;
}

/** Today's projection and the sandbox's, from the org, the member index and recent usage. */
export function useWhatIf(sandbox: Sandbox): WhatIfState {
  const client = useArcGISClient();
  const clock = useOrgClock(client);
  const self = useQuery({ ...portalQueries.self(client), throwOnError: false });
  const index = useQuery({ ...memberIndexQueries.index(client), throwOnError: false });
  const pace = useQuery({
    ...paceQueries.recent(client, clock.now()),
    enabled: clock.isReady,
    throwOnError: false,
  });

  const portal = self.data;
  const me = portal?.user
    ? { username: portal.user.username, orgId: portal.id ?? portal.user.orgId }
    : undefined;
  const policiesQuery = useQuery({
    ...policyInForceQueries.inForce(client, me ?? { username: '' }),
    enabled: me !== undefined,
    throwOnError: false,
  });
  const policies = policiesQuery.data;
  const progress = useMemberIndexProgress(client);
  // Projections and plans cover the whole org: a list still loading (or the kept first screen) waits.
  const users = index.data && !isPartialMemberIndex(index.data) ? index.data : undefined;
  const recent = pace.data;
  const members = useMemo(
    () => (users && recent ? projectionMembers(users, recent.members) : undefined),
    [users, recent],
  );
  const todayDefault = portal ? defaultOf(portal) : undefined;
  const fromPolicies = useMemo(
    () =>
      users && policies && todayDefault !== undefined
        ? policyCaps(users, policies.doc, todayDefault, policies.membership, sandbox.ruleAmounts)
        : {},
    [users, policies, todayDefault, sandbox.ruleAmounts],
  );
  const changes = useMemo(
    () => toCapChanges(sandbox, todayDefault, fromPolicies),
    [sandbox, todayDefault, fromPolicies],
  );
  const balance = portal?.availableCredits ?? 0;
  const org = useMemo(
    () => (recent ? { balance, burnPerDay: recent.orgPerDay, from: recent.end } : undefined),
    [balance, recent],
  );
  const today = useMemo(() => (members && org ? project(members, org) : undefined), [members, org]);
  const whatIf = useMemo(
    () => (members && org ? project(members, org, changes) : undefined),
    [members, org, changes],
  );

  if (self.isError && !portal)
    return { status: 'error', error: self.error, retry: () => void self.refetch() };
  if (!portal) return { status: 'pending', label: 'Loading the organization' };
  if (!isBudgetingEnabled(portal)) return { status: 'off' };
  if (index.isError && !users)
    return { status: 'error', error: index.error, retry: () => void index.refetch() };
  if (pace.isError && !recent)
    return { status: 'error', error: pace.error, retry: () => void pace.refetch() };
  if (!users)
    return {
      status: 'pending',
      label: progress
        ? `Loading every member: ${formatCount(progress.loaded)} of ${formatCount(progress.total)}`
        : 'Loading every member',
    };
  if (!recent || !members || !today || !whatIf) return { status: 'pending', label: 'Loading recent usage' };
  // Policies are read once; an org whose portal can't answer (or has none) goes on without them.
  if (policiesQuery.isPending && me) return { status: 'pending', label: 'Loading the policies' };
  return {
    status: 'ready',
    data: { portal, users, members, pace: recent, todayDefault, policies, changes, today, whatIf },
  };
}
