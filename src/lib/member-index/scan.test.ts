import { HttpResponse, http } from 'msw';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { PORTAL_URL, issueToken, resetPortal, server } from '../../../tests/server';
import { requestParams } from '../../../tests/request-params';
import { AuthError, NetworkError, ResponseShapeError } from '@/lib/arcgis/errors';
import { mergePages } from '@/lib/arcgis/paging';
import { createArcGISClient } from '@/lib/arcgis/request';
import { listUsers } from '@/lib/arcgis/users';
import {
  MEMBER_RECORD_FIELDS,
  memberRecordPageSchema,
  readMemberRecordPage,
  type MemberRecord,
} from './record';
import { scanThroughPort } from './scan';
import { serveMemberIndex, type IndexPort } from './worker-host';

/** The page and the worker on the two ends of a real message channel (structured clones in between). */
function channel(): { page: IndexPort; close(): void } {
  const { port1, port2 } = new MessageChannel();
  const asPort = (p: MessagePort) => p as unknown as IndexPort;
  serveMemberIndex(asPort(port2));
  port1.start();
  port2.start();
  return {
    page: asPort(port1),
    close: () => {
      port1.close();
      port2.close();
    },
  };
}

const seen: { url: string; body: URLSearchParams }[] = [];
beforeEach(() => {
  resetPortal();
  seen.length = 0;
  server.events.on('request:start', ({ request }) => {
    void requestParams(request.clone()).then((body) => seen.push({ url: request.url, body }));
  });
});
afterEach(() => server.events.removeAllListeners());

async function scan(client: ReturnType<typeof createArcGISClient>) {
  const { page, close } = channel();
  const pages: MemberRecord[][] = [];
  const progress: { loaded: number; total: number }[] = [];
  try {
    const done = await scanThroughPort(page, client, {
      concurrency: 4,
      onPage: (index, records, p) => {
        pages[index] = records;
        progress.push(p);
      },
    });
    return { done, members: mergePages(pages), progress };
  } finally {
    close();
  }
}

describe('the member index worker', () => {
  it('sends every member as a record of just the fields the console reads, page by page', async () => {
    const token = issueToken('demo_admin');
    const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
    const { done, members, progress } = await scan(client);

    const full = await listUsers(client, { num: 100 });
    expect(done.loaded).toBe(full.total);
    expect(members).toHaveLength(full.total);
    expect(progress.at(-1)).toEqual({ loaded: full.total, total: full.total });
    expect(progress.length).toBe(Math.ceil(full.total / 100));
    // Same members, same order, same values; every other field left behind.
    const first = full.users[0]!;
    expect(members[0]!.username).toBe(first.username);
    for (const m of members)
      expect(Object.keys(m).every((k) => (MEMBER_RECORD_FIELDS as readonly string[]).includes(k))).toBe(true);
    expect(Object.keys(first).length).toBeGreaterThan(Object.keys(members[0]!).length);
    for (const field of MEMBER_RECORD_FIELDS) expect(members[0]![field]).toEqual(first[field] ?? undefined);
  });

  it('sends the token in the request body, never in a URL', async () => {
    const token = issueToken('demo_admin');
    const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
    await scan(client);
    const pageRequests = seen.filter((r) => r.url.includes('/portals/self/users'));
    expect(pageRequests.length).toBeGreaterThan(1);
    for (const r of pageRequests) {
      expect(r.url).not.toContain(token);
      expect(r.body.get('token')).toBe(token);
    }
  });

  it('asks the page for a refresh after an expired token, then finishes', async () => {
    resetPortal({ faults: [{ route: 'portals/*/users', expireToken: true, times: 1 }] });
    let token = issueToken('demo_admin');
    const refresh = vi.fn(async () => {
      token = issueToken('demo_admin');
      return true;
    });
    const onAuthError = vi.fn();
    const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token, refresh, onAuthError });
    const { members } = await scan(client);
    expect(members.length).toBeGreaterThanOrEqual(300);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(onAuthError).not.toHaveBeenCalled();
  });

  it('a session that ended surfaces as the same AuthError and tells the session (sign in again)', async () => {
    const onAuthError = vi.fn();
    const client = createArcGISClient({
      portalUrl: PORTAL_URL,
      getToken: () => 'not-a-token',
      refresh: () => Promise.resolve(false),
      onAuthError,
    });
    const error = await scan(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe(498);
    expect(onAuthError).toHaveBeenCalledTimes(1);
    expect(onAuthError.mock.calls[0]![0]).toBeInstanceOf(AuthError);
  });

  it('an unreachable portal surfaces as a NetworkError', async () => {
    server.use(http.all(`${PORTAL_URL}/sharing/rest/portals/self/users`, () => HttpResponse.error()));
    const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => issueToken('demo_admin') });
    const error = await scan(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
  });

  it('a page of the wrong shape surfaces as a ResponseShapeError naming the field', async () => {
    server.use(
      http.all(`${PORTAL_URL}/sharing/rest/portals/self/users`, () =>
        HttpResponse.json({ total: 1, start: 1, num: 100, nextStart: -1, users: [{ username: 42 }] }),
      ),
    );
    const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => issueToken('demo_admin') });
    const error = await scan(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as Error).message).toMatch(/users\.0\.username|username/);
  });
});

describe('checking a users page', () => {
  const user = {
    username: 'ann',
    fullName: 'Ann Lee',
    firstName: 'Ann',
    lastName: 'Lee',
    email: null,
    role: 'org_user',
    roleId: 'r1',
    userLicenseTypeId: 'creatorUT',
    lastLogin: -1,
    assignedCredits: 10,
    availableCredits: 4.5,
    description: 'not kept',
    groups: [{ id: 'g' }],
  };
  const page = (users: unknown[]) => ({ total: users.length, start: 1, num: 100, nextStart: -1, users });

  it('keeps the same fields, with the same values, as the schema', () => {
    const sparse = { username: 'bo' };
    const json = page([user, sparse]);
    expect(readMemberRecordPage(json)).toEqual(memberRecordPageSchema.parse(json));
    expect(Object.keys(readMemberRecordPage(json)!.users[0]!).sort()).toEqual(
      [...MEMBER_RECORD_FIELDS].sort(),
    );
  });

  it('leaves anything unusual to the schema: numeric strings pass there, wrong types fail there', () => {
    const numericString = page([{ ...user, assignedCredits: '12' }]);
    expect(readMemberRecordPage(numericString)).toBeUndefined();
    expect(memberRecordPageSchema.parse(numericString).users[0]?.assignedCredits).toBe(12);
    for (const bad of [
      page([{ ...user, username: 7 }]),
      page([{ ...user, email: 3 }]),
      page([{ ...user, lastLogin: 'yesterday' }]),
      page(['ann']),
      { ...page([user]), total: '1' },
      { total: 1, start: 1, num: 100, nextStart: -1 },
    ]) {
      expect(readMemberRecordPage(bad)).toBeUndefined();
      expect(memberRecordPageSchema.safeParse(bad).success).toBe(false);
    }
  });
});
