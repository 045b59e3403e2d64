import { HttpResponse, http } from 'msw';
import { PORTAL_URL, getPortal, issueToken, resetPortal, server } from '../../../tests/server';
import { assignCredits, unassignCredits } from './credits';
import type { CreditBatchProgress } from './credits';
import { fetchAllUsers } from './paging';
import { createArcGISClient } from './request';
import type { ArcGISClient } from './request';
import { creditLimitOf } from './schemas';
import { getUser } from './users';

const REST = `${PORTAL_URL}/sharing/rest`;
const ASSIGN_URL = `${REST}/portals/self/assignUserCredits`;
const UNASSIGN_URL = `${REST}/portals/self/unassignUserCredits`;

function clientAs(username: string): ArcGISClient {
  const token = issueToken(username);
  return createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
}

/** Forwards credit POSTs to the demo portal, recording batch sizes and how many overlap. */
function watchBatches(
  url: string,
  key: 'userAssignments' | 'usernames',
  fail?: (call: number) => Response | undefined,
) {
  const stats = { sizes: [] as number[], inFlight: 0, maxInFlight: 0 };
  server.use(
    http.post(url, async ({ request }) => {
      const form = new URLSearchParams(await request.clone().text());
      const parsed: unknown = JSON.parse(form.get(key) ?? '[]');
      stats.sizes.push(Array.isArray(parsed) ? parsed.length : -1);
      const call = stats.sizes.length;
      stats.inFlight += 1;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        await new Promise((r) => setTimeout(r, 10));
        return fail?.(call) ?? (await getPortal().app.fetch(request));
      } finally {
        stats.inFlight -= 1;
      }
    }),
  );
  return stats;
}

async function memberNames(client: ArcGISClient, count: number): Promise<string[]> {
  const users = await fetchAllUsers(client, { sortField: 'username' });
  return users
    .map((u) => u.username)
    .filter((u) => !u.startsWith('demo_'))
    .slice(0, count);
}

beforeEach(() => resetPortal());

describe('assignCredits', () => {
  it('applies known members and reports an unknown one as not-assigned', async () => {
    const client = clientAs('demo_admin');
    const result = await assignCredits(client, [
      { username: 'demo_member', credits: 250 },
      { username: 'demo_credits', credits: 0 },
      { username: 'no_such_member_xyz', credits: 10 },
    ]);
    expect(result.outcomes).toEqual([
      { username: 'demo_member', status: 'applied' },
      { username: 'demo_credits', status: 'applied' },
      { username: 'no_such_member_xyz', status: 'not-assigned', error: expect.any(String) },
    ]);
    expect(result.counts).toEqual({ applied: 2, 'not-assigned': 1, failed: 0, cancelled: 0 });
    expect(result.ok).toBe(false);

    expect(creditLimitOf(await getUser(client, 'demo_member'))).toMatchObject({
      kind: 'capped',
      assigned: 250,
    });
    expect(creditLimitOf(await getUser(client, 'demo_credits'))).toMatchObject({
      kind: 'capped',
      assigned: 0,
    });
  });

  it('sends 250 assignments as 3 batches, none over 100, at most `concurrency` at once', async () => {
    const client = clientAs('demo_admin');
    const names = await memberNames(client, 250);
    expect(names).toHaveLength(250);
    const stats = watchBatches(ASSIGN_URL, 'userAssignments');
    const progress: CreditBatchProgress[] = [];
    const result = await assignCredits(
      client,
      names.map((username, i) => ({ username, credits: 10 + i })),
      { concurrency: 2, onProgress: (p) => progress.push(p) },
    );
    expect(stats.sizes).toEqual([100, 100, 50]);
    expect(stats.maxInFlight).toBe(2);
    expect(result.ok).toBe(true);
    expect(result.counts.applied).toBe(250);
    expect(progress.at(-1)).toMatchObject({ done: 250, total: 250 });
    expect(creditLimitOf(await getUser(client, names[249] ?? ''))).toMatchObject({ assigned: 259 });
  });

  it('rejects negative or non-finite credits before sending anything', async () => {
    const stats = watchBatches(ASSIGN_URL, 'userAssignments');
    const client = clientAs('demo_admin');
    await expect(
      assignCredits(client, [
        { username: 'demo_member', credits: 5 },
        { username: 'demo_credits', credits: -1 },
      ]),
    ).rejects.toThrow(RangeError);
    await expect(assignCredits(client, [{ username: 'demo_member', credits: Number.NaN }])).rejects.toThrow(
      RangeError,
    );
    expect(stats.sizes).toEqual([]);
    expect(creditLimitOf(await getUser(client, 'demo_member'))).not.toMatchObject({ assigned: 5 });
  });

  it('a failing batch marks only its members failed, with a readable reason', async () => {
    const client = clientAs('demo_admin');
    const names = await memberNames(client, 150);
    watchBatches(ASSIGN_URL, 'userAssignments', (call) =>
      call === 1 ? new HttpResponse('oops', { status: 500 }) : undefined,
    );
    const result = await assignCredits(
      client,
      names.map((username) => ({ username, credits: 40 })),
      { concurrency: 1 },
    );
    expect(result.counts).toEqual({ applied: 50, 'not-assigned': 0, failed: 100, cancelled: 0 });
    expect(result.ok).toBe(false);
    expect(result.outcomes[0]).toEqual({
      username: names[0],
      status: 'failed',
      error: 'The server had a problem (500). Try again.',
    });
    expect(result.outcomes[100]).toEqual({ username: names[100], status: 'applied' });
  });

  it('{success:false} is never reported as applied', async () => {
    server.use(http.post(ASSIGN_URL, () => HttpResponse.json({ success: false })));
    const result = await assignCredits(clientAs('demo_admin'), [{ username: 'demo_member', credits: 1 }]);
    expect(result.outcomes[0]?.status).toBe('failed');
    expect(result.ok).toBe(false);
  });

  it('a member without the privilege gets every member failed with the 403 message', async () => {
    const result = await assignCredits(clientAs('demo_member'), [{ username: 'demo_credits', credits: 5 }]);
    expect(result.outcomes).toEqual([
      {
        username: 'demo_credits',
        status: 'failed',
        error: "You don't have permission to manage credits in this organization (403).",
      },
    ]);
  });

  it('cancel: stops starting batches, lets in-flight ones finish, marks the rest cancelled', async () => {
    const client = clientAs('demo_admin');
    const names = await memberNames(client, 250);
    const stats = watchBatches(ASSIGN_URL, 'userAssignments');
    const controller = new AbortController();
    const result = await assignCredits(
      client,
      names.map((username) => ({ username, credits: 3 })),
      { concurrency: 1, signal: controller.signal, onProgress: () => controller.abort() },
    );
    expect(stats.sizes).toEqual([100]);
    expect(result.counts).toEqual({ applied: 100, 'not-assigned': 0, failed: 0, cancelled: 150 });
    expect(result.outcomes[100]).toMatchObject({ status: 'cancelled' });
    expect(creditLimitOf(await getUser(client, names[0] ?? ''))).toMatchObject({ assigned: 3 });
  });

  it('an AuthError stops further batches; their members are failed, not silently dropped', async () => {
    const client = clientAs('demo_admin');
    const names = await memberNames(client, 250);
    const stats = watchBatches(ASSIGN_URL, 'userAssignments', () =>
      HttpResponse.json({ error: { code: 498, message: 'Invalid token.', details: [] } }),
    );
    const result = await assignCredits(
      client,
      names.map((username) => ({ username, credits: 3 })),
      { concurrency: 1 },
    );
    expect(stats.sizes).toEqual([100]);
    expect(result.counts.failed).toBe(250);
    expect(result.outcomes[200]?.error).toMatch(/Sign in again/);
  });

  it('an empty list sends nothing and is trivially ok', async () => {
    const stats = watchBatches(ASSIGN_URL, 'userAssignments');
    await expect(assignCredits(clientAs('demo_admin'), [])).resolves.toMatchObject({
      outcomes: [],
      ok: true,
    });
    expect(stats.sizes).toEqual([]);
  });
});

describe('unassignCredits', () => {
  it('sets members to no limit and reports unknown ones', async () => {
    const client = clientAs('demo_admin');
    await assignCredits(client, [{ username: 'demo_member', credits: 75 }]);
    expect(creditLimitOf(await getUser(client, 'demo_member')).kind).toBe('capped');

    const result = await unassignCredits(client, ['demo_member', 'no_such_member_xyz']);
    expect(result.outcomes).toEqual([
      { username: 'demo_member', status: 'applied' },
      { username: 'no_such_member_xyz', status: 'not-assigned', error: expect.any(String) },
    ]);
    expect(creditLimitOf(await getUser(client, 'demo_member'))).toEqual({ kind: 'unlimited' });
  });

  it('batches ≤ 100 with usernames as a JSON array', async () => {
    const client = clientAs('demo_admin');
    const names = await memberNames(client, 201);
    const stats = watchBatches(UNASSIGN_URL, 'usernames');
    const result = await unassignCredits(client, names);
    expect(stats.sizes).toEqual([100, 100, 1]);
    expect(result.counts.applied).toBe(201);
  });
});

describe('with the demo portal’s fault injection', () => {
  it('a batch hit by an injected HTTP 500 fails alone; the next batch applies', async () => {
    resetPortal({
      faults: [{ route: 'portals/*/assignUserCredits', failureRate: 1, failure: 'http500', times: 1 }],
    });
    const client = clientAs('demo_admin');
    const names = await memberNames(client, 120);
    const result = await assignCredits(
      client,
      names.map((username) => ({ username, credits: 30 })),
      { concurrency: 1 },
    );
    expect(result.counts).toEqual({ applied: 20, 'not-assigned': 0, failed: 100, cancelled: 0 });
    expect(new Set(result.outcomes.filter((o) => o.status === 'failed').map((o) => o.error))).toEqual(
      new Set(['The server had a problem (500). Try again.']),
    );
    expect(creditLimitOf(await getUser(client, names[0] ?? ''))).not.toMatchObject({ assigned: 30 });
    expect(creditLimitOf(await getUser(client, names[119] ?? ''))).toMatchObject({ assigned: 30 });
  });

  it('an envelope 500 (HTTP 200) counts as failed too, never as applied', async () => {
    resetPortal({
      faults: [{ route: 'portals/*/unassignUserCredits', failureRate: 1, failure: 'envelope500', times: 1 }],
    });
    const result = await unassignCredits(clientAs('demo_admin'), ['demo_member']);
    expect(result.outcomes).toEqual([
      { username: 'demo_member', status: 'failed', error: 'The server had a problem (500). Try again.' },
    ]);
  });
});
