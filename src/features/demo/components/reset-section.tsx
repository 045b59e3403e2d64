import { useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { describeError } from '@/lib/arcgis/errors';
import { useResetDemoOrg } from '../api/use-reset-demo-org';
import { useArcGISClient } from '@/lib/arcgis/client-context';

export interface ResetSectionProps {
  busy: boolean;
}

export function ResetSection({ busy }: ResetSectionProps) {
  const client = useArcGISClient();
  const resetOrg = useResetDemoOrg(client);
  const [confirming, setConfirming] = useState(false);
  const pending = resetOrg.isPending;

  const onConfirm = () => resetOrg.mutate(undefined, { onSuccess: () => setConfirming(false) });

  return (
    <section className="demo-section" aria-labelledby="demo-reset-title">
      <h3 id="demo-reset-title">Start over</h3>
      <Dialog.Root
        open={confirming}
        onOpenChange={(next) => {
          if (pending) return;
          if (next) resetOrg.reset();
          setConfirming(next);
        }}
      >
        <Dialog.Trigger className="button button-danger" disabled={busy}>
          Reset the demo organization…
        </Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay className="dialog-overlay demo-nested-overlay" />
          <Dialog.Content className="dialog demo-nested-dialog">
            <Dialog.Title className="dialog-title">Reset the demo organization?</Dialog.Title>
            <Dialog.Description>
              Every change goes back to the seed: allocations, the default allocation, budgeting on or off,
              added members and advanced days. You stay signed in.
            </Dialog.Description>
            {resetOrg.isError && (
              <p className="notice notice-error" role="alert">
                The organization was not reset: {describeError(resetOrg.error)}
              </p>
            )}
            <div className="dialog-actions">
              <Dialog.Close className="button button-secondary" disabled={pending}>
                Cancel
              </Dialog.Close>
              <button type="button" className="button button-danger" onClick={onConfirm} disabled={pending}>
                {pending ? 'Resetting…' : 'Reset organization'}
              </button>
            </div>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      <div aria-live="polite" className="demo-outcome">
        {resetOrg.isSuccess && (
          <p className="notice notice-success">The demo organization is back to its seed.</p>
        )}
      </div>
    </section>
  );
}
