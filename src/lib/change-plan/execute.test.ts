import { describe, expect, it } from 'vitest';
import { executePlan, type BatchAnswer, type ExecuteOptions } from './execute';
import type { PlanChange } from './plan';

class SessionEnded extends Error {}

function changes(n: number, after: number | null = 5): PlanChange[] {
  return Array.from({ length: n }, (_, i) => ({ username: `m${i}`, before: 1, after }));
}

function options(overrides: Partial<ExecuteOptions> = {}): ExecuteOptions {
  return {
    send: () => Promise.resolve({ success: true, skipped: [] }),
    isCancelled: () => false,
    isSessionEnded: (e) => e instanceof SessionEnded,
    waitForSignIn: () => Promise.resolve(),
    describeError: (e) => (e instanceof Error ? e.message : String(e)),
    ...overrides,
  };
}

describe('executePlan', () => {
  it('sends batches of ≤ 100, at most 4 at once, caps and no-limits to their own endpoint', async () => {
    let inFlight = 0;
    let most = 0;
    const sent: { kind: string; size: number }[] = [];
    const outcomes = await executePlan(
      [...changes(450), ...changes(30, null).map((c) => ({ ...c, username: `n${c.username}` }))],
      options({
        send: async (kind, batch) => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          sent.push({ kind, size: batch.length });
          await new Promise((r) => setTimeout(r, 1));
          inFlight -= 1;
          return { success: true, skipped: [] };
        },
      }),
    );
    expect(most).toBe(4);
    expect(sent.filter((s) => s.kind === 'assign').map((s) => s.size)).toEqual([100, 100, 100, 100, 50]);
    expect(sent.filter((s) => s.kind === 'unassign').map((s) => s.size)).toEqual([30]);
    expect(outcomes.every((o) => o.status === 'applied')).toBe(true);
  });

  it('names members the portal did not assign, and fails a batch with its error', async () => {
    let call = 0;
    const outcomes = await executePlan(
      changes(150),
      options({
        send: (_kind, batch): Promise<BatchAnswer> => {
          call += 1;
          if (call === 2) return Promise.reject(new Error('The server had a problem'));
          return Promise.resolve({ success: true, skipped: [batch[0]?.username ?? ''] });
        },
        concurrency: 1,
      }),
    );
    expect(outcomes[0]).toMatchObject({ username: 'm0', status: 'not-assigned' });
    expect(outcomes[1]).toMatchObject({ status: 'applied' });
    expect(outcomes[120]).toEqual({ username: 'm120', status: 'failed', error: 'The server had a problem' });
  });

  it('after cancel, sends nothing more: the rest are "not sent", never "failed"', async () => {
    let cancelled = false;
    const sent: string[] = [];
    const outcomes = await executePlan(
      changes(1000),
      options({
        concurrency: 2,
        isCancelled: () => cancelled,
        send: (_k, batch) => {
          sent.push(...batch.map((c) => c.username));
          if (sent.length >= 300) cancelled = true;
          return Promise.resolve({ success: true, skipped: [] });
        },
      }),
    );
    const notSent = outcomes.filter((o) => o.status === 'not-sent').map((o) => o.username);
    expect(notSent.length).toBe(1000 - sent.length);
    expect(new Set([...notSent, ...sent]).size).toBe(1000);
    expect(outcomes.some((o) => o.status === 'failed')).toBe(false);
  });

  it('waits for sign-in when the session ends, then resends the batch', async () => {
    let signedIn = false;
    let waits = 0;
    const outcomes = await executePlan(
      changes(250),
      options({
        send: () =>
          signedIn
            ? Promise.resolve({ success: true, skipped: [] })
            : Promise.reject(new SessionEnded('498')),
        waitForSignIn: () => {
          waits += 1;
          signedIn = true;
          return Promise.resolve();
        },
      }),
    );
    expect(waits).toBe(1);
    expect(outcomes.every((o) => o.status === 'applied')).toBe(true);
  });
});
