import * as Dialog from '@radix-ui/react-dialog';
import { describeError } from '@/lib/arcgis/errors';
import { formatCredits } from '../utils/format';

export interface EnableBudgetingDialogProps {
  open: boolean;
  balance: number;
  pending: boolean;
  error: Error | null;
  onConfirm(): void;
  onOpenChange(open: boolean): void;
  /** Where focus goes when the dialog closes (the switch that opened it). */
  onCloseAutoFocus?: (event: Event) => void;
}

/** Confirms turning budgeting on, or explains why it can't be while the balance is ≤ 0. */
export function EnableBudgetingDialog({
  open,
  balance,
  pending,
  error,
  onConfirm,
  onOpenChange,
  onCloseAutoFocus,
}: EnableBudgetingDialogProps) {
  const refused = balance <= 0;
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !pending && onOpenChange(next)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" onCloseAutoFocus={onCloseAutoFocus}>
          {refused ? (
            <>
              <Dialog.Title className="dialog-title">Credit budgeting can’t be turned on</Dialog.Title>
              <Dialog.Description>
                The organization’s balance is {formatCredits(balance)} credits. Budgeting can only be turned
                on while the organization has credits available (more than zero). Purchase credits, then try
                again.
              </Dialog.Description>
              <div className="dialog-actions">
                <Dialog.Close asChild>
                  <button type="button" className="button button-primary">
                    Close
                  </button>
                </Dialog.Close>
              </div>
            </>
          ) : (
            <>
              <Dialog.Title className="dialog-title">Turn on credit budgeting?</Dialog.Title>
              <Dialog.Description asChild>
                <div>
                  <p>Member allocations start to apply as soon as budgeting is on:</p>
                  <ul className="overview-list">
                    <li>
                      Members with an allocation can spend only up to it on transaction services (geocoding,
                      analysis, GeoEnrichment, tiles, notebooks). Storage stays charged to the organization.
                    </li>
                    <li>
                      Whether members can see their own allocation and remaining credits in their profile is a
                      separate organization setting in ArcGIS Online; this console doesn’t change it.
                    </li>
                    <li>
                      Members without an allocation have no limit; new members get the default allocation.
                    </li>
                  </ul>
                </div>
              </Dialog.Description>
              {error && (
                <p role="alert" className="notice notice-error">
                  Budgeting was not turned on. {describeError(error)}
                </p>
              )}
              <div className="dialog-actions">
                <Dialog.Close asChild>
                  <button type="button" className="button button-secondary" disabled={pending}>
                    Cancel
                  </button>
                </Dialog.Close>
                <button
                  type="button"
                  className="button button-primary"
                  onClick={onConfirm}
                  disabled={pending}
                >
                  {pending ? 'Turning on…' : 'Turn on budgeting'}
                </button>
              </div>
            </>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
