import * as Dialog from '@radix-ui/react-dialog';
import { describeError } from '@/lib/arcgis/errors';
import { AllocationsExport } from './allocations-export';

export interface DisableBudgetingDialogProps {
  open: boolean;
  pending: boolean;
  error: Error | null;
  onConfirm(): void;
  onOpenChange(open: boolean): void;
  /** Where focus goes when the dialog closes (the switch that opened it). */
  onCloseAutoFocus?: (event: Event) => void;
}

/** Confirms turning budgeting off, offering a CSV of the current allocations first. */
export function DisableBudgetingDialog({
  open,
  pending,
  error,
  onConfirm,
  onOpenChange,
  onCloseAutoFocus,
}: DisableBudgetingDialogProps) {
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !pending && onOpenChange(next)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" onCloseAutoFocus={onCloseAutoFocus}>
          <Dialog.Title className="dialog-title">Turn off credit budgeting?</Dialog.Title>
          <Dialog.Description asChild>
            <div>
              <p>
                Member limits stop applying: every member can spend credits up to the organization’s balance,
                and allocations can’t be changed until budgeting is on again.
              </p>
              <p>
                ArcGIS Online doesn’t document whether today’s allocations come back when budgeting is turned
                on again. Download them first to keep a record.
              </p>
            </div>
          </Dialog.Description>
          <AllocationsExport />
          {error && (
            <p role="alert" className="notice notice-error">
              Budgeting was not turned off. {describeError(error)}
            </p>
          )}
          <div className="dialog-actions">
            <Dialog.Close asChild>
              <button type="button" className="button button-secondary" disabled={pending}>
                Cancel
              </button>
            </Dialog.Close>
            <button type="button" className="button button-danger" onClick={onConfirm} disabled={pending}>
              {pending ? 'Turning off…' : 'Turn off budgeting'}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
