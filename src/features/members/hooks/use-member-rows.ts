import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { isBudgetingEnabled } from '@/lib/arcgis/schemas';
import { isPartialMemberIndex, memberIndexQueries } from '@/lib/member-index';
import { portalQueries } from '@/lib/portal-queries';
import { roleNamesOf } from '@/lib/role-names';
import { sourceKindOf, sourceLabel } from '@/lib/policies/labels';
import { usePolicyEvaluation } from '@/lib/policies/use-policy-evaluation';
import {
  rowsWhileLoading,
  sumOfFiniteAllocations,
  toMemberRow,
  type MemberRow,
  type RoleOption,
} from '../utils/member-rows';

/**
 * The member index as table rows (search haystacks and credit status computed once per load) plus
 * the org context the table and dialogs need.
 */
export function useMemberRows(client: ArcGISClient) {
  const portal = useQuery(portalQueries.self(client));
  const index = useQuery(memberIndexQueries.index(client));
  // Custom role names; until they arrive (or if the portal has none to give) rows say
  // "Custom role (Publisher)", never an id.
  const roles = useQuery(portalQueries.roles(client));
  const budgeting = portal.data ? isBudgetingEnabled(portal.data) : false;
  const users = index.data;
  const derived = useMemo(() => {
    if (!users) return undefined;
    const names = roleNamesOf(roles.data);
    const partial = isPartialMemberIndex(users);
    const rows = rowsWhileLoading(users, partial, [budgeting, roles.data], (u) =>
      toMemberRow(u, budgeting, names),
    );
    const roleOptions = new Map<string, string>();
    for (const r of rows) if (r.role) roleOptions.set(r.role, r.roleName);
    const roleList: RoleOption[] = [...roleOptions]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label));
    const userTypes = [...new Set(rows.map((r) => r.userType).filter(Boolean))].sort();
    return {
      rows,
      // The same rows before the Source column is joined on: the name order and search index are
      // built from these, so joining the sources builds neither again.
      baseRows: rows,
      roles: roleList,
      userTypes,
      sumOfAllocations: sumOfFiniteAllocations(users),
      /** Only some of the org's members are in so far (a first load, or the kept first screen). */
      partial,
    };
  }, [users, budgeting, roles.data]);

  // The Source column: joined on separately, so the table shows while policies are still read.
  const policies = usePolicyEvaluation().data;
  const withSources = useMemo(() => {
    if (!derived || !policies?.hasPolicies) return derived;
    const rows = derived.rows.map((row): MemberRow => {
      const result = policies.byUsername.get(row.username.toLowerCase());
      if (!result) return row;
      return {
        ...row,
        source: { kind: sourceKindOf(result), label: sourceLabel(result, policies.doc, policies.names) },
      };
    });
    return { ...derived, rows };
  }, [derived, policies]);

  return {
    portal,
    index,
    derived: withSources,
    isBudgetingEnabled: budgeting,
    orgAvailable: portal.data?.availableCredits ?? undefined,
  };
}
