import { useEffect, useId, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { planForMember } from '@/lib/change-plan/plan';
import { useChangeRunner } from '@/lib/change-plan/runner-context';
import { notify } from '@/lib/notifications';
import {
  allocationSchema,
  allocationTarget,
  NOTEBOOK_MINIMUM,
  parseAllocation,
  type AllocationInput,
} from '../api/allocation-schema';
import type { MemberRow } from '../utils/member-rows';
import { formatAllocation, formatCredits, formatTarget } from '../utils/format';
import { formatPercent } from '@/lib/format';
import { newAllocationPeriodNote } from '@/components/changes/plan-preview';

export interface AllocationFormProps {
  row: MemberRow;
  /** The member's name as shown (masked in presentation mode). */
  displayName: string;
  /** Org balance (may be negative). */
  orgAvailable: number | undefined;
  /** Sum of every member's finite allocation, this member included. */
  sumOfAllocations: number;
  onDone(): void;
  onCancel(): void;
}

function defaultsOf(row: MemberRow): AllocationInput {
  if (row.limit.kind === 'capped') return { noLimit: false, allocation: String(row.limit.assigned) };
  return { noLimit: row.limit.kind === 'unlimited', allocation: '' };
}

/**
 * Allocate a number of credits or No limit to one member. A single edit skips the preview but goes
 * through the change runner like every other change; the table updates optimistically.
 */
export function AllocationForm({
  row,
  displayName,
  orgAvailable,
  sumOfAllocations,
  onDone,
  onCancel,
}: AllocationFormProps) {
  const id = useId();
  const runner = useChangeRunner();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const {
    register,
    handleSubmit,
    control,
    formState: { errors },
  } = useForm<AllocationInput>({ resolver: zodResolver(allocationSchema), defaultValues: defaultsOf(row) });
  const [noLimit, allocation] = useWatch({ control, name: ['noLimit', 'allocation'] });
  const previous = formatAllocation(row.limit);

  const parsed = noLimit ? undefined : parseAllocation(allocation);
  const target = parsed && 'value' in parsed ? parsed.value : undefined;
  const currentFinite = row.limit.kind === 'capped' ? row.limit.assigned : 0;
  const nextSum = sumOfAllocations - currentFinite + (target ?? 0);
  const adds = target !== undefined ? target - currentFinite : 0;
  // Over-allocation only matters for a change that allocates more, and is worded by where the
  // org stands now: this change crosses the balance, or the org was already past it.
  const endsOver = orgAvailable !== undefined && adds > 0 && nextSum > orgAvailable;
  const wasOver = orgAvailable !== undefined && sumOfAllocations > orgAvailable;
  const belowMinimum = target !== undefined && target < NOTEBOOK_MINIMUM;
  // Saving a number (other than the current one) starts a new allocation period.
  const startsNewPeriod =
    target !== undefined && !(row.limit.kind === 'capped' && row.limit.assigned === target);

  // A warning that appears while typing is scrolled into view (a short screen may hide it below).
  const shown = [startsNewPeriod, belowMinimum, endsOver && !wasOver, endsOver && wasOver].join();
  const warningsRef = useRef<HTMLDivElement>(null);
  const lastShown = useRef(shown);
  useEffect(() => {
    if (shown === lastShown.current) return;
    lastShown.current = shown;
    if (shown.includes('true')) warningsRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [shown]);

  const onSubmit = async (values: AllocationInput) => {
    const credits = allocationTarget(values);
    const plan = planForMember(row.user, credits);
    if (plan.changes.length === 0) {
      onDone();
      return;
    }
    setPending(true);
    setFailure(undefined);
    const run = await runner.start(plan, { optimistic: true }).finished;
    setPending(false);
    const outcome = run.outcomes[0];
    if (outcome?.status === 'applied') {
      notify({ kind: 'success', message: `${displayName}: allocation set to ${formatTarget(credits)}.` });
      onDone();
    } else {
      setFailure(outcome?.error ?? 'The portal did not apply the change.');
    }
  };

  return (
    <form className="form allocation-form" onSubmit={(e) => void handleSubmit(onSubmit)(e)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-allocation`}>Allocation</label>
        <input
          id={`${id}-allocation`}
          inputMode="decimal"
          autoComplete="off"
          disabled={noLimit}
          aria-invalid={errors.allocation ? true : undefined}
          aria-describedby={`${id}-allocation-hint${errors.allocation ? ` ${id}-allocation-error` : ''}`}
          {...register('allocation')}
        />
        <p id={`${id}-allocation-hint`} className="field-hint">
          Credits this member may spend from now on (a cap, not a reservation). Currently: {previous}.
        </p>
        {errors.allocation && (
          <p id={`${id}-allocation-error`} className="field-error" role="alert">
            {errors.allocation.message}
          </p>
        )}
      </div>
      <div className="field field-checkbox">
        <label>
          <input type="checkbox" {...register('noLimit')} /> No limit
        </label>
        <p className="field-hint">Removes this member’s limit. It does not take back any credits.</p>
      </div>
      {/* Always present, so a warning that appears while typing is announced. */}
      <div role="status" className="allocation-warnings" ref={warningsRef}>
        {startsNewPeriod && <p className="small muted">{newAllocationPeriodNote(1)}</p>}
        {belowMinimum && (
          <p className="notice notice-warning">
            Below {NOTEBOOK_MINIMUM} credits: this member can’t start ArcGIS Notebooks, which need{' '}
            {NOTEBOOK_MINIMUM}.
          </p>
        )}
        {endsOver && !wasOver && (
          <p className="notice notice-warning">
            This over-allocates the organization: allocations would total {formatCredits(nextSum)} credits
            against a balance of {formatCredits(orgAvailable)}. Allocations are caps, so this is allowed.
          </p>
        )}
        {endsOver && wasOver && (
          <p className="notice notice-warning">
            The organization is already over-allocated
            {orgAvailable > 0 ? ` (${formatPercent((sumOfAllocations / orgAvailable) * 100)})` : ''}; this
            adds {formatCredits(adds)} {adds === 1 ? 'credit' : 'credits'}, for a total of{' '}
            {formatCredits(nextSum)} credits allocated against a balance of {formatCredits(orgAvailable)}.
            Allocations are caps, so this is allowed.
          </p>
        )}
      </div>
      {failure && (
        <div className="notice notice-error" role="alert">
          The allocation was not changed: {failure} {displayName} is back to {previous}.
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Saving…' : 'Save allocation'}
        </button>
      </div>
    </form>
  );
}
