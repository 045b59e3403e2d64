import { HttpResponse, http } from 'msw';
import { PORTAL_URL, getPortal, issueToken, resetPortal, server } from '../../../tests/server';
import { ApiError, AuthError } from './errors';
import { fetchAllUsers } from './paging';
import type { ScanProgress } from './paging';
import { createArcGISClient } from './request';
import { listUsers } from './users';
import { requestParams, withParams } from '../../../tests/request-params';

const USERS_URL = `${PORTAL_URL}/sharing/rest/portals/self/users`;

function adminClient() {
  const token = issueToken('demo_admin');
  return createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
}

/** Wraps the demo portal's users route to watch pages go by (and optionally break some). */
function watchPages(fail?: (start: number, attempt: number) => Response | undefined) {
  const attempts = new Map<number, number>();
  const stats = { inFlight: 0, maxInFlight: 0, requests: 0, attempts };
  server.use(
    http.all(USERS_URL, async ({ request }) => {
      const start = Number((await requestParams(request)).get('start') ?? '1');
      const attempt = (attempts.get(start) ?? 0) + 1;
      attempts.set(start, attempt);
      stats.requests += 1;
      stats.inFlight += 1;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        await new Promise((r) => setTimeout(r, 5));
        return fail?.(start, attempt) ?? (await getPortal().app.fetch(request));
      } finally {
        stats.inFlight -= 1;
      }
    }),
  );
  return stats;
}

beforeEach(() => resetPortal());

describe('fetchAllUsers', () => {
  it('loads every member once, in order, with progress and bounded concurrency', async () => {
    const client = adminClient();
    const { total } = await listUsers(client, { num: 1 });
    const stats = watchPages();
    const progress: ScanProgress[] = [];
    const users = await fetchAllUsers(client, { sortField: 'username', onProgress: (p) => progress.push(p) });

    expect(users).toHaveLength(total);
    expect(new Set(users.map((u) => u.username)).size).toBe(total);
    const names = users.map((u) => u.username);
    expect(names).toEqual([...names].sort());
    expect(stats.requests).toBe(Math.ceil(total / 100));
    expect(stats.maxInFlight).toBeLessThanOrEqual(4);
    expect(stats.maxInFlight).toBeGreaterThan(1);
    expect(progress[0]).toEqual({ loaded: 100, total });
    expect(progress.at(-1)).toEqual({ loaded: total, total });
    expect(progress.map((p) => p.loaded)).toEqual([...progress.map((p) => p.loaded)].sort((a, b) => a - b));
  });

  it('honours a smaller page size and concurrency', async () => {
    const stats = watchPages();
    const users = await fetchAllUsers(adminClient(), { num: 25, concurrency: 2 });
    expect(stats.maxInFlight).toBeLessThanOrEqual(2);
    expect(stats.requests).toBe(Math.ceil(users.length / 25));
  });

  it('de-duplicates members that shift between pages', async () => {
    const client = adminClient();
    // The second page overlaps the first (as when a member joins mid-scan).
    server.use(
      http.all(USERS_URL, async ({ request }) => {
        const start = (await requestParams(request)).get('start');
        return getPortal().app.fetch(start === '101' ? await withParams(request, { start: '91' }) : request);
      }),
    );
    const users = await fetchAllUsers(client, { sortField: 'username' });
    expect(new Set(users.map((u) => u.username)).size).toBe(users.length);
  });

  it('retries a failed page, then succeeds', async () => {
    const stats = watchPages((start, attempt) =>
      start === 101 && attempt <= 2 ? new HttpResponse('busy', { status: 503 }) : undefined,
    );
    const users = await fetchAllUsers(adminClient(), { retryDelayMs: 1 });
    expect(users.length).toBeGreaterThanOrEqual(300);
    expect(stats.attempts.get(101)).toBe(3);
  });

  it('asks again for a page that never answers, instead of waiting for it for good', async () => {
    const held = new Set<number>();
    server.use(
      http.all(USERS_URL, async ({ request }) => {
        const start = Number((await requestParams(request)).get('start') ?? '1');
        // The first request for the second page hangs until it is given up.
        if (start === 101 && !held.has(start)) {
          held.add(start);
          await new Promise<void>((resolve) => request.signal.addEventListener('abort', () => resolve()));
          return new HttpResponse(null, { status: 499 });
        }
        return getPortal().app.fetch(request);
      }),
    );
    const users = await fetchAllUsers(adminClient(), { retryDelayMs: 1, pageTimeoutMs: 200 });
    expect(users.length).toBe(getPortal().org.members.length);
    expect(held.has(101)).toBe(true);
  });

  it('fails the scan after 2 retries of the same page', async () => {
    const stats = watchPages((start) =>
      start === 201 ? HttpResponse.json({ error: { code: 500, message: 'x' } }) : undefined,
    );
    const error = await fetchAllUsers(adminClient(), { retryDelayMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(stats.attempts.get(201)).toBe(3);
  });

  it('does not retry an AuthError; it propagates', async () => {
    const stats = watchPages((start) =>
      start === 101
        ? HttpResponse.json({ error: { code: 498, message: 'Invalid token.', details: [] } })
        : undefined,
    );
    await expect(fetchAllUsers(adminClient(), { retryDelayMs: 1 })).rejects.toBeInstanceOf(AuthError);
    expect(stats.attempts.get(101)).toBe(1);
  });

  it('aborts cleanly', async () => {
    const controller = new AbortController();
    const stats = watchPages();
    const pending = fetchAllUsers(adminClient(), {
      concurrency: 1,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((r) => setTimeout(r, 30));
    expect(stats.requests).toBeLessThanOrEqual(2);
  });
});

describe('fetchAllUsers with the demo portal’s fault injection', () => {
  it('rides out injected 503s on the first page', async () => {
    resetPortal({ faults: [{ route: 'portals/*/users', failureRate: 1, failure: 'http503', times: 2 }] });
    const users = await fetchAllUsers(adminClient(), { retryDelayMs: 1 });
    expect(users.length).toBeGreaterThanOrEqual(300);
  });

  it('an injected token expiry mid-scan is refreshed once, then the scan completes', async () => {
    resetPortal({ faults: [{ route: 'portals/*/users', expireToken: true, times: 1 }] });
    let token = issueToken('demo_admin');
    const refresh = vi.fn(async () => {
      token = issueToken('demo_admin');
      return true;
    });
    const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token, refresh });
    const users = await fetchAllUsers(client);
    expect(users.length).toBeGreaterThanOrEqual(300);
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
