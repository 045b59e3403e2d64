import { useState } from 'react';
import { OUTCOME_LABELS, OUTCOME_STATUSES } from '@/lib/change-plan/execute';
import { useChangeRunner, useRun } from '@/lib/change-plan/runner-context';
import { downloadCsv } from '@/lib/csv';
import { formatCount } from '@/lib/format';
import { displayPerson, maskMentions, usePresentationMode } from '@/lib/presentation';
import { outcomeCsv } from './outcome-csv';
import { VirtualList } from './virtual-list';

export interface RunStatusProps {
  runId: string;
  onClose(): void;
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * The action that sends again the members a run did not update: failed ones are retried and not
 * sent ones (a cancelled run) are sent; the label says which, and how many.
 */
export function retryLabelFor(failed: number, notSent: number): string {
  const total = formatCount(failed + notSent);
  if (failed > 0 && notSent > 0) return `Retry failed and not sent (${total})`;
  if (failed > 0) return `Retry failed (${total})`;
  return `Send not sent (${total})`;
}

type OutcomeCounts = Record<(typeof OUTCOME_STATUSES)[number], number>;

const TONE_CLASSES = {
  success: 'notice notice-success',
  neutral: 'notice',
  error: 'notice notice-error',
} as const;

/**
 * The sentence that sums up a finished run. Only members the portal refused or that failed make it
 * an error (red, announced as an alert); a run the admin stopped is a plain status, since the
 * members it did not send keep their allocation.
 */
export function outcomeSummary(counts: OutcomeCounts): { text: string; tone: keyof typeof TONE_CLASSES } {
  const refused = counts['not-assigned'] + counts.failed;
  const notSent = counts['not-sent'];
  const tone = refused > 0 ? 'error' : notSent > 0 ? 'neutral' : 'success';
  if (notSent > 0) {
    const parts = [`${formatCount(counts.applied)} applied`];
    if (refused > 0) parts.push(`${formatCount(refused)} not updated`);
    parts.push(`${formatCount(notSent)} not sent`);
    return { text: `Stopped: ${parts.join(', ')}.`, tone };
  }
  const text = `${plural(counts.applied, 'member', 'members')} updated.`;
  return { text: refused > 0 ? `${text} ${formatCount(refused)} not updated.` : text, tone };
}

/** A run's progress and outcome: cancel (confirmed), retry failed / send not sent, outcome download. */
export function RunStatus({ runId, onClose }: RunStatusProps) {
  const runner = useChangeRunner();
  const [currentId, setCurrentId] = useState(runId);
  const run = useRun(currentId);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [masked] = usePresentationMode();
  if (!run) return <p>This run is no longer on this page. Its record is in the Journal.</p>;

  const finished = run.state === 'finished';
  const notUpdated = run.outcomes.filter((o) => o.status !== 'applied');
  const retryable = run.counts.failed + run.counts['not-sent'];
  const retryLabel = retryLabelFor(run.counts.failed, run.counts['not-sent']);
  const pct = run.total ? Math.floor((run.done / run.total) * 100) : 100;
  const summary = outcomeSummary(run.counts);

  return (
    <>
      <div className="bulk-progress">
        <div
          role="progressbar"
          aria-label="Applying allocations"
          aria-valuemin={0}
          aria-valuemax={run.total}
          aria-valuenow={run.done}
          aria-valuetext={`${formatCount(run.done)} of ${formatCount(run.total)} members`}
          className="bulk-progress-bar"
        >
          {/* Scaled, not sized: a change of width re-lays out and repaints the page on every frame of
              its transition (four times a second during a run); a scale is the compositor's alone. */}
          <span style={{ transform: `scaleX(${pct / 100})` }} />
        </div>
        <p className="small" aria-live="polite">
          {run.state === 'queued' && 'Waiting for the run before it to finish · '}
          {formatCount(run.done)} of {formatCount(run.total)} processed · {formatCount(run.counts.applied)}{' '}
          updated
          {run.counts['not-assigned'] + run.counts.failed > 0 &&
            ` · ${formatCount(run.counts['not-assigned'] + run.counts.failed)} not updated`}
          {!finished && run.cancelRequested && ' · stopping after the batches in flight'}
        </p>
        {!finished && (run.tableUpdateEvery ?? 0) >= 5000 && (
          <p className="small muted">
            In an organization this size the member table catches up every{' '}
            {Math.round((run.tableUpdateEvery ?? 0) / 1000)} seconds, and in full when the run ends.
          </p>
        )}
      </div>
      {run.state === 'waiting-for-sign-in' && (
        <p className="notice notice-warning" role="alert">
          Your session ended. This run is paused and carries on as soon as you sign in again.
        </p>
      )}
      {finished && (
        <div role={summary.tone === 'error' ? 'alert' : 'status'}>
          <p className={TONE_CLASSES[summary.tone]}>{summary.text}</p>
          <ul className="run-counts" aria-label="Outcome">
            {OUTCOME_STATUSES.map((s) => (
              <li key={s}>
                {OUTCOME_LABELS[s]}: {formatCount(run.counts[s])}
              </li>
            ))}
          </ul>
        </div>
      )}
      {notUpdated.length > 0 && (
        <section aria-label="Members not updated" className="bulk-failures">
          <h3 className="member-dialog-heading">Members not updated</h3>
          <VirtualList
            items={notUpdated}
            label="Members not updated"
            keyOf={(o) => o.username}
            render={(o) => (
              <span>
                <strong>{displayPerson({ username: o.username }, masked).displayUsername}</strong> (
                {OUTCOME_LABELS[o.status].toLowerCase()})
                {o.error ? `: ${maskMentions(o.error, o.username, masked)}` : ''}
              </span>
            )}
          />
        </section>
      )}
      {confirmCancel && !finished ? (
        <div className="notice notice-warning" role="alertdialog" aria-label="Stop this run?">
          <p>
            Stop this run? Batches already sent finish; members not yet sent keep their allocation and are
            listed as “not sent”.
          </p>
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={() => setConfirmCancel(false)}>
              Keep running
            </button>
            <button
              type="button"
              className="button button-danger"
              onClick={() => {
                runner.cancel(run.id);
                setConfirmCancel(false);
              }}
            >
              Stop run
            </button>
          </div>
        </div>
      ) : (
        <div className="dialog-actions">
          {!finished && !run.cancelRequested && (
            <button type="button" className="button button-secondary" onClick={() => setConfirmCancel(true)}>
              Cancel run…
            </button>
          )}
          {finished && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() =>
                downloadCsv(
                  `outcome-${new Date(run.startedAt).toISOString().slice(0, 10)}.csv`,
                  outcomeCsv(run.plan.changes, run.outcomes, masked),
                )
              }
            >
              Download outcome (CSV)
            </button>
          )}
          {finished && retryable > 0 && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                const next = runner.retryFailed(run.id);
                if (next) setCurrentId(next.id);
              }}
            >
              {retryLabel}
            </button>
          )}
          <button type="button" className="button button-secondary" onClick={onClose}>
            Close
          </button>
        </div>
      )}
    </>
  );
}
