import { useState } from 'react';
import { PlanPreview } from '@/components/changes/plan-preview';
import { RunStatus } from '@/components/changes/run-status';
import type { ChangePlan } from '@/lib/change-plan/plan';
import { useChangeRunner } from '@/lib/change-plan/runner-context';

export interface PlanFlowProps {
  plan: ChangePlan;
  unchanged?: number;
  onBack?: () => void;
  onClose(): void;
  sumOfAllocations?: number;
}

/**
 * Preview a plan, then hand it to the app's change runner and follow it. Closing the dialog (Esc,
 * Close, leaving the page) never stops the run: the header keeps showing it.
 */
export function PlanFlow({ plan, unchanged, onBack, onClose, sumOfAllocations }: PlanFlowProps) {
  const runner = useChangeRunner();
  const [runId, setRunId] = useState<string | undefined>();
  if (runId) return <RunStatus runId={runId} onClose={onClose} />;
  return (
    <PlanPreview
      plan={plan}
      unchanged={unchanged}
      sumOfAllocations={sumOfAllocations}
      onBack={onBack}
      onCancel={onClose}
      onConfirm={() => setRunId(runner.start(plan).id)}
    />
  );
}
