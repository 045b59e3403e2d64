import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  assignCredits,
  unassignCredits,
  type CreditBatchResult,
  type MemberOutcome,
  type MemberOutcomeStatus,
} from '@/lib/arcgis/credits';
import { describeError } from '@/lib/arcgis/errors';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { memberIndexQueries, patchMembers } from '@/lib/member-index';
import { portalQueries } from '@/lib/portal-queries';
import { withAllocation } from '../api/member-patch';
import type { AllocationChange } from '../utils/changes';

export type Counts = Record<MemberOutcomeStatus, number>;

export interface BulkProgress {
  done: number;
  total: number;
  counts: Counts;
}

export interface BulkResult {
  counts: Counts;
  /** Members not updated, with the reason (not assigned, failed, cancelled). */
  failures: MemberOutcome[];
  /** The changes behind the failures, for "Retry failed". */
  failedChanges: AllocationChange[];
}

function emptyCounts(): Counts {
  return { applied: 0, 'not-assigned': 0, failed: 0, cancelled: 0 };
}
function addCounts(a: Counts, b: Counts): Counts {
  return {
    applied: a.applied + b.applied,
    'not-assigned': a['not-assigned'] + b['not-assigned'],
    failed: a.failed + b.failed,
    cancelled: a.cancelled + b.cancelled,
  };
}

/**
 * Applies many allocation changes: batches of ≤ 100, 4 requests in flight, progress, cancel (batches
 * in flight finish). Applied members are written into the member index, which is then refetched.
 */
export function useBulkAllocation(client: ArcGISClient) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<BulkProgress | undefined>();
  const [result, setResult] = useState<BulkResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  const controller = useRef<AbortController | null>(null);
  // Closing the dialog mid-run stops sending (batches in flight finish): nothing runs unseen.
  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(
    async (changes: readonly AllocationChange[]) => {
      const abort = new AbortController();
      controller.current = abort;
      setResult(undefined);
      setError(undefined);
      const assigns = changes.flatMap((c) =>
        c.to === null ? [] : [{ username: c.username, credits: c.to }],
      );
      const unassigns = changes.filter((c) => c.to === null).map((c) => c.username);
      const total = assigns.length + unassigns.length;
      setProgress({ done: 0, total, counts: emptyCounts() });
      try {
        let before = { done: 0, counts: emptyCounts() };
        const results: CreditBatchResult[] = [];
        const report = (p: { done: number; counts: Counts }) =>
          setProgress({ done: before.done + p.done, total, counts: addCounts(before.counts, p.counts) });
        if (assigns.length > 0) {
          const r = await assignCredits(client, assigns, {
            concurrency: 4,
            signal: abort.signal,
            onProgress: report,
          });
          results.push(r);
          before = { done: r.outcomes.length, counts: { ...r.counts } };
        }
        if (unassigns.length > 0) {
          const r = await unassignCredits(client, unassigns, {
            concurrency: 4,
            signal: abort.signal,
            onProgress: report,
          });
          results.push(r);
        }
        const outcomes = results.flatMap((r) => r.outcomes);
        const counts = results.reduce((acc, r) => addCounts(acc, r.counts), emptyCounts());
        setProgress({ done: total, total, counts });

        const byName = new Map(changes.map((c) => [c.username, c]));
        const applied = new Map<string, number | null>();
        const failures: MemberOutcome[] = [];
        const failedChanges: AllocationChange[] = [];
        for (const o of outcomes) {
          const change = byName.get(o.username);
          if (!change) continue;
          if (o.status === 'applied') applied.set(o.username, change.to);
          else {
            failures.push(o);
            failedChanges.push(change);
          }
        }
        const orgAvailable = queryClient.getQueryData(portalQueries.self(client).queryKey)?.availableCredits;
        patchMembers(queryClient, client, (u) =>
          applied.has(u.username) ? withAllocation(u, applied.get(u.username) ?? null, orgAvailable) : u,
        );
        setResult({ counts, failures, failedChanges });
      } catch (e) {
        setError(describeError(e));
      } finally {
        controller.current = null;
        void queryClient.invalidateQueries({ queryKey: memberIndexQueries.all(client) });
        void queryClient.invalidateQueries({ queryKey: portalQueries.all(client) });
      }
    },
    [client, queryClient],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  const isRunning = progress !== undefined && result === undefined && error === undefined;

  return { run, cancel, progress, result, error, isRunning };
}
