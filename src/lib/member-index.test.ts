import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { HttpResponse, http } from 'msw';
import { PORTAL_URL, getPortal, issueToken, resetPortal, server } from '../../tests/server';
import { requestParams } from '../../tests/request-params';
import { createArcGISClient, type ArcGISClient } from '@/lib/arcgis/request';
import {
  forgetMemberIndexes,
  keepMemberIndex,
  memberIndexQueries,
  patchMembers,
  readMemberIndexStatus,
  watchMemberIndexStatus,
} from './member-index';
import type { MemberRecord } from './member-index/record';

const USERS_URL = `${PORTAL_URL}/sharing/rest/portals/self/users`;

/** Holds back every users page whose `start` matches, until `release()`. */
function holdPages(held: (start: number) => boolean) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const seen = { requests: 0 };
  server.use(
    http.all(USERS_URL, async ({ request }) => {
      const start = Number((await requestParams(request)).get('start') ?? '1');
      seen.requests += 1;
      if (held(start)) await gate;
      return getPortal().app.fetch(request);
    }),
  );
  return { release, seen };
}

function session(): ArcGISClient {
  const token = issueToken('demo_admin');
  const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
  keepMemberIndex(client, 'demo_admin');
  return client;
}

/** A page (re)loaded: a new query cache, observing the index like a mounted table does. */
function openPage(client: ArcGISClient) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const observer = new QueryObserver(queryClient, memberIndexQueries.index(client));
  const unsubscribe = observer.subscribe(() => undefined);
  const data = () => queryClient.getQueryData(memberIndexQueries.index(client).queryKey);
  const settled = () =>
    vi.waitFor(() => expect(observer.getCurrentResult().fetchStatus).toBe('idle'), { timeout: 15_000 });
  return { queryClient, observer, data, settled, close: unsubscribe };
}

const total = () => getPortal().org.members.length;

beforeEach(async () => {
  resetPortal({ members: 2500 });
  await forgetMemberIndexes();
});
afterEach(() => server.resetHandlers());

describe('the member index', () => {
  it('shows the members loaded so far while a first load runs, then all of them', async () => {
    const client = session();
    const hold = holdPages((start) => start > 2000);
    const page = openPage(client);
    // 2,000 members in, the rest held back by the portal: those loaded show, marked partial.
    await vi.waitFor(() => expect(page.data()?.length).toBe(2000), { timeout: 15_000 });
    expect(page.observer.getCurrentResult().fetchStatus).toBe('fetching');
    hold.release();
    await page.settled();
    expect(page.data()).toHaveLength(total());
    page.close();
  });

  it('a reload shows the kept copy at once, with its age, then re-reads it in the background', async () => {
    const client = session();
    const first = openPage(client);
    await first.settled();
    first.close();
    // Someone changes a member elsewhere; the kept copy doesn't know yet.
    const someone = first.data()![7]!;
    getPortal().org.assign([{ username: someone.username, credits: 777 }]);
    const find = (list: MemberRecord[] | undefined) => list?.find((m) => m.username === someone.username);

    const hold = holdPages(() => true);
    const reload = openPage(client);
    await vi.waitFor(() => expect(reload.data()).toHaveLength(total()), { timeout: 15_000 });
    expect(reload.observer.getCurrentResult().fetchStatus).toBe('fetching');
    expect(find(reload.data())?.assignedCredits).toBe(someone.assignedCredits);
    hold.release();
    await reload.settled();
    expect(reload.data()).toHaveLength(total());
    expect(find(reload.data())?.assignedCredits).toBe(777);
    reload.close();
  });

  it('changes patched in are kept across a reload; sign-out forgets the kept copy', async () => {
    const client = session();
    const first = openPage(client);
    await first.settled();
    const target = first.data()![3]!;
    patchMembers(first.queryClient, client, (m) =>
      m.username === target.username ? { ...m, assignedCredits: 4321, availableCredits: 4321 } : m,
    );
    first.close();
    await new Promise((r) => setTimeout(r, 0));

    // The portal never answers this time: what shows is the kept copy, with the change.
    const hold = holdPages(() => true);
    const reload = openPage(client);
    await vi.waitFor(() => expect(reload.data()).toHaveLength(total()), { timeout: 15_000 });
    const kept = reload.data()!.find((m: MemberRecord) => m.username === target.username);
    expect(kept?.assignedCredits).toBe(4321);
    reload.close();
    await reload.queryClient.cancelQueries();

    await forgetMemberIndexes();
    const before = hold.seen.requests;
    const afterSignOut = openPage(client);
    // Nothing kept: nothing shows once the load has gone to the portal (which still holds it back).
    await vi.waitFor(() => expect(hold.seen.requests).toBeGreaterThan(before), { timeout: 15_000 });
    expect(afterSignOut.data()).toBeUndefined();
    afterSignOut.close();
    await afterSignOut.queryClient.cancelQueries();
  });

  it('a first load that fails part-way shows the error, not a silent part of the org', async () => {
    const client = session();
    server.use(
      http.all(USERS_URL, async ({ request }) => {
        const start = Number((await requestParams(request)).get('start') ?? '1');
        if (start > 2000) return HttpResponse.json({ error: { code: 400, message: 'Bad page.' } });
        return getPortal().app.fetch(request);
      }),
    );
    const page = openPage(client);
    await page.settled();
    expect(page.observer.getCurrentResult().status).toBe('error');
    expect(page.data()).toBeUndefined();
    page.close();
  });
});

describe('a warm visit', () => {
  it('shows the kept first screen and figures, then every kept member, then re-reads the portal', async () => {
    const client = session();
    const first = openPage(client);
    await first.settled();
    const target = [...first.data()!].sort((a, b) => (a.fullName ?? '').localeCompare(b.fullName ?? ''))[0]!;
    patchMembers(first.queryClient, client, (m) =>
      m.username === target.username ? { ...m, assignedCredits: 4321, availableCredits: 4321 } : m,
    );
    const all = first.data()!;
    first.close();
    await new Promise((r) => setTimeout(r, 0));

    const hold = holdPages(() => true);
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const data = () => queryClient.getQueryData<MemberRecord[]>(memberIndexQueries.index(client).queryKey);
    // What is on screen each time the status line changes, in order.
    const shown: { count?: number; kept?: { shown: number; total: number; capped: number } }[] = [];
    const unwatch = watchMemberIndexStatus(() => {
      const status = readMemberIndexStatus(client);
      shown.push({
        count: data()?.length,
        kept: status?.kept && {
          shown: status.kept.shown,
          total: status.kept.total,
          capped: status.kept.summary.capped,
        },
      });
    });
    const observer = new QueryObserver(queryClient, memberIndexQueries.index(client));
    const unsubscribe = observer.subscribe(() => undefined);
    await vi.waitFor(() => expect(data()).toHaveLength(total()), { timeout: 15_000 });

    const capped = all.filter((m) => typeof m.assignedCredits === 'number' && m.assignedCredits >= 0);
    const firstScreen = shown.findIndex((s) => s.kept);
    expect(shown[firstScreen]).toEqual({
      count: 2000,
      kept: { shown: 2000, total: total(), capped: capped.length },
    });
    expect(shown[firstScreen + 1]).toEqual({ count: total(), kept: undefined });
    expect(readMemberIndexStatus(client)).toMatchObject({ fromCache: true, partial: false, loading: true });
    expect(data()!.find((m) => m.username === target.username)?.assignedCredits).toBe(4321);

    hold.release();
    await vi.waitFor(() => expect(observer.getCurrentResult().fetchStatus).toBe('idle'), { timeout: 15_000 });
    expect(readMemberIndexStatus(client)).toMatchObject({
      fromCache: false,
      partial: false,
      kept: undefined,
    });
    unsubscribe();
    unwatch();
  });
});
