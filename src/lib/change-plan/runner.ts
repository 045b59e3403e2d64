import type { QueryClient } from '@tanstack/react-query';
import { sendAssignBatch, sendUnassignBatch } from '@/lib/arcgis/credits';
import { AuthError, describeError } from '@/lib/arcgis/errors';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { emptyCounts, executePlan, type MemberOutcome, type OutcomeCounts } from './execute';
import { newEntryId, type AllocationRunEntry, type JournalStore, type SettingEntry } from './journal';
import { journalQueries } from './journal-queries';
import type { MemberRecord } from '@/lib/member-index/record';
import { memberIndexQueries, patchMembers } from '@/lib/member-index';
import { patchApplied, rereadMembers } from './member-cache';
import type { Allocation, ChangePlan } from './plan';

export type RunState = 'queued' | 'running' | 'waiting-for-sign-in' | 'finished';

export interface Run {
  id: string;
  plan: ChangePlan;
  state: RunState;
  startedAt: number;
  finishedAt?: number;
  cancelRequested: boolean;
  /** Members whose batch has been answered. */
  done: number;
  total: number;
  counts: OutcomeCounts;
  /** Outcomes so far (every member once finished, in plan order). */
  outcomes: readonly MemberOutcome[];
  /** Members an undo left out, with the reason. */
  skipped?: { username: string; reason: string }[];
  /** While running: how often (ms) the member table shows what has been applied so far. */
  tableUpdateEvery?: number;
}

export interface RunnerDeps {
  client: ArcGISClient;
  queryClient: QueryClient;
  journal: JournalStore;
  /** Who is signed in (recorded in the journal). */
  username: string;
  /** Sends a run's batches (default `client`): the app's sends them from a Web Worker. */
  batchClient?: ArcGISClient;
  /** Batches in flight at once. Default 4. */
  concurrency?: number;
  /** Called once an entry was written to this browser's journal (to share it with the org). */
  onJournaled?: () => void;
}

export interface StartOptions {
  skipped?: { username: string; reason: string }[];
  /** Show the change in the member index before the portal answers; roll back what was not applied. */
  optimistic?: boolean;
}

/**
 * Runs change plans, one after another, outside every dialog: mounted once for the signed-in app.
 * Closing a dialog or leaving a page never stops a run; a run whose session ended waits for sign-in
 * and carries on. Every run is journaled; the member index is patched from the portal's answers
 * and only the changed members are re-read afterwards.
 */
export class ChangeRunner {
  private runs: Run[] = [];
  private listeners = new Set<() => void>();
  private chain: Promise<unknown> = Promise.resolve();
  private signInWaiters = new Set<() => void>();
  private readonly deps: RunnerDeps;

  constructor(deps: RunnerDeps) {
    this.deps = deps;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** This page's runs, oldest first (a new array whenever anything changes). */
  getRuns = (): readonly Run[] => this.runs;

  /** The run being sent (or waiting for sign-in), if any. */
  active(): Run | undefined {
    return this.runs.find((r) => r.state === 'running' || r.state === 'waiting-for-sign-in');
  }

  isBusy(): boolean {
    return this.runs.some((r) => r.state !== 'finished');
  }

  get(id: string): Run | undefined {
    return this.runs.find((r) => r.id === id);
  }

  /** Queues a plan; resolves with the finished run. */
  start(plan: ChangePlan, opts: StartOptions = {}): { id: string; finished: Promise<Run> } {
    const run: Run = {
      id: newEntryId(),
      plan,
      state: 'queued',
      startedAt: Date.now(),
      cancelRequested: false,
      done: 0,
      total: plan.changes.length,
      counts: emptyCounts(),
      outcomes: [],
      skipped: opts.skipped,
    };
    this.runs = [...this.runs, run];
    this.emit();
    const rollback = opts.optimistic ? this.applyOptimistically(plan) : undefined;
    const finished = this.chain.then(() => this.execute(run.id, rollback));
    this.chain = finished.catch(() => undefined);
    return { id: run.id, finished };
  }

  /** Stops sending: batches in flight finish; the rest are "not sent". */
  cancel(id: string): void {
    this.update(id, (r) => (r.state === 'finished' ? r : { ...r, cancelRequested: true }));
    // A run waiting for sign-in stops waiting.
    if (this.get(id)?.cancelRequested) this.wakeSignInWaiters();
  }

  /** A new run of the members whose change failed or was not sent. */
  retryFailed(id: string): { id: string; finished: Promise<Run> } | undefined {
    const run = this.get(id);
    if (!run || run.state !== 'finished') return undefined;
    const retry = new Set(
      run.outcomes
        .filter((o) => o.status === 'failed' || o.status === 'not-sent')
        .map((o) => o.username.toLowerCase()),
    );
    const changes = run.plan.changes.filter((c) => retry.has(c.username.toLowerCase()));
    if (changes.length === 0) return undefined;
    return this.start({ kind: 'retry', title: `Retry: ${run.plan.title}`, changes });
  }

  /** The admin signed in again: runs waiting for it carry on. */
  signedInAgain(): void {
    this.wakeSignInWaiters();
  }

  /** Journals a change of an org setting (budgeting on/off, default allocation). */
  async journalSetting(
    setting: SettingEntry['setting'],
    before: Allocation,
    after: Allocation,
  ): Promise<void> {
    const now = Date.now();
    await this.deps.journal.put({
      type: 'setting',
      id: newEntryId(),
      portalUrl: this.deps.client.portalUrl,
      username: this.deps.username,
      startedAt: now,
      finishedAt: now,
      state: 'finished',
      setting,
      before,
      after,
    });
    void this.deps.queryClient.invalidateQueries({ queryKey: journalQueries.all() });
    this.deps.onJournaled?.();
  }

  private wakeSignInWaiters(): void {
    const waiters = [...this.signInWaiters];
    this.signInWaiters.clear();
    for (const w of waiters) w();
  }

  private emit(): void {
    if (this.emitTimer !== undefined) clearTimeout(this.emitTimer);
    this.emitTimer = undefined;
    for (const l of [...this.listeners]) l();
  }

  private emitTimer: ReturnType<typeof setTimeout> | undefined;

  /** Tells listeners soon (progress: a thousand batches a run would re-render the panel a thousand times). */
  private emitSoon(): void {
    this.emitTimer ??= setTimeout(() => this.emit(), PROGRESS_EVERY_MS);
  }

  private update(id: string, change: (run: Run) => Run, opts: { progress?: boolean } = {}): void {
    this.runs = this.runs.map((r) => (r.id === id ? change(r) : r));
    if (opts.progress) this.emitSoon();
    else this.emit();
  }

  private entryOf(run: Run): AllocationRunEntry {
    return {
      type: 'allocations',
      id: run.id,
      portalUrl: this.deps.client.portalUrl,
      username: this.deps.username,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      state: run.state !== 'finished' ? 'running' : run.counts['not-sent'] > 0 ? 'cancelled' : 'finished',
      plan: run.plan,
      outcomes: [...run.outcomes],
      counts: { ...run.counts },
      skipped: run.skipped,
    };
  }

  private async journal(run: Run): Promise<void> {
    try {
      await this.deps.journal.put(this.entryOf(run));
    } catch {
      // The journal is a record, not a gate: a full or blocked store never stops a run.
    }
    void this.deps.queryClient.invalidateQueries({ queryKey: journalQueries.all() });
    // Shared with the org once the run ended (its start stays in this browser until then).
    if (run.state === 'finished') this.deps.onJournaled?.();
  }

  /** Patches the plan into the member index now; returns the members as they were, to roll back. */
  private applyOptimistically(plan: ChangePlan): Map<string, MemberRecord> {
    const { client, queryClient } = this.deps;
    const names = new Set(plan.changes.map((c) => c.username.toLowerCase()));
    const previous = new Map<string, MemberRecord>();
    for (const u of queryClient.getQueryData(memberIndexQueries.index(client).queryKey) ?? []) {
      if (names.has(u.username.toLowerCase())) previous.set(u.username.toLowerCase(), u);
    }
    patchApplied(queryClient, client, new Map(plan.changes.map((c) => [c.username.toLowerCase(), c.after])));
    return previous;
  }

  private async execute(id: string, rollback?: Map<string, MemberRecord>): Promise<Run> {
    const { client, queryClient } = this.deps;
    this.update(id, (r) => ({ ...r, state: 'running', startedAt: Date.now() }));
    const started = this.get(id);
    if (!started) throw new Error('The run disappeared.');
    await this.journal(started);
    const live: MemberOutcome[] = [];
    const pendingPatch = new Map<string, Allocation>();
    const indexSize = queryClient.getQueryData(memberIndexQueries.index(client).queryKey)?.length ?? 0;
    const flushEvery = indexUpdateInterval(indexSize);
    this.update(id, (r) => ({ ...r, tableUpdateEvery: flushEvery }));
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      if (flushTimer !== undefined) clearTimeout(flushTimer);
      flushTimer = undefined;
      patchApplied(queryClient, client, pendingPatch);
      pendingPatch.clear();
    };

    const sender = this.deps.batchClient ?? client;
    const outcomes = await executePlan(started.plan.changes, {
      concurrency: this.deps.concurrency ?? 4,
      send: (kind, batch) =>
        kind === 'assign'
          ? sendAssignBatch(
              sender,
              batch.map((c) => ({ username: c.username, credits: c.after ?? 0 })),
            )
          : sendUnassignBatch(
              sender,
              batch.map((c) => c.username),
            ),
      isCancelled: () => this.get(id)?.cancelRequested === true,
      isSessionEnded: (e) => e instanceof AuthError,
      waitForSignIn: () =>
        new Promise<void>((resolve) => {
          this.update(id, (r) => ({ ...r, state: 'waiting-for-sign-in' }));
          this.signInWaiters.add(() => {
            this.update(id, (r) => (r.state === 'finished' ? r : { ...r, state: 'running' }));
            resolve();
          });
        }),
      describeError,
      onBatch: (list, _kind, batch) => {
        live.push(...list);
        const applied = new Map<string, Allocation>();
        batch.forEach((c, i) => {
          if (list[i]?.status === 'applied') applied.set(c.username.toLowerCase(), c.after);
        });
        for (const [k, v] of applied) pendingPatch.set(k, v);
        // Applied members reach the member index in coalesced updates, not per batch: each update
        // re-derives the whole table (rows, name order, search index, policy sources), about 6 µs a
        // member, so the pause between updates grows with the org (`indexUpdateInterval`) to keep
        // that work to a few percent of the main thread and the run's own requests from starving
        // behind it. The run panel counts every batch as it lands.
        flushTimer ??= setTimeout(flush, flushEvery);
        this.update(
          id,
          (r) => {
            const counts = { ...r.counts };
            for (const o of list) counts[o.status] += 1;
            return { ...r, done: r.done + list.length, counts, outcomes: live };
          },
          { progress: true },
        );
      },
    });

    const counts = emptyCounts();
    for (const o of outcomes) counts[o.status] += 1;
    this.update(id, (r) => ({
      ...r,
      state: 'finished',
      finishedAt: Date.now(),
      done: r.total,
      counts,
      outcomes,
    }));
    // The outcome shows first; the member index (whose update re-derives the table: about a second at
    // 250,000 members) follows in the next task, so the admin isn't kept waiting for the message.
    await afterPaint();
    flush();
    if (rollback) {
      const undone = new Set(
        outcomes.filter((o) => o.status !== 'applied').map((o) => o.username.toLowerCase()),
      );
      if (undone.size > 0) {
        patchMembers(queryClient, client, (u) => {
          const key = u.username.toLowerCase();
          return undone.has(key) ? (rollback.get(key) ?? u) : u;
        });
      }
    }
    const finished = this.get(id);
    if (!finished) throw new Error('The run disappeared.');
    await this.journal(finished);

    // Re-read only the members the portal was sent (and the org's figures), never the whole index.
    const sent = outcomes
      .filter((o) => o.status === 'applied' || o.status === 'failed')
      .map((o) => o.username);
    // Not awaited: whoever waits for this run (the member dialog) goes on once the portal answered.
    rereadMembers(queryClient, client, sent).catch(() => {
      // The patched values stand; the next reload of the index corrects anything left.
    });
    return finished;
  }
}

/**
 * The pause between member index updates during a run, for an index of `members` members (ms): each
 * update re-derives the table, about 6 µs a member, so a pause of 200 µs a member keeps that to about
 * 3 % of the main thread whatever the org's size (400 ms up to 2,000 members, 10 s at 50,000, 50 s at
 * 250,000, where a run of 100,000 changes sees one or two updates before the one at its end).
 */
export function indexUpdateInterval(members: number): number {
  return Math.max(400, Math.round(members / 5));
}

/**
 * How often a run's progress reaches the screen: four times a second. Each update re-renders the run
 * panel and the header's indicator; ten a second made a 978-batch run about 8 % slower.
 */
const PROGRESS_EVERY_MS = 250;

/** Resolves once the next frame has been painted (or after 50 ms in a tab that isn't painting). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 50);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}
