import { useState } from 'react';
import { allocationOf } from '@/lib/change-plan/plan';
import type { ChangePlan } from '@/lib/change-plan/plan';
import { planFromChanges } from '@/lib/what-if/from-users';
import type { Cap } from '@/lib/what-if/projection';
import { useCurrentSandbox } from '@/lib/what-if/sandbox-store';
import type { WhatIfData } from '../api/use-what-if';
import { ApplyDialog, type RuleChange } from './apply-dialog';
import { liveRules } from '@/lib/policies/engine';
import { ruleCap } from '@/lib/what-if/policy-changes';
import { WhatIfPanel } from './what-if-panel';
import '../what-if.css';

interface Applying {
  plan: ChangePlan;
  ruleChanges: RuleChange[];
  defaultChange?: { before: Cap; after: Cap };
  sumOfAllocations: number;
}

function sumOfCaps(data: WhatIfData): number {
  let sum = 0;
  for (const u of data.users) {
    const a = allocationOf(u);
    if (typeof a === 'number') sum += a;
  }
  return sum;
}

/**
 * The Overview's what-if: the open sandbox's panel, and Apply's dialog, which outlives the sandbox
 * (applying closes the sandbox while the run goes on).
 */
export function WhatIfArea() {
  const { sandbox, set, update } = useCurrentSandbox();
  const [applying, setApplying] = useState<Applying | undefined>();

  const startApply = (data: WhatIfData) => {
    if (!sandbox) return;
    const after = sandbox.defaultAllocation;
    const before = data.todayDefault;
    const ruleChanges: RuleChange[] = [];
    for (const rule of data.policies ? liveRules(data.policies.doc) : []) {
      const next = sandbox.ruleAmounts[rule.id];
      if (next !== undefined && next !== ruleCap(rule)) ruleChanges.push({ rule, after: next });
    }
    setApplying({
      plan: planFromChanges(data.members, data.changes),
      ruleChanges,
      defaultChange:
        after !== undefined && before !== undefined && after !== before ? { before, after } : undefined,
      sumOfAllocations: sumOfCaps(data),
    });
  };

  return (
    <>
      {sandbox && (
        <WhatIfPanel
          sandbox={sandbox}
          onChange={update}
          onReplace={set}
          onApply={startApply}
          onDiscard={() => set(null)}
        />
      )}
      {applying && (
        <ApplyDialog
          open
          plan={applying.plan}
          ruleChanges={applying.ruleChanges}
          defaultChange={applying.defaultChange}
          sumOfAllocations={applying.sumOfAllocations}
          onApplied={() => set(null)}
          onClose={() => setApplying(undefined)}
        />
      )}
    </>
  );
}
