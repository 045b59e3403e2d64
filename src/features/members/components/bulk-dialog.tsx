import { useId, useMemo, useState, type FormEvent } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { planForTarget } from '@/lib/change-plan/plan';
import { NOTEBOOK_MINIMUM, parseAllocation } from '../api/allocation-schema';
import type { MemberRow } from '../utils/member-rows';
import { formatCount } from '../utils/format';
import { PlanFlow } from './plan-flow';

export type BulkMode = 'set' | 'remove';

export interface BulkDialogProps {
  mode: BulkMode | null;
  rows: readonly MemberRow[];
  onClose(): void;
  sumOfAllocations: number;
  /** Where focus goes when the dialog closes. */
  onCloseAutoFocus?: (event: Event) => void;
}

/** "Set allocation…" / "Remove limit" for the selected members. */
export function BulkDialog(props: BulkDialogProps) {
  const { mode, rows, onClose } = props;
  return (
    <Dialog.Root open={mode !== null} onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog bulk-dialog"
          aria-describedby={undefined}
          onInteractOutside={(e) => e.preventDefault()}
          onCloseAutoFocus={props.onCloseAutoFocus}
        >
          <Dialog.Title className="dialog-title">
            {mode === 'remove' ? 'Remove limit' : 'Set allocation'} for {formatCount(rows.length)}{' '}
            {rows.length === 1 ? 'member' : 'members'}
          </Dialog.Title>
          {mode && <BulkDialogBody {...props} mode={mode} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function BulkDialogBody({ mode, rows, onClose, sumOfAllocations }: BulkDialogProps & { mode: BulkMode }) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [target, setTarget] = useState<number | null | undefined>(mode === 'remove' ? null : undefined);
  const built = useMemo(
    () =>
      target === undefined
        ? undefined
        : planForTarget(
            rows.map((r) => r.user),
            target,
          ),
    [rows, target],
  );

  if (target === undefined) {
    const onSubmit = (e: FormEvent) => {
      e.preventDefault();
      const parsed = parseAllocation(text);
      if ('error' in parsed) setError(parsed.error);
      else setTarget(parsed.value);
    };
    const parsed = parseAllocation(text);
    return (
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-allocation`}>Allocation</label>
          <input
            id={`${id}-allocation`}
            inputMode="decimal"
            autoComplete="off"
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setError(undefined);
            }}
          />
          {error && (
            <p id={`${id}-error`} className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        {'value' in parsed && parsed.value < NOTEBOOK_MINIMUM && (
          <p className="notice notice-warning">
            Below {NOTEBOOK_MINIMUM} credits: these members can’t start ArcGIS Notebooks, which need{' '}
            {NOTEBOOK_MINIMUM}.
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary">
            Preview
          </button>
        </div>
      </form>
    );
  }

  if (!built || built.plan.changes.length === 0) {
    return (
      <>
        <p>Every selected member already has this allocation; nothing to change.</p>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </>
    );
  }

  return (
    <PlanFlow
      plan={built.plan}
      unchanged={built.unchanged}
      onBack={mode === 'set' ? () => setTarget(undefined) : undefined}
      onClose={onClose}
      sumOfAllocations={sumOfAllocations}
    />
  );
}
