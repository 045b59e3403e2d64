import { useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { useIsMutating, useQuery } from '@tanstack/react-query';
import { canManageCredits } from '@/lib/arcgis/schemas';
import { portalQueries } from '@/lib/portal-queries';
import { DEMO_MUTATION_KEY, demoQueries } from '../api/demo-queries';
import { DemoPanel } from './demo-panel';
import '../demo.css';
import { useArcGISClient } from '@/lib/arcgis/client-context';

/**
 * The header's "Demo" entry (D2). Shown only when the portal itself says it is the demo portal
 * (`__demo/status`) and the signed-in member can manage credits (the portal refuses others).
 */
export function DemoControls() {
  const client = useArcGISClient();
  const status = useQuery(demoQueries.status(client));
  const self = useQuery(portalQueries.self(client));
  const busy = useIsMutating({ mutationKey: DEMO_MUTATION_KEY }) > 0;
  const [open, setOpen] = useState(false);

  if (!status.data || !canManageCredits(self.data?.user)) return null;

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className="button button-secondary button-small demo-trigger">
        Demo{' '}
        {status.data.advancedDays > 0 && (
          <span className="demo-trigger-badge">+{status.data.advancedDays} d</span>
        )}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog demo-dialog"
          // Keep the panel open while an action runs, so its outcome is seen.
          onEscapeKeyDown={(e) => busy && e.preventDefault()}
          onInteractOutside={(e) => busy && e.preventDefault()}
        >
          <Dialog.Title className="dialog-title">Demo controls</Dialog.Title>
          <Dialog.Description className="muted">
            These change the built-in demo organization for everyone using it. A real ArcGIS Online
            organization has no such controls.
          </Dialog.Description>
          <DemoPanel status={status.data} busy={busy} />
          <div className="dialog-actions">
            <Dialog.Close className="button button-secondary" disabled={busy}>
              Close
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
