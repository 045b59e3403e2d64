import { useMemo, useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { useQuery } from '@tanstack/react-query';
import { OrgJournalStatus } from '@/components/changes/org-journal-status';
import { PlanPreview } from '@/components/changes/plan-preview';
import { RunStatus } from '@/components/changes/run-status';
import { useArcGISSession } from '@/lib/arcgis/client-context';
import { journalQueries } from '@/lib/change-plan/journal-queries';
import type { ChangePlan } from '@/lib/change-plan/plan';
import { useChangeRunner, useJournal } from '@/lib/change-plan/runner-context';
import { formatCount } from '@/lib/format';
import { targetName } from '@/lib/policies/labels';
import { usePolicyEvaluation } from '@/lib/policies/use-policy-evaluation';
import { useOrgClock } from '@/lib/org-clock';
import { describeResetPeriod, dueResets, isoDay } from '@/lib/resets/due';
import { lastResetsFromJournal, mergeLastResets, planResets } from '@/lib/resets/reset-plan';
import { useReturnFocus } from '@/lib/use-return-focus';

/**
 * "Reset due": rules whose reset date has come since their last reset (as of the org's clock, which
 * the demo portal can move). The last resets come from this browser's journal and the organization's
 * (resets another administrator or the scheduled notebook applied). Running it gives each covered
 * member the rule's amount again as a new allocation, through the change pipeline (preview, runner,
 * journal, undo).
 */
export function ResetDueCard() {
  const { client, username } = useArcGISSession();
  const evaluation = usePolicyEvaluation();
  const { journal, owner } = useJournal();
  const entries = useQuery(journalQueries.list(journal, owner));
  const org = useQuery({ ...journalQueries.org(client, journal, owner, username), throwOnError: false });
  // Until the org's journal is read, a reset someone else applied could look due: wait for it (an
  // error falls back to this browser's journal, and says so).
  const orgFailed = org.isError;
  const orgData = org.data;
  const clock = useOrgClock(client);
  const [open, setOpen] = useState(false);
  const data = evaluation.data;
  // Stable within a minute, so the plan is not rebuilt on every render.
  const now = Math.floor(clock.now() / 60_000) * 60_000;
  const due = useMemo(() => {
    const orgEntries = orgFailed ? [] : orgData;
    return data && entries.data && orgEntries
      ? dueResets(
          data.doc,
          mergeLastResets(lastResetsFromJournal(entries.data), lastResetsFromJournal(orgEntries)),
          now,
        )
      : undefined;
  }, [data, entries.data, orgFailed, orgData, now]);
  const built = useMemo(() => (data && due ? planResets(due, data.results) : undefined), [data, due]);

  // Nothing to say until there are rules with a reset period.
  if (!data || !due || !built || !data.doc.rules.some((r) => r.reset && !r.deleted)) return null;
  return (
    <section className="card" aria-labelledby="overview-resets-title">
      <h2 id="overview-resets-title" className="overview-card-title">
        Reset due
      </h2>
      {org.isError && (
        <OrgJournalStatus org={org}>
          The organization’s journal could not be read, so resets applied from other browsers or the scheduled
          notebook are not known here.
        </OrgJournalStatus>
      )}
      {due.length === 0 ? (
        <p>No reset is due today ({isoDay(now)}).</p>
      ) : (
        <>
          <ul aria-label="Resets due">
            {due.map((d) => (
              <li key={d.rule.id}>
                <strong>{targetName(d.rule.target, data.names, d.rule.targetLabel)}</strong>:{' '}
                {describeResetPeriod(d.rule.reset!)}, due {isoDay(d.dueOn)}
                {d.missed > 1 && ` (${formatCount(d.missed - 1)} earlier missed)`}
              </li>
            ))}
          </ul>
          {!data.budgetingEnabled ? (
            <p className="muted">Credit budgeting is off, so resets can’t be applied.</p>
          ) : (
            <>
              <p>
                {formatCount(built.plan.changes.length)}{' '}
                {built.plan.changes.length === 1 ? 'member gets' : 'members get'} their policy amount again as
                a new allocation.
              </p>
              <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
                Run reset…
              </button>
            </>
          )}
        </>
      )}
      <ResetDialog open={open} plan={built.plan} onClose={() => setOpen(false)} />
    </section>
  );
}

function ResetDialog({ open, plan, onClose }: { open: boolean; plan: ChangePlan; onClose(): void }) {
  const runner = useChangeRunner();
  const [runId, setRunId] = useState<string | undefined>();
  const [frozen, setFrozen] = useState<ChangePlan | undefined>();
  const shown = frozen ?? plan;
  const close = () => {
    setRunId(undefined);
    setFrozen(undefined);
    onClose();
  };
  const returnFocus = useReturnFocus(open);
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (next) setFrozen(plan);
        else close();
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          onCloseAutoFocus={returnFocus}
          className="dialog"
          aria-describedby={undefined}
          onInteractOutside={(e) => e.preventDefault()}
        >
          <Dialog.Title className="dialog-title">Run reset</Dialog.Title>
          {runId ? (
            <RunStatus runId={runId} onClose={close} />
          ) : (
            <PlanPreview plan={shown} onCancel={close} onConfirm={() => setRunId(runner.start(shown).id)} />
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
