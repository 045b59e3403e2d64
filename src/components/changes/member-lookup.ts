import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useArcGISClient } from '@/lib/arcgis/client-context';
import type { User } from '@/lib/arcgis/schemas';
import { memberIndexQueries } from '@/lib/member-index';
import { portalQueries } from '@/lib/portal-queries';

/** Members of the cached index by lowercase username, and the org balance, for previews and outcomes. */
export function useMemberLookup(): { byName: ReadonlyMap<string, User>; orgAvailable: number | undefined } {
  const client = useArcGISClient();
  const index = useQuery({ ...memberIndexQueries.index(client), throwOnError: false });
  const self = useQuery({ ...portalQueries.self(client), throwOnError: false });
  const byName = useMemo(
    () => new Map((index.data ?? []).map((u) => [u.username.toLowerCase(), u])),
    [index.data],
  );
  return { byName, orgAvailable: self.data?.availableCredits ?? undefined };
}
