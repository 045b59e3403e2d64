import { useMemo, useState } from 'react';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { useBulkAllocation } from '../hooks/use-bulk-allocation';
import { groupChanges, type AllocationChange } from '../utils/changes';
import { formatCount, formatCredits } from '../utils/format';

export interface BulkApplyProps {
  client: ArcGISClient;
  changes: readonly AllocationChange[];
  /** Members left out because nothing would change. */
  unchanged?: number;
  onBack?: () => void;
  onClose(): void;
  /** For the over-allocation warning: today's sum of finite allocations and the org balance. */
  sumOfAllocations?: number;
  orgAvailable?: number;
}

/** Sum of finite allocations after the changes (no limit counts 0). */
function sumAfter(sum: number, changes: readonly AllocationChange[]): number {
  let next = sum;
  for (const c of changes) next += (c.to ?? 0) - (typeof c.from === 'number' ? c.from : 0);
  return next;
}

const STATUS_WORDS = {
  applied: 'updated',
  'not-assigned': 'not assigned',
  failed: 'failed',
  cancelled: 'cancelled',
} as const;

/** Preview grouped old → new, then apply with progress, cancel, a failure list and retry. */
export function BulkApply({
  client,
  changes,
  unchanged = 0,
  onBack,
  onClose,
  sumOfAllocations,
  orgAvailable,
}: BulkApplyProps) {
  const bulk = useBulkAllocation(client);
  const [started, setStarted] = useState(false);
  const groups = useMemo(() => groupChanges(changes), [changes]);
  const nextSum = sumOfAllocations === undefined ? undefined : sumAfter(sumOfAllocations, changes);
  const overAllocates =
    nextSum !== undefined &&
    sumOfAllocations !== undefined &&
    orgAvailable !== undefined &&
    nextSum > orgAvailable &&
    nextSum > sumOfAllocations;

  if (!started) {
    return (
      <>
        <h3 className="member-dialog-heading">Preview</h3>
        <ul className="bulk-groups" aria-label="Changes to apply">
          {groups.map((g) => (
            <li key={g.label}>
              <strong>
                {formatCount(g.count)} {g.count === 1 ? 'member' : 'members'}:
              </strong>{' '}
              {g.label}
            </li>
          ))}
        </ul>
        {unchanged > 0 && (
          <p className="small muted">
            {formatCount(unchanged)} {unchanged === 1 ? 'member already has' : 'members already have'} this
            allocation and will be left as they are.
          </p>
        )}
        {overAllocates && (
          <p className="notice notice-warning">
            This over-allocates the organization: allocations would total {formatCredits(nextSum)} credits
            against a balance of {formatCredits(orgAvailable)}. Allocations are caps, so this is allowed.
          </p>
        )}
        {changes.some((c) => c.to === null) && (
          <p className="small muted">No limit removes the limit; it does not take back any credits.</p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          {onBack && (
            <button type="button" className="button button-secondary" onClick={onBack}>
              Back
            </button>
          )}
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setStarted(true);
              void bulk.run(changes);
            }}
          >
            Apply to {formatCount(changes.length)} {changes.length === 1 ? 'member' : 'members'}
          </button>
        </div>
      </>
    );
  }

  const progress = bulk.progress;
  const result = bulk.result;
  return (
    <>
      {progress && (
        <div className="bulk-progress">
          <div
            role="progressbar"
            aria-label="Applying allocations"
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.done}
            aria-valuetext={`${formatCount(progress.done)} of ${formatCount(progress.total)} members`}
            className="bulk-progress-bar"
          >
            <span style={{ width: `${progress.total ? (progress.done / progress.total) * 100 : 100}%` }} />
          </div>
          <p className="small" aria-live="polite">
            {formatCount(progress.done)} of {formatCount(progress.total)} processed ·{' '}
            {formatCount(progress.counts.applied)} updated
            {progress.counts['not-assigned'] + progress.counts.failed > 0 &&
              ` · ${formatCount(progress.counts['not-assigned'] + progress.counts.failed)} not updated`}
          </p>
        </div>
      )}
      {bulk.error && (
        <p className="notice notice-error" role="alert">
          The allocations could not be applied: {bulk.error}
        </p>
      )}
      {result && (
        <div role={result.failures.length > 0 ? 'alert' : 'status'}>
          <p className={`notice ${result.failures.length > 0 ? 'notice-error' : 'notice-success'}`}>
            {formatCount(result.counts.applied)} {result.counts.applied === 1 ? 'member' : 'members'} updated.
            {result.failures.length > 0 && ` ${formatCount(result.failures.length)} not updated.`}
          </p>
        </div>
      )}
      {result && result.failures.length > 0 && (
        <section aria-label="Members not updated" className="bulk-failures">
          <h3 className="member-dialog-heading">Members not updated</h3>
          <ul>
            {result.failures.slice(0, 200).map((f) => (
              <li key={f.username}>
                <strong>{f.username}</strong> ({STATUS_WORDS[f.status]}): {f.error}
              </li>
            ))}
          </ul>
          {result.failures.length > 200 && (
            <p className="small muted">…and {formatCount(result.failures.length - 200)} more.</p>
          )}
        </section>
      )}
      <div className="dialog-actions">
        {bulk.isRunning && (
          <button type="button" className="button button-secondary" onClick={bulk.cancel}>
            Cancel
          </button>
        )}
        {result && result.failedChanges.length > 0 && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => void bulk.run(result.failedChanges)}
          >
            Retry failed
          </button>
        )}
        {!bulk.isRunning && (
          <button type="button" className="button button-secondary" onClick={onClose}>
            Close
          </button>
        )}
      </div>
    </>
  );
}
