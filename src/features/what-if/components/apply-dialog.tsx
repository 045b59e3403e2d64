import { useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { PlanPreview } from '@/components/changes/plan-preview';
import { RunStatus } from '@/components/changes/run-status';
import { describeError } from '@/lib/arcgis/errors';
import { useChangeRunner } from '@/lib/change-plan/runner-context';
import type { ChangePlan } from '@/lib/change-plan/plan';
import type { Cap } from '@/lib/what-if/projection';
import { useSetDefault } from '../api/use-set-default';
import { useSaveRuleAmounts } from '../api/use-save-rule-amounts';
import { useQuery } from '@tanstack/react-query';
import { useArcGISSession } from '@/lib/arcgis/client-context';
import { portalQueries } from '@/lib/portal-queries';
import { targetName } from '@/lib/policies/labels';
import type { PolicyRule } from '@/lib/policies/types';
import { ruleCap } from '@/lib/what-if/policy-changes';
import { describeCap } from '../utils/format';
import { useReturnFocus } from '@/lib/use-return-focus';

/** A policy rule whose amount the what-if changes. */
export interface RuleChange {
  rule: PolicyRule;
  after: Cap;
}

export interface ApplyDialogProps {
  open: boolean;
  plan: ChangePlan;
  /** Policy rules whose amounts change: saved with the policies first. */
  ruleChanges: RuleChange[];
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
  const returnFocus = useReturnFocus(open);
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          onCloseAutoFocus={returnFocus}
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
  ruleChanges,
  defaultChange,
  sumOfAllocations,
  onApplied,
  onClose,
}: Omit<ApplyDialogProps, 'open'>) {
  const runner = useChangeRunner();
  const session = useArcGISSession();
  const self = useQuery({ ...portalQueries.self(session.client), throwOnError: false });
  const setDefault = useSetDefault();
  const saveRules = useSaveRuleAmounts();
  const busy = setDefault.isPending || saveRules.isPending;
  const [runId, setRunId] = useState<string | undefined>();
  const [defaultSaved, setDefaultSaved] = useState(false);

  if (runId) return <RunStatus runId={runId} onClose={onClose} />;
  if (defaultSaved) {
    return (
      <>
        <p className="notice notice-success" role="status">
          Saved. The what-if is closed.
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
    if (busy) return;
    const start = () => {
      if (plan.changes.length > 0) setRunId(runner.start(plan).id);
      else setDefaultSaved(true);
      onApplied();
    };
    const thenDefault = () =>
      defaultChange ? setDefault.mutate(defaultChange, { onSuccess: start }) : start();
    if (ruleChanges.length === 0) return thenDefault();
    const now = Date.now();
    const rules: PolicyRule[] = ruleChanges.map(({ rule, after }) => ({
      ...rule,
      allocation: after === null ? { kind: 'no-limit' } : { kind: 'credits', credits: after },
      updated: now,
      updatedBy: session.username,
    }));
    const me = { username: session.username, orgId: self.data?.id ?? self.data?.user?.orgId };
    saveRules.mutate({ me, rules }, { onSuccess: thenDefault });
  };

  return (
    <>
      {ruleChanges.length > 0 && (
        <ul className="what-if-apply-rules" aria-label="Policy rules to save">
          {ruleChanges.map(({ rule, after }) => (
            <li key={rule.id}>
              <strong>{targetName(rule.target, {}, rule.targetLabel)}:</strong> {describeCap(ruleCap(rule))} →{' '}
              {describeCap(after)}
            </li>
          ))}
        </ul>
      )}
      {saveRules.isError && (
        <p className="notice notice-error" role="alert">
          The policies could not be saved, so nothing was applied: {describeError(saveRules.error)}
        </p>
      )}
      {saveRules.isPending && <p role="status">Saving the policies…</p>}
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
        <PlanPreview plan={plan} sumOfAllocations={sumOfAllocations} onCancel={onClose} onConfirm={confirm} />
      ) : (
        <>
          <p>No member’s cap changes: only what is listed above.</p>
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={busy || (!defaultChange && ruleChanges.length === 0)}
              onClick={confirm}
            >
              {ruleChanges.length > 0 ? 'Save' : 'Save the default'}
            </button>
          </div>
        </>
      )}
    </>
  );
}
