import { useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { PlanPreview } from '@/components/changes/plan-preview';
import { RunStatus } from '@/components/changes/run-status';
import { describeError } from '@/lib/arcgis/errors';
import { useChangeRunner } from '@/lib/change-plan/runner-context';
import type { ChangePlan } from '@/lib/change-plan/plan';
import type { Cap } from '@/lib/what-if/projection';
import { useSetDefault } from '../api/use-set-default';
import { describeCap } from '../utils/format';

export interface ApplyDialogProps {
  open: boolean;
  plan: ChangePlan;
  /** The default's change, when the what-if changes it. */
  defaultChange?: { before: Cap; after: Cap };
  /** Today's sum of caps, for the over-allocation warning. */
  sumOfAllocations: number;
  /** The what-if became real (the run started, the default was saved): close the sandbox. */
  onApplied(): void;
  onClose(): void;
}

/** Apply: the what-if as one change plan, previewed member by member, then run and journaled. */
export function ApplyDialog({ open, onClose, ...rest }: ApplyDialogProps) {
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog bulk-dialog"
          aria-describedby={undefined}
          onInteractOutside={(e) => e.preventDefault()}
        >
          <Dialog.Title className="dialog-title">Apply the what-if</Dialog.Title>
          {open && <ApplyBody {...rest} onClose={onClose} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function ApplyBody({
  plan,
  defaultChange,
  sumOfAllocations,
  onApplied,
  onClose,
}: Omit<ApplyDialogProps, 'open'>) {
  const runner = useChangeRunner();
  const setDefault = useSetDefault();
  const [runId, setRunId] = useState<string | undefined>();
  const [defaultSaved, setDefaultSaved] = useState(false);

  if (runId) return <RunStatus runId={runId} onClose={onClose} />;
  if (defaultSaved) {
    return (
      <>
        <p className="notice notice-success" role="status">
          The default for new members is now {describeCap(defaultChange?.after)}. The what-if is closed.
        </p>
        <div className="dialog-actions">
          <button type="button" className="button button-primary" onClick={onClose}>
            Close
          </button>
        </div>
      </>
    );
  }

  const confirm = () => {
    const start = () => {
      if (plan.changes.length > 0) setRunId(runner.start(plan).id);
      else setDefaultSaved(true);
      onApplied();
    };
    if (!defaultChange) return start();
    setDefault.mutate(defaultChange, { onSuccess: start });
  };

  return (
    <>
      {defaultChange && (
        <p className="what-if-apply-default">
          <strong>Default for new members:</strong> {describeCap(defaultChange.before)} →{' '}
          {describeCap(defaultChange.after)}
        </p>
      )}
      {setDefault.isError && (
        <p className="notice notice-error" role="alert">
          The default could not be saved, so nothing was applied: {describeError(setDefault.error)}
        </p>
      )}
      {setDefault.isPending && <p role="status">Saving the default…</p>}
      {plan.changes.length > 0 ? (
        <PlanPreview
          plan={plan}
          sumOfAllocations={sumOfAllocations}
          onCancel={onClose}
          onConfirm={() => {
            if (!setDefault.isPending) confirm();
          }}
        />
      ) : (
        <>
          <p>No member’s cap changes: only the default for new members does.</p>
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={setDefault.isPending || !defaultChange}
              onClick={confirm}
            >
              Save the default
            </button>
          </div>
        </>
      )}
    </>
  );
}
