import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import * as Dialog from '@radix-ui/react-dialog';
import { paths } from '@/config/paths';
import { NotifyDialog } from '@/components/notify/notify-dialog';
import { ErrorState } from '@/components/ui/error-state';
import { PlanPreview } from '@/components/changes/plan-preview';
import { RunStatus } from '@/components/changes/run-status';
import { describeError } from '@/lib/arcgis/errors';
import { useChangeRunner } from '@/lib/change-plan/runner-context';
import { recipientsOf } from '@/lib/notify/recipients';
import type { NotifyRecipient } from '@/lib/notify/template';
import { planForPolicies } from '@/lib/policies/engine';
import { usePolicyEvaluation } from '@/lib/policies/use-policy-evaluation';
import type { ChangePlan } from '@/lib/change-plan/plan';
import { formatCount } from '../utils/format';
import { MemberIndexProgress } from './member-index-progress';

/** Drift: members whose allocation differs from what the policies give, and "Apply policies". */
export function PolicyDriftCard() {
  const evaluation = usePolicyEvaluation();
  const [open, setOpen] = useState(false);
  const [notifying, setNotifying] = useState<readonly NotifyRecipient[] | null>(null);
  const notifyOpener = useRef<HTMLElement | null>(null);
  const data = evaluation.data;
  const plan = useMemo(() => (data ? planForPolicies(data.results) : undefined), [data]);
  // The drift list: the members Apply policies would change.
  const onNotify = (opener: HTMLElement) => {
    if (!data || !plan) return;
    notifyOpener.current = opener;
    const changed = new Set(plan.changes.map((c) => c.username.toLowerCase()));
    setNotifying(
      recipientsOf(
        data.members,
        data.drift.map((r) => r.username).filter((u) => changed.has(u.toLowerCase())),
        data.budgetingEnabled,
      ),
    );
  };

  return (
    <section className="card overview-drift" aria-labelledby="overview-drift-title">
      <h2 id="overview-drift-title" className="overview-card-title">
        Policies
      </h2>
      <DriftBody evaluation={evaluation} plan={plan} onApply={() => setOpen(true)} onNotify={onNotify} />
      {plan && <ApplyPoliciesDialog open={open} plan={plan} onClose={() => setOpen(false)} />}
      <NotifyDialog
        recipients={notifying}
        onClose={() => setNotifying(null)}
        onCloseAutoFocus={(e) => {
          if (notifyOpener.current?.isConnected) {
            e.preventDefault();
            notifyOpener.current.focus();
          }
        }}
      />
    </section>
  );
}

interface DriftBodyProps {
  evaluation: ReturnType<typeof usePolicyEvaluation>;
  plan: ChangePlan | undefined;
  onApply(): void;
  onNotify(opener: HTMLElement): void;
}

function DriftBody({ evaluation, plan, onApply, onNotify }: DriftBodyProps) {
  const { data, error } = evaluation;
  if (error && !data) {
    return (
      <ErrorState
        title="Policies could not be checked"
        message={describeError(error)}
        onRetry={evaluation.refetch}
      />
    );
  }
  if (!data || !plan) return <MemberIndexProgress />;
  if (!data.hasPolicies) {
    return (
      <p className="muted">
        No allocation policies yet. <Link to={paths.policies.href()}>Set policies</Link> to give members
        allocations by role, user type or group.
      </p>
    );
  }
  if (!data.budgetingEnabled) {
    return (
      <p className="muted">Credit budgeting is off, so policies can’t be applied. Turn budgeting on first.</p>
    );
  }
  const count = plan.changes.length;
  if (count === 0) {
    return <p>Every member’s allocation matches the policies.</p>;
  }
  return (
    <>
      <p className="overview-sentence">
        <strong>{formatCount(count)}</strong> {count === 1 ? 'member differs' : 'members differ'} from the
        policies (new members, manual edits, changed roles or groups).
      </p>
      <p>
        <Link to={paths.members.href({ source: 'manual' })}>See them in Members</Link>
      </p>
      <div className="overview-drift-actions">
        <button type="button" className="button button-primary" onClick={onApply}>
          Apply policies
        </button>
        <button type="button" className="button button-secondary" onClick={(e) => onNotify(e.currentTarget)}>
          Notify {formatCount(count)} {count === 1 ? 'member' : 'members'}
        </button>
      </div>
    </>
  );
}

interface ApplyPoliciesDialogProps {
  open: boolean;
  plan: ChangePlan;
  onClose(): void;
}

/** Preview the plan, then run it through the change runner (journal and undo included). */
function ApplyPoliciesDialog({ open, plan, onClose }: ApplyPoliciesDialogProps) {
  const runner = useChangeRunner();
  const [runId, setRunId] = useState<string | undefined>();
  // The plan as previewed: later member-index refreshes don't change what the admin confirms.
  const [frozen, setFrozen] = useState<ChangePlan | undefined>();
  const shown = frozen ?? plan;
  const close = () => {
    setRunId(undefined);
    setFrozen(undefined);
    onClose();
  };
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
          className="dialog"
          aria-describedby={undefined}
          onInteractOutside={(e) => e.preventDefault()}
        >
          <Dialog.Title className="dialog-title">Apply policies</Dialog.Title>
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
