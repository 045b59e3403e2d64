import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { isBudgetingEnabled } from '@/lib/arcgis/schemas';
import { memberIndexQueries } from '@/lib/member-index';
import { portalQueries } from '@/lib/portal-queries';
import { sumOfFiniteAllocations, toMemberRow, type MemberRow } from '../utils/member-rows';

/**
 * The member index as table rows (search haystacks and credit status computed once per load) plus
 * the org context the table and dialogs need.
 */
export function useMemberRows(client: ArcGISClient) {
  const portal = useQuery(portalQueries.self(client));
  const index = useQuery(memberIndexQueries.index(client));
  const budgeting = portal.data ? isBudgetingEnabled(portal.data) : false;
  const users = index.data;

  const derived = useMemo(() => {
    if (!users) return undefined;
    const rows: MemberRow[] = users.map((u) => toMemberRow(u, budgeting));
    const roles = [...new Set(rows.map((r) => r.role).filter(Boolean))].sort();
    const userTypes = [...new Set(rows.map((r) => r.userType).filter(Boolean))].sort();
    return { rows, roles, userTypes, sumOfAllocations: sumOfFiniteAllocations(users) };
  }, [users, budgeting]);

  return {
    portal,
    index,
    derived,
    isBudgetingEnabled: budgeting,
    orgAvailable: portal.data?.availableCredits ?? undefined,
  };
}
