import { runBounded } from './concurrency';
import { AuthError, describeError } from './errors';
import type { ArcGISClient } from './request';
import { assignCreditsResponseSchema, unassignCreditsResponseSchema } from './schemas';

/** `assignUserCredits` / `unassignUserCredits` take at most this many members per request. */
export const MAX_CREDIT_BATCH = 100;

export interface CreditAssignment {
  username: string;
  /** A finite number ≥ 0 (0 is a real cap). For "no limit", use `unassignCredits`. */
  credits: number;
}

export type MemberOutcomeStatus = 'applied' | 'not-assigned' | 'failed' | 'cancelled';

export interface MemberOutcome {
  username: string;
  status: MemberOutcomeStatus;
  /** Why, for `not-assigned`, `failed` and `cancelled`. */
  error?: string;
}

export interface CreditBatchResult {
  /** One entry per member, in input order. */
  outcomes: MemberOutcome[];
  counts: Record<MemberOutcomeStatus, number>;
  /** True only when every member was applied. A partial result is never a success. */
  ok: boolean;
}

export interface CreditBatchProgress {
  /** Members whose batch has finished (any outcome). */
  done: number;
  total: number;
  counts: Record<MemberOutcomeStatus, number>;
}

export interface CreditBatchOptions {
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Aborting stops new batches; batches in flight finish; the rest come back `cancelled`. */
  signal?: AbortSignal;
  onProgress?: (progress: CreditBatchProgress) => void;
}

const NOT_ASSIGNED_MESSAGE =
  'The portal did not apply the change to this member (unknown member or not allowed).';
const CANCELLED_MESSAGE = 'Cancelled before this member was sent.';
const UNSUCCESSFUL_MESSAGE = 'The portal reported the batch as unsuccessful.';

/** Splits into consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number = MAX_CREDIT_BATCH): T[][] {
  const n = Math.max(1, Math.min(MAX_CREDIT_BATCH, Math.floor(size)));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}

function emptyCounts(): Record<MemberOutcomeStatus, number> {
  return { applied: 0, 'not-assigned': 0, failed: 0, cancelled: 0 };
}

function validateUsername(username: unknown): string {
  if (typeof username !== 'string' || username.trim() === '') {
    throw new TypeError('Every member needs a username.');
  }
  return username;
}

/** Throws (before any request) on a bad amount, a missing username or conflicting duplicates. */
export function validateAssignments(assignments: readonly CreditAssignment[]): CreditAssignment[] {
  const byName = new Map<string, CreditAssignment>();
  for (const a of assignments) {
    const username = validateUsername(a.username);
    const { credits } = a;
    if (typeof credits !== 'number' || !Number.isFinite(credits) || credits < 0) {
      throw new RangeError(
        `Credits for ${username} must be a number of 0 or more (got ${String(credits)}). To remove a limit, deallocate instead.`,
      );
    }
    const key = username.toLowerCase();
    const existing = byName.get(key);
    if (existing && existing.credits !== credits) {
      throw new RangeError(
        `${username} appears twice with different amounts (${existing.credits} and ${credits}).`,
      );
    }
    if (!existing) byName.set(key, { username, credits });
  }
  return [...byName.values()];
}

interface BatchSpec<T> {
  items: readonly T[];
  usernameOf: (item: T) => string;
  /** Sends one batch; resolves with success and the usernames the portal did not process. */
  send: (batch: readonly T[]) => Promise<{ success: boolean; skipped: readonly string[] }>;
}

async function runCreditBatches<T>(spec: BatchSpec<T>, opts: CreditBatchOptions): Promise<CreditBatchResult> {
  const batches = chunk(spec.items, MAX_CREDIT_BATCH);
  const outcomes: MemberOutcome[][] = batches.map((batch) =>
    batch.map((item) => ({ username: spec.usernameOf(item), status: 'cancelled', error: CANCELLED_MESSAGE })),
  );
  const counts = emptyCounts();
  counts.cancelled = spec.items.length;
  let done = 0;
  let authFailure: string | undefined;

  const settle = (index: number, next: MemberOutcome[]) => {
    outcomes[index] = next;
    for (const o of next) {
      counts.cancelled -= 1;
      counts[o.status] += 1;
    }
    done += next.length;
    opts.onProgress?.({ done, total: spec.items.length, counts: { ...counts } });
  };

  await runBounded(
    batches.length,
    opts.concurrency ?? 4,
    async (index) => {
      const batch = batches[index] ?? [];
      try {
        const { success, skipped } = await spec.send(batch);
        const skippedSet = new Set(skipped.map((u) => u.toLowerCase()));
        settle(
          index,
          batch.map((item): MemberOutcome => {
            const username = spec.usernameOf(item);
            if (!success) return { username, status: 'failed', error: UNSUCCESSFUL_MESSAGE };
            return skippedSet.has(username.toLowerCase())
              ? { username, status: 'not-assigned', error: NOT_ASSIGNED_MESSAGE }
              : { username, status: 'applied' };
          }),
        );
      } catch (e) {
        const error = describeError(e);
        // Every later batch would fail the same way; the app re-authenticates, then retries.
        if (e instanceof AuthError) authFailure = error;
        settle(
          index,
          batch.map((item) => ({ username: spec.usernameOf(item), status: 'failed', error })),
        );
      }
    },
    () => opts.signal?.aborted === true || authFailure !== undefined,
  );

  if (authFailure !== undefined) {
    outcomes.forEach((list, index) => {
      if (list.some((o) => o.status === 'cancelled')) {
        settle(
          index,
          list.map((o) => ({ username: o.username, status: 'failed', error: authFailure })),
        );
      }
    });
  }

  const flat = outcomes.flat();
  return { outcomes: flat, counts, ok: flat.length > 0 ? counts.applied === flat.length : true };
}

/**
 * E8 `POST portals/self/assignUserCredits` in batches of ≤ 100 (`userAssignments` as a JSON
 * string), at most `concurrency` at once. Never throws for a failed batch: each member gets an
 * outcome. Throws before any request for invalid input.
 */
export async function assignCredits(
  client: ArcGISClient,
  assignments: readonly CreditAssignment[],
  opts: CreditBatchOptions = {},
): Promise<CreditBatchResult> {
  const items = validateAssignments(assignments);
  return runCreditBatches(
    {
      items,
      usernameOf: (a) => a.username,
      send: async (batch) => {
        const res = await client.apiPost('portals/self/assignUserCredits', {
          schema: assignCreditsResponseSchema,
          params: {
            userAssignments: JSON.stringify(batch.map(({ username, credits }) => ({ username, credits }))),
          },
        });
        return { success: res.success, skipped: res.notAssignedUsers ?? [] };
      },
    },
    opts,
  );
}

/**
 * E9 `POST portals/self/unassignUserCredits`: removes allocations, i.e. sets members to
 * **no limit** (`usernames` as a JSON string). Same batching and outcomes as `assignCredits`.
 */
export async function unassignCredits(
  client: ArcGISClient,
  usernames: readonly string[],
  opts: CreditBatchOptions = {},
): Promise<CreditBatchResult> {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const name of usernames) {
    const username = validateUsername(name);
    if (seen.has(username.toLowerCase())) continue;
    seen.add(username.toLowerCase());
    items.push(username);
  }
  return runCreditBatches(
    {
      items,
      usernameOf: (u) => u,
      send: async (batch) => {
        const res = await client.apiPost('portals/self/unassignUserCredits', {
          schema: unassignCreditsResponseSchema,
          params: { usernames: JSON.stringify(batch) },
        });
        return { success: res.success, skipped: res.notUnAssignedUsers ?? [] };
      },
    },
    opts,
  );
}

/**
 * One `assignUserCredits` request (≤ 100 members, credits ≥ 0), for callers that run their own
 * batching (the change runner). Resolves with the portal's success flag and the members it named as
 * not assigned; throws `ApiError`/`AuthError` like any request.
 */
export async function sendAssignBatch(
  client: ArcGISClient,
  batch: readonly CreditAssignment[],
  opts: { signal?: AbortSignal } = {},
): Promise<{ success: boolean; skipped: string[] }> {
  const items = validateAssignments(batch);
  if (items.length > MAX_CREDIT_BATCH)
    throw new RangeError(`At most ${MAX_CREDIT_BATCH} members per request.`);
  const res = await client.apiPost('portals/self/assignUserCredits', {
    schema: assignCreditsResponseSchema,
    params: {
      userAssignments: JSON.stringify(items.map(({ username, credits }) => ({ username, credits }))),
    },
    signal: opts.signal,
  });
  return { success: res.success, skipped: res.notAssignedUsers ?? [] };
}

/** One `unassignUserCredits` request (≤ 100 members → no limit). */
export async function sendUnassignBatch(
  client: ArcGISClient,
  usernames: readonly string[],
  opts: { signal?: AbortSignal } = {},
): Promise<{ success: boolean; skipped: string[] }> {
  const items = usernames.map(validateUsername);
  if (items.length > MAX_CREDIT_BATCH)
    throw new RangeError(`At most ${MAX_CREDIT_BATCH} members per request.`);
  const res = await client.apiPost('portals/self/unassignUserCredits', {
    schema: unassignCreditsResponseSchema,
    params: { usernames: JSON.stringify(items) },
    signal: opts.signal,
  });
  return { success: res.success, skipped: res.notUnAssignedUsers ?? [] };
}
