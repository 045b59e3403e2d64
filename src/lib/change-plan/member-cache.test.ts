import { QueryClient } from '@tanstack/react-query';
import { PORTAL_URL, getPortal, issueToken, resetPortal, server } from '../../../tests/server';
import { createArcGISClient } from '@/lib/arcgis/request';
import { listUsers } from '@/lib/arcgis/users';
import { memberIndexQueries } from '@/lib/member-index';
import { rereadMembers } from './member-cache';

function setup() {
  const token = issueToken('demo_admin');
  const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
  const queryClient = new QueryClient();
  const paths: string[] = [];
  server.events.on('request:start', ({ request }) => {
    paths.push(new URL(request.url).pathname.replace(/^.*\/sharing\/rest\//, ''));
  });
  return { client, queryClient, paths };
}

afterEach(() => server.events.removeAllListeners());

describe('rereadMembers', () => {
  it('re-reads only the changed members (a filtered search per 100) into the index, never the whole index', async () => {
    resetPortal({ members: 1000 });
    const { client, queryClient, paths } = setup();
    const first = await listUsers(client, { num: 100 });
    const second = await listUsers(client, { num: 100, start: 101 });
    const users = [...first.users, ...second.users];
    // The cached index says 5 for everyone; the portal knows better.
    queryClient.setQueryData(
      memberIndexQueries.index(client).queryKey,
      users.map((u) => ({ ...u, assignedCredits: 5 })),
    );
    paths.length = 0;
    await rereadMembers(
      queryClient,
      client,
      users.slice(0, 150).map((u) => u.username),
    );
    expect(paths.filter((p) => p === 'portals/self/users/search')).toHaveLength(Math.ceil(150 / 100));
    expect(paths.filter((p) => p === 'portals/self/users')).toHaveLength(0);
    const cached = queryClient.getQueryData(memberIndexQueries.index(client).queryKey) ?? [];
    const org = getPortal().org;
    cached.slice(0, 150).forEach((u) => {
      expect(u.assignedCredits).toBe(org.memberCredits(org.findMember(u.username)!).assignedCredits);
    });
    expect(cached.slice(150).every((u) => u.assignedCredits === 5)).toBe(true);
  });

  it('re-reads a few members one by one', async () => {
    resetPortal();
    const { client, queryClient, paths } = setup();
    await rereadMembers(queryClient, client, ['demo_member']);
    expect(paths).toEqual(['community/users/demo_member']);
  });
});
