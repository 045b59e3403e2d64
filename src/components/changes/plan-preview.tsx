import { useDeferredValue, useId, useMemo, useState } from 'react';
import './changes.css';
import { allocationsCsv } from '@/lib/change-plan/allocations-csv';
import {
  formatAllocation,
  groupChanges,
  sumAfter,
  type ChangePlan,
  type PlanChange,
} from '@/lib/change-plan/plan';
import { downloadCsv } from '@/lib/csv';
import { formatCount, formatCredits } from '@/lib/format';
import { displayPerson, maskMentions, usePresentationMode } from '@/lib/presentation';
import { useMemberLookup } from './member-lookup';
import { VirtualList } from './virtual-list';

export interface PlanPreviewProps {
  plan: ChangePlan;
  /** Members left out because nothing would change for them. */
  unchanged?: number;
  /** Members an undo leaves out, with the reason. */
  skipped?: readonly { username: string; reason: string }[];
  /** Today's sum of finite allocations, for the over-allocation warning. */
  sumOfAllocations?: number;
  onConfirm(): void;
  onBack?: () => void;
  onCancel(): void;
}

function leftAfter(after: PlanChange['after']): string {
  return after === null ? 'no limit (up to the org balance)' : formatCredits(after);
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * What a new allocation does to "used" (ArcGIS Online starts a new allocation period), said the
 * same way wherever an allocation is decided: the preview and the member dialog.
 */
export function newAllocationPeriodNote(members: number): string {
  return `A new allocation starts a new allocation period: “used” starts again from 0, so ${
    members === 1 ? 'this member has' : 'each member has'
  } their whole new allocation left.`;
}

/**
 * Every plan is shown before it runs: the grouped summary, then every member it changes (name,
 * username, before → after and what they will have left), searchable and downloadable.
 */
export function PlanPreview({
  plan,
  unchanged = 0,
  skipped = [],
  sumOfAllocations,
  onConfirm,
  onBack,
  onCancel,
}: PlanPreviewProps) {
  const id = useId();
  const { byName, orgAvailable } = useMemberLookup();
  const [masked] = usePresentationMode();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim().toLowerCase());
  const groups = useMemo(() => groupChanges(plan.changes), [plan.changes]);
  const allocating = useMemo(() => plan.changes.filter((c) => c.after !== null).length, [plan.changes]);
  const people = useMemo(
    () =>
      plan.changes.map((c) => {
        const user = byName.get(c.username.toLowerCase());
        const shown = displayPerson({ username: c.username, fullName: user?.fullName }, masked);
        return {
          change: c,
          name: shown.fullName || shown.displayUsername,
          username: shown.displayUsername,
          haystack: `${shown.displayUsername} ${shown.fullName}`.toLowerCase(),
        };
      }),
    [plan.changes, byName, masked],
  );
  const visible = useMemo(
    () => (deferred ? people.filter((p) => p.haystack.includes(deferred)) : people),
    [people, deferred],
  );
  const nextSum = sumOfAllocations === undefined ? undefined : sumAfter(sumOfAllocations, plan.changes);
  const overAllocates =
    nextSum !== undefined &&
    sumOfAllocations !== undefined &&
    orgAvailable !== undefined &&
    nextSum > orgAvailable &&
    nextSum > sumOfAllocations;
  const n = plan.changes.length;

  const download = () => {
    const day = new Date().toISOString().slice(0, 10);
    downloadCsv(
      `preview-${day}.csv`,
      allocationsCsv(
        people.map((p) => ({
          username: p.username,
          credits: p.change.after,
          extra: [
            masked ? p.name : (byName.get(p.change.username.toLowerCase())?.fullName ?? ''),
            formatAllocation(p.change.before),
          ],
        })),
        { columns: ['full_name', 'before'], masked },
      ),
    );
  };

  return (
    <>
      <h3 className="member-dialog-heading">Preview</h3>
      {n > 0 ? (
        <ul className="bulk-groups" aria-label="Changes to apply">
          {groups.map((g) => (
            <li key={g.label}>
              <strong>{plural(g.count, 'member', 'members')}:</strong> {g.label}
            </li>
          ))}
        </ul>
      ) : (
        <p>Nothing to change.</p>
      )}
      {unchanged > 0 && (
        <p className="small muted">
          {plural(unchanged, 'member already has', 'members already have')} this allocation and will be left
          as they are.
        </p>
      )}
      {allocating > 0 && <p className="small muted">{newAllocationPeriodNote(allocating)}</p>}
      {plan.changes.some((c) => c.after === null) && (
        <p className="small muted">No limit removes the limit; it does not take back any credits.</p>
      )}
      {overAllocates && (
        <p className="notice notice-warning">
          This over-allocates the organization: allocations would total {formatCredits(nextSum)} credits
          against a balance of {formatCredits(orgAvailable)}. Allocations are caps, so this is allowed.
        </p>
      )}
      {skipped.length > 0 && (
        <section className="notice notice-warning" aria-label="Members left out">
          <p>
            <strong>{plural(skipped.length, 'member is', 'members are')} left out</strong> because their
            allocation changed since:
          </p>
          <ul className="import-problems">
            {skipped.slice(0, 200).map((s) => (
              <li key={s.username}>
                <strong>{displayPerson({ username: s.username }, masked).displayUsername}</strong>:{' '}
                {maskMentions(s.reason, s.username, masked)}
              </li>
            ))}
          </ul>
          {skipped.length > 200 && <p className="small">…and {formatCount(skipped.length - 200)} more.</p>}
        </section>
      )}
      {n > 0 && (
        <section aria-label="Members in this change" className="change-members">
          <div className="change-members-tools">
            <label htmlFor={`${id}-search`} className="visually-hidden">
              Search this preview
            </label>
            <input
              id={`${id}-search`}
              type="search"
              placeholder="Search this preview"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
            <button type="button" className="button button-secondary button-small" onClick={download}>
              Download preview (CSV)
            </button>
          </div>
          <p className="small muted" aria-live="polite">
            {deferred
              ? `${plural(visible.length, 'member matches', 'members match')}`
              : plural(n, 'member', 'members')}
          </p>
          <VirtualList
            items={visible}
            label="Members and their new allocation"
            keyOf={(p) => p.change.username}
            render={(p) => (
              <span className="change-row">
                <span className="change-who">
                  <strong>{p.name}</strong> <span className="muted small">{p.username}</span>
                </span>
                <span className="change-values">
                  {formatAllocation(p.change.before)} → {formatAllocation(p.change.after)}
                  <span className="muted small"> · left: {leftAfter(p.change.after)}</span>
                </span>
              </span>
            )}
          />
        </section>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        {onBack && (
          <button type="button" className="button button-secondary" onClick={onBack}>
            Back
          </button>
        )}
        {n > 0 && (
          <button type="button" className="button button-primary" onClick={onConfirm}>
            Apply to {plural(n, 'member', 'members')}
          </button>
        )}
      </div>
    </>
  );
}
