import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useArcGISClient } from '@/lib/arcgis/client-context';
import type { MemberRecord } from '@/lib/member-index/record';
import { memberIndexQueries } from '@/lib/member-index';
import { portalQueries } from '@/lib/portal-queries';

/** Members of the cached index by lowercase username, and the org balance, for previews and outcomes. */
export function useMemberLookup(): {
  byName: ReadonlyMap<string, MemberRecord>;
  orgAvailable: number | undefined;
} {
  const client = useArcGISClient();
  const index = useQuery({ ...memberIndexQueries.index(client), throwOnError: false });
  const self = useQuery({ ...portalQueries.self(client), throwOnError: false });
  const byName = useMemo(
    () => new Map((index.data ?? []).map((u) => [u.username.toLowerCase(), u])),
    [index.data],
  );
  return { byName, orgAvailable: self.data?.availableCredits ?? undefined };
}
