import { batchesOf, splitPlan, type PlanChange } from './plan';

/** What became of one member's change. Members never sent are `not-sent`, never `failed`. */
export type OutcomeStatus = 'applied' | 'not-assigned' | 'failed' | 'not-sent';

export const OUTCOME_STATUSES: readonly OutcomeStatus[] = ['applied', 'not-assigned', 'failed', 'not-sent'];

export const OUTCOME_LABELS: Record<OutcomeStatus, string> = {
  applied: 'Applied',
  'not-assigned': 'Not assigned',
  failed: 'Failed',
  'not-sent': 'Not sent',
};

export interface MemberOutcome {
  username: string;
  status: OutcomeStatus;
  /** Why: the portal's words for `not-assigned`, the error for `failed`. */
  error?: string;
}

export type OutcomeCounts = Record<OutcomeStatus, number>;

export function emptyCounts(): OutcomeCounts {
  return { applied: 0, 'not-assigned': 0, failed: 0, 'not-sent': 0 };
}

export function countOutcomes(outcomes: Iterable<MemberOutcome>): OutcomeCounts {
  const counts = emptyCounts();
  for (const o of outcomes) counts[o.status] += 1;
  return counts;
}

/** What the portal answered for one batch. */
export interface BatchAnswer {
  success: boolean;
  /** Usernames the portal named as not processed (`notAssignedUsers` / `notUnAssignedUsers`). */
  skipped: readonly string[];
}

export type BatchKind = 'assign' | 'unassign';

export interface ExecuteOptions {
  /** Sends one batch (≤ 100 members) to the portal. */
  send(kind: BatchKind, batch: readonly PlanChange[]): Promise<BatchAnswer>;
  /** Batches in flight at once. Default 4. */
  concurrency?: number;
  /** Members per request, ≤ 100. Default 100. */
  batchSize?: number;
  /** Checked before each batch: once true, nothing more is sent (batches in flight finish). */
  isCancelled(): boolean;
  /** True for an error that means the session ended (the batch is then sent again after sign-in). */
  isSessionEnded(error: unknown): boolean;
  /** Resolves once the admin has signed in again (or the run was cancelled meanwhile). */
  waitForSignIn(): Promise<void>;
  /** Each batch's outcomes as soon as the portal answered. */
  onBatch?(outcomes: readonly MemberOutcome[], kind: BatchKind, batch: readonly PlanChange[]): void;
  describeError(error: unknown): string;
}

export const NOT_ASSIGNED_MESSAGE = 'The portal named this member as not processed.';
const UNSUCCESSFUL_MESSAGE = 'The portal reported the batch as unsuccessful.';
const NOT_SENT_MESSAGE = 'Not sent: the run was cancelled first.';

/**
 * Sends a plan: caps with `assignUserCredits`, no-limits with `unassignUserCredits`, in batches,
 * `concurrency` at a time. A batch that fails because the session ended waits for sign-in and is
 * sent again; every other failure is that batch's members' outcome. Returns one outcome per member,
 * in plan order.
 */
export async function executePlan(
  changes: readonly PlanChange[],
  opts: ExecuteOptions,
): Promise<MemberOutcome[]> {
  const { assign, unassign } = splitPlan(changes);
  const size = opts.batchSize ?? 100;
  const queue: { kind: BatchKind; batch: PlanChange[] }[] = [
    ...batchesOf(assign, size).map((batch) => ({ kind: 'assign' as const, batch })),
    ...batchesOf(unassign, size).map((batch) => ({ kind: 'unassign' as const, batch })),
  ];
  const results = new Map<string, MemberOutcome>();
  let waiting: Promise<void> | null = null;

  const record = (list: MemberOutcome[], kind: BatchKind, batch: PlanChange[]) => {
    for (const o of list) results.set(o.username.toLowerCase(), o);
    opts.onBatch?.(list, kind, batch);
  };

  async function lane(): Promise<void> {
    for (;;) {
      if (waiting) await waiting;
      if (opts.isCancelled()) return;
      const next = queue.shift();
      if (!next) return;
      const { kind, batch } = next;
      try {
        const answer = await opts.send(kind, batch);
        const skipped = new Set(answer.skipped.map((u) => u.toLowerCase()));
        record(
          batch.map((c): MemberOutcome => {
            if (!answer.success)
              return { username: c.username, status: 'failed', error: UNSUCCESSFUL_MESSAGE };
            return skipped.has(c.username.toLowerCase())
              ? { username: c.username, status: 'not-assigned', error: NOT_ASSIGNED_MESSAGE }
              : { username: c.username, status: 'applied' };
          }),
          kind,
          batch,
        );
      } catch (e) {
        if (opts.isSessionEnded(e)) {
          // Put it back first in line; every lane waits for the same sign-in.
          queue.unshift(next);
          waiting ??= opts.waitForSignIn().finally(() => {
            waiting = null;
          });
          continue;
        }
        const error = opts.describeError(e);
        record(
          batch.map((c) => ({ username: c.username, status: 'failed', error })),
          kind,
          batch,
        );
      }
    }
  }

  const width = Math.max(1, Math.min(opts.concurrency ?? 4, queue.length));
  await Promise.all(Array.from({ length: queue.length > 0 ? width : 0 }, lane));

  const notSent: MemberOutcome[] = [];
  for (const { batch } of queue) {
    for (const c of batch)
      notSent.push({ username: c.username, status: 'not-sent', error: NOT_SENT_MESSAGE });
  }
  if (notSent.length > 0) {
    for (const o of notSent) results.set(o.username.toLowerCase(), o);
  }
  return changes.map(
    (c) =>
      results.get(c.username.toLowerCase()) ?? {
        username: c.username,
        status: 'not-sent',
        error: NOT_SENT_MESSAGE,
      },
  );
}
