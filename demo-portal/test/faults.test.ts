import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { Faults, faultsFromEnv } from '../src/faults.ts';
import { call, errorOf, makePortal, ORIGIN, tokenFor } from './helpers.ts';

describe('fault rules', () => {
  it('adds latency to matching routes only', async () => {
    // Simulated time: the answer waits for the clock to reach the latency, whatever the machine's load.
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const portal = makePortal({ faults: [{ route: 'portals/self', latencyMs: 80 }] });
      let settled = false;
      const slow = call(portal, 'portals/self').then((response) => {
        settled = true;
        return response;
      });
      await vi.advanceTimersByTimeAsync(79);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await slow).status).toBe(200);
      // Another route answers with the clock standing still.
      expect((await call(portal, 'info')).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails with http500, http503 or an envelope 500, with globs and `times`', async () => {
    const portal = makePortal({
      faults: [
        { route: 'portals/*/assignUserCredits', failure: 'http500', times: 2 },
        { route: 'portals/*/users', failure: 'http503' },
        { route: 'community/**', failure: 'envelope500' },
      ],
    });
    const admin = tokenFor(portal);
    const body = { userAssignments: JSON.stringify([{ username: 'demo_member', credits: 5 }]) };
    expect(
      (await call(portal, 'portals/self/assignUserCredits', { method: 'POST', token: admin, params: body }))
        .status,
    ).toBe(500);
    expect(
      (await call(portal, 'portals/self/assignUserCredits', { method: 'POST', token: admin, params: body }))
        .status,
    ).toBe(500);
    const third = await call(portal, 'portals/self/assignUserCredits', {
      method: 'POST',
      token: admin,
      params: body,
    });
    expect(third.status).toBe(200);
    expect(z.object({ success: z.literal(true) }).parse(third.body).success).toBe(true);
    const unavailable = await call(portal, 'portals/self/users', { token: admin });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('1');
    const envelope = await call(portal, 'community/users/demo_member', { token: admin });
    expect(envelope.status).toBe(200);
    expect(errorOf(envelope).code).toBe(500);
    expect((await call(portal, 'portals/self/users/search', { token: admin })).status).toBe(200);
  });

  it('`after` lets the first matching requests through, then applies the rule', () => {
    const faults = new Faults([{ route: 'portals/self/users', latencyMs: 5000, after: 2 }]);
    const latencies = Array.from({ length: 4 }, () => faults.decide('portals/self/users').latencyMs);
    expect(latencies).toEqual([0, 0, 5000, 5000]);
    expect(faults.decide('portals/self/users/search').latencyMs).toBe(0);
  });

  it('applies failureRate with a seeded PRNG (repeatable)', () => {
    const faults = new Faults([{ route: 'portals/self', failure: 'http500', failureRate: 0.5 }]);
    const run = () => Array.from({ length: 40 }, () => faults.decide('portals/self').failure !== undefined);
    const first = run();
    expect(first.filter(Boolean).length).toBeGreaterThan(8);
    expect(first.filter(Boolean).length).toBeLessThan(32);
    faults.replace([{ route: 'portals/self', failure: 'http500', failureRate: 0.5 }]);
    expect(run()).toEqual(first);
  });

  it('expireToken makes access tokens invalid (498)', async () => {
    const portal = makePortal({ faults: [{ route: 'community/self', expireToken: true, times: 1 }] });
    const token = tokenFor(portal);
    expect(errorOf(await call(portal, 'community/self', { token })).code).toBe(498);
    const fresh = tokenFor(portal);
    expect((await call(portal, 'community/self', { token: fresh })).body).toMatchObject({
      username: 'demo_admin',
    });
  });

  it('reads DEMO_FAULTS, ignoring invalid JSON', () => {
    const warnings: string[] = [];
    expect(faultsFromEnv('[{"route":"info","latencyMs":5}]')).toEqual([{ route: 'info', latencyMs: 5 }]);
    expect(faultsFromEnv('nope', (m) => warnings.push(m))).toEqual([]);
    expect(faultsFromEnv('[{"latencyMs":5}]', (m) => warnings.push(m))).toEqual([]);
    expect(warnings).toHaveLength(2);
  });
});

describe('test control routes', () => {
  it('do not exist unless enabled', async () => {
    const portal = makePortal();
    for (const [method, path] of [
      ['POST', 'reset'],
      ['POST', 'faults'],
      ['DELETE', 'faults'],
      ['POST', 'expire-tokens'],
    ] as const) {
      const res = await portal.app.fetch(new Request(`${ORIGIN}/portal/__test/${path}`, { method }));
      expect(res.status).toBe(404);
    }
  });

  it('reset, faults and expire-tokens work when enabled', async () => {
    const portal = makePortal({ testControl: true });
    const admin = tokenFor(portal);
    const seeded = portal.org.findMember('demo_member')?.allocation;
    await call(portal, 'portals/self/assignUserCredits', {
      method: 'POST',
      token: admin,
      params: { userAssignments: '[{"username":"demo_member","credits":1}]' },
    });
    expect(portal.org.findMember('demo_member')?.allocation.cap).toBe(1);

    const setFaults = await portal.app.fetch(
      new Request(`${ORIGIN}/portal/__test/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ rules: [{ route: 'info', failure: 'http503' }] }),
      }),
    );
    expect(setFaults.status).toBe(200);
    expect((await call(portal, 'info')).status).toBe(503);
    const badFaults = await portal.app.fetch(
      new Request(`${ORIGIN}/portal/__test/faults`, {
        method: 'POST',
        body: '{"rules":[{"latencyMs":"x"}]}',
      }),
    );
    expect(
      errorOf({ status: 200, headers: badFaults.headers, body: await badFaults.json(), text: '' }).code,
    ).toBe(400);
    await portal.app.fetch(new Request(`${ORIGIN}/portal/__test/faults`, { method: 'DELETE' }));
    expect((await call(portal, 'info')).status).toBe(200);

    await portal.app.fetch(
      new Request(`${ORIGIN}/portal/__test/faults`, {
        method: 'POST',
        body: JSON.stringify({ rules: [{ route: 'info', failure: 'http500' }] }),
      }),
    );
    const reset = await portal.app.fetch(new Request(`${ORIGIN}/portal/__test/reset`, { method: 'POST' }));
    expect(reset.status).toBe(200);
    expect(portal.org.findMember('demo_member')?.allocation).toEqual(seeded);
    expect((await call(portal, 'info')).status).toBe(200);
    // Tokens survive a reset.
    expect((await call(portal, 'community/self', { token: admin })).body).toMatchObject({
      username: 'demo_admin',
    });

    await portal.app.fetch(new Request(`${ORIGIN}/portal/__test/expire-tokens`, { method: 'POST' }));
    expect(errorOf(await call(portal, 'community/self', { token: admin })).code).toBe(498);
  });
});
