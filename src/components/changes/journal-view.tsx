import { useMemo, useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { useArcGISClient, useArcGISSession } from '@/lib/arcgis/client-context';
import { describeError } from '@/lib/arcgis/errors';
import { updatePortalSettings } from '@/lib/arcgis/portal';
import { OUTCOME_LABELS, OUTCOME_STATUSES } from '@/lib/change-plan/execute';
import type { AllocationRunEntry, SettingEntry } from '@/lib/change-plan/journal';
import { journalQueries } from '@/lib/change-plan/journal-queries';
import {
  combineJournals,
  MEMBER_CAP,
  memberCountOf,
  type EntryOrigin,
  type OrgJournalEntry,
} from '@/lib/change-plan/journal-sync';
import { allocationOf, formatAllocation, PLAN_KIND_LABELS } from '@/lib/change-plan/plan';
import { useChangeRunner, useJournal, useRuns } from '@/lib/change-plan/runner-context';
import { planUndo } from '@/lib/change-plan/undo';
import { downloadCsv } from '@/lib/csv';
import { formatCount } from '@/lib/format';
import { memberIndexQueries } from '@/lib/member-index';
import { portalQueries } from '@/lib/portal-queries';
import { displayPerson, maskMentions, usePresentationMode } from '@/lib/presentation';
import { useMemberLookup } from './member-lookup';
import { journalCsv, outcomeCsv } from './outcome-csv';
import { OrgJournalStatus } from './org-journal-status';
import { PlanPreview } from './plan-preview';
import { RunStatus } from './run-status';
import { VirtualList } from './virtual-list';
import './changes.css';
import { useReturnFocus } from '@/lib/use-return-focus';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function settingTitle(e: SettingEntry): string {
  if (e.setting === 'budgeting')
    return e.after === 1 ? 'Credit budgeting turned on' : 'Credit budgeting turned off';
  return `Default allocation for new members: ${formatAllocation(e.before)} → ${formatAllocation(e.after)}`;
}

type Open =
  { mode: 'outcome' | 'undo'; entry: AllocationRunEntry } | { mode: 'setting'; entry: SettingEntry };

const ORIGIN_LABELS: Record<EntryOrigin, string> = {
  'this-browser': 'this browser',
  'another-browser': 'another browser',
  notebook: 'the scheduled notebook',
};

/**
 * Every change made in this organization through Credit Console, newest first, with outcomes and
 * undo: this browser's journal merged with the organization's shared copy.
 */
export function JournalView() {
  const { client, username } = useArcGISSession();
  const { journal, owner } = useJournal();
  const list = useQuery(journalQueries.list(journal, owner));
  const org = useQuery({ ...journalQueries.org(client, journal, owner, username), throwOnError: false });
  const runs = useRuns();
  const [masked] = usePresentationMode();
  const [open, setOpen] = useState<Open | null>(null);
  const returnFocus = useReturnFocus(open !== null);

  if (list.isPending) return <Skeleton lines={4} label="Loading the journal…" />;
  if (list.isError) {
    return (
      <ErrorState
        title="The journal could not be read"
        message={describeError(list.error)}
        onRetry={() => void list.refetch()}
      />
    );
  }
  const shown = combineJournals(list.data, org.data);
  const entries = shown.map((s) => s.entry);
  const status = <SyncStatus org={org} />;
  if (entries.length === 0) {
    return (
      <>
        {status}
        <p className="card">
          No changes yet. Every allocation change, budgeting switch, default-allocation change and reset made
          in this organization through Credit Console is recorded here.
        </p>
      </>
    );
  }
  const live = new Set(runs.filter((r) => r.state !== 'finished').map((r) => r.id));
  // Which runs an undo has since put back (at least in part), and when.
  const undoneAt = new Map<string, number>();
  for (const e of entries) {
    if (e.type === 'allocations' && e.plan.undoes && e.counts.applied > 0 && !undoneAt.has(e.plan.undoes))
      undoneAt.set(e.plan.undoes, e.startedAt);
  }

  return (
    <>
      <div className="dialog-actions">
        <button
          type="button"
          className="button button-secondary"
          onClick={() =>
            downloadCsv(
              `journal-${new Date().toISOString().slice(0, 10)}.csv`,
              journalCsv(
                entries.filter((e): e is AllocationRunEntry => e.type === 'allocations'),
                masked,
              ),
            )
          }
        >
          Download journal (CSV)
        </button>
      </div>
      {status}
      <ol className="journal-list" aria-label="Journal">
        {shown.map(({ entry: e, origin }) => (
          <JournalItem
            key={e.id}
            entry={e}
            origin={origin}
            live={live.has(e.id)}
            undoneAt={undoneAt.get(e.id)}
            masked={masked}
            onOpen={setOpen}
          />
        ))}
      </ol>
      <Dialog.Root open={open !== null} onOpenChange={(o) => !o && setOpen(null)}>
        <Dialog.Portal>
          <Dialog.Overlay className="dialog-overlay" />
          <Dialog.Content
            onCloseAutoFocus={returnFocus}
            className="dialog bulk-dialog"
            aria-describedby={undefined}
            onInteractOutside={(ev) => ev.preventDefault()}
          >
            {open?.mode === 'outcome' && <OutcomeBody entry={open.entry} masked={masked} />}
            {open?.mode === 'undo' && <UndoBody entry={open.entry} onClose={() => setOpen(null)} />}
            {open?.mode === 'setting' && <SetBackBody entry={open.entry} onClose={() => setOpen(null)} />}
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </>
  );
}

/** Whether this browser's entries are in the organization's journal, quietly, with a retry. */
function SyncStatus({ org }: { org: UseQueryResult<OrgJournalEntry[]> }) {
  return (
    <OrgJournalStatus org={org}>
      {org.isError
        ? `Not yet shared with the organization (${describeError(org.error)}); nothing is lost, this browser keeps its journal.`
        : org.isPending
          ? 'Reading the organization’s journal… (this browser’s entries are shown meanwhile)'
          : 'Shared with the organization: every administrator using Credit Console sees these changes.'}
    </OrgJournalStatus>
  );
}

interface JournalItemProps {
  entry: OrgJournalEntry;
  origin: EntryOrigin;
  live: boolean;
  /** When a later undo put this run back. */
  undoneAt?: number | undefined;
  masked: boolean;
  onOpen(open: Open): void;
}

function JournalItem({ entry, origin, live, undoneAt, masked, onOpen }: JournalItemProps) {
  const by = displayPerson({ username: entry.username }, masked).displayUsername;
  const from = ORIGIN_LABELS[origin];
  const headingId = `journal-${entry.id}`;
  if (entry.type === 'setting') {
    return (
      <li className="card" aria-labelledby={headingId}>
        <h2 id={headingId} className="overview-card-title">
          {settingTitle(entry)}
        </h2>
        <p className="small muted">
          {when.format(entry.startedAt)} · by {by} · from {from}
        </p>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onOpen({ mode: 'setting', entry })}
        >
          Undo
        </button>
      </li>
    );
  }
  const members = memberCountOf(entry);
  // The org copy of a big run has no members: view and undo need them.
  const omitted = entry.membersOmitted === true;
  const state = live
    ? 'running'
    : entry.state === 'running'
      ? 'interrupted (the page was closed)'
      : entry.state === 'cancelled'
        ? 'stopped before the end'
        : null;
  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="overview-card-title">
        {entry.plan.title}
      </h2>
      <p className="small muted">
        {PLAN_KIND_LABELS[entry.plan.kind]} · {when.format(entry.startedAt)} · by {by} · from {from} ·{' '}
        {formatCount(members)} {members === 1 ? 'member' : 'members'}
        {state && ` · ${state}`}
      </p>
      {omitted && (
        <p className="small" id={`${headingId}-omitted`}>
          {origin === 'this-browser'
            ? `Its member outcomes are in this browser only (over ${formatCount(MEMBER_CAP)} members, more than the organization’s journal keeps).`
            : `Its member outcomes stay in the browser that ran it (the organization’s journal keeps them for runs of up to ${formatCount(MEMBER_CAP)} members), so it can’t be viewed or undone here.`}
        </p>
      )}
      {undoneAt !== undefined && <p className="small">Undone {when.format(undoneAt)}.</p>}
      <ul className="run-counts" aria-label="Outcome counts">
        {OUTCOME_STATUSES.map((s) => (
          <li key={s}>
            {OUTCOME_LABELS[s]}: {formatCount(entry.counts[s])}
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={omitted}
          aria-describedby={omitted ? `${headingId}-omitted` : undefined}
          onClick={() => onOpen({ mode: 'outcome', entry })}
        >
          View outcome
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={live || omitted || entry.counts.applied === 0}
          aria-describedby={omitted ? `${headingId}-omitted` : undefined}
          onClick={() => onOpen({ mode: 'undo', entry })}
        >
          {undoneAt === undefined ? 'Undo' : 'Undo again'}
        </button>
      </div>
    </li>
  );
}

function OutcomeBody({ entry, masked }: { entry: AllocationRunEntry; masked: boolean }) {
  const byName = new Map(entry.outcomes.map((o) => [o.username.toLowerCase(), o]));
  return (
    <>
      <Dialog.Title className="dialog-title">Outcome: {entry.plan.title}</Dialog.Title>
      <VirtualList
        items={entry.plan.changes}
        label="Members and outcome"
        keyOf={(c) => c.username}
        render={(c) => {
          const o = byName.get(c.username.toLowerCase());
          return (
            <span className="change-row">
              <strong>{displayPerson({ username: c.username }, masked).displayUsername}</strong>
              <span className="change-values">
                {formatAllocation(c.before)} → {formatAllocation(c.after)} ·{' '}
                {o ? OUTCOME_LABELS[o.status] : 'Not sent'}
                {o?.error ? `: ${maskMentions(o.error, c.username, masked)}` : ''}
              </span>
            </span>
          );
        }}
      />
      <div className="dialog-actions">
        <button
          type="button"
          className="button button-secondary"
          onClick={() =>
            downloadCsv(
              `outcome-${new Date(entry.startedAt).toISOString().slice(0, 10)}.csv`,
              outcomeCsv(entry.plan.changes, entry.outcomes, masked),
            )
          }
        >
          Download outcome (CSV)
        </button>
        <Dialog.Close className="button button-secondary">Close</Dialog.Close>
      </div>
    </>
  );
}

function UndoBody({ entry, onClose }: { entry: AllocationRunEntry; onClose(): void }) {
  const runner = useChangeRunner();
  const client = useArcGISClient();
  const index = useQuery({ ...memberIndexQueries.index(client), throwOnError: false });
  const { byName } = useMemberLookup();
  const applied = useMemo(
    () => entry.outcomes.filter((o) => o.status === 'applied').map((o) => o.username),
    [entry],
  );
  const check = useQuery({
    ...journalQueries.undoCheck(client, entry.id, applied),
    enabled: index.data !== undefined,
    throwOnError: false,
  });
  const [runId, setRunId] = useState<string | undefined>();
  // Computed against the members as they are now; frozen once the run starts (the preview is gone).
  const undo = useMemo(
    () =>
      index.data && check.isSuccess
        ? planUndo(entry, (u) => {
            const user = byName.get(u.toLowerCase());
            return user ? allocationOf(user) : undefined;
          })
        : undefined,
    [entry, index.data, check.isSuccess, byName],
  );

  return (
    <>
      <Dialog.Title className="dialog-title">Undo: {entry.plan.title}</Dialog.Title>
      {runId && <RunStatus runId={runId} onClose={onClose} />}
      {!runId && !undo && (index.isError || check.isError) && (
        <p className="notice notice-error" role="alert">
          The members could not be read, so the undo can’t be planned:{' '}
          {describeError(index.error ?? check.error)}
        </p>
      )}
      {!runId && !undo && !index.isError && !check.isError && (
        <Skeleton lines={3} label="Reading the members’ current allocations…" />
      )}
      {!runId && undo && (
        <PlanPreview
          plan={undo.plan}
          skipped={undo.skipped}
          onCancel={onClose}
          onConfirm={() => setRunId(runner.start(undo.plan, { skipped: undo.skipped }).id)}
        />
      )}
    </>
  );
}

function SetBackBody({ entry, onClose }: { entry: SettingEntry; onClose(): void }) {
  const client = useArcGISClient();
  const runner = useChangeRunner();
  const queryClient = useQueryClient();
  const setBack = useMutation({
    mutationFn: async () => {
      if (entry.setting === 'budgeting') {
        await updatePortalSettings(client, {
          creditAssignments: entry.before === 1 ? 'enabled' : 'disabled',
        });
        void queryClient.resetQueries({ queryKey: memberIndexQueries.all(client) });
      } else {
        await updatePortalSettings(client, { defaultUserCreditAssignment: entry.before ?? -1 });
      }
      await queryClient.invalidateQueries({ queryKey: portalQueries.all(client) });
      await runner.journalSetting(entry.setting, entry.after, entry.before);
    },
    onSuccess: onClose,
  });
  const what =
    entry.setting === 'budgeting'
      ? entry.before === 1
        ? 'Turn credit budgeting on again'
        : 'Turn credit budgeting off again'
      : `Set the default allocation back to ${formatAllocation(entry.before)}`;
  return (
    <>
      <Dialog.Title className="dialog-title">Undo: {settingTitle(entry)}</Dialog.Title>
      <p>{what}?</p>
      {setBack.isError && (
        <p className="notice notice-error" role="alert">
          Nothing was changed: {describeError(setBack.error)}
        </p>
      )}
      <div className="dialog-actions">
        <Dialog.Close className="button button-secondary">Cancel</Dialog.Close>
        <button
          type="button"
          className="button button-primary"
          disabled={setBack.isPending}
          onClick={() => setBack.mutate()}
        >
          {what}
        </button>
      </div>
    </>
  );
}
