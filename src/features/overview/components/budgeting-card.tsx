import { useRef, useState } from 'react';
import * as Switch from '@radix-ui/react-switch';
import { useQueryClient } from '@tanstack/react-query';
import { useArcGISClient } from '@/lib/arcgis/client-context';
import { isBudgetingEnabled, type PortalSelf } from '@/lib/arcgis/schemas';
import { portalQueries } from '@/lib/portal-queries';
import { notify } from '@/lib/notifications';
import { useUpdateOrgSettings } from '../api/use-update-org-settings';
import { EnableBudgetingDialog } from './enable-budgeting-dialog';
import { DisableBudgetingDialog } from './disable-budgeting-dialog';

export interface BudgetingCardProps {
  portal: PortalSelf;
}

/** O2: budgeting status and its switch; every change goes through a confirmation. */
export function BudgetingCard({ portal }: BudgetingCardProps) {
  const client = useArcGISClient();
  const enabled = isBudgetingEnabled(portal);
  const balance = portal.availableCredits ?? 0;
  const [dialog, setDialog] = useState<'enable' | 'disable' | null>(null);
  const queryClient = useQueryClient();
  const update = useUpdateOrgSettings(client);
  const switchRef = useRef<HTMLButtonElement>(null);
  // The switch opens the confirmations without being their trigger: send focus back to it.
  const returnFocus = (e: Event) => {
    if (!switchRef.current) return;
    e.preventDefault();
    switchRef.current.focus();
  };

  function confirm(next: 'enabled' | 'disabled') {
    update.mutate(
      { creditAssignments: next },
      {
        onSuccess: () => {
          setDialog(null);
          // The server's answer, re-read (the mutation waits for it), not what was asked for.
          const fresh = queryClient.getQueryData(portalQueries.self(client).queryKey);
          const on = fresh ? isBudgetingEnabled(fresh) : next === 'enabled';
          notify({ kind: 'success', message: on ? 'Credit budgeting is on.' : 'Credit budgeting is off.' });
        },
      },
    );
  }

  function openDialog(open: 'enable' | 'disable' | null) {
    update.reset();
    setDialog(open);
  }

  return (
    <section className="card overview-budgeting" aria-labelledby="overview-budgeting-title">
      <h2 id="overview-budgeting-title" className="overview-card-title">
        Budgeting
      </h2>
      <div className="overview-switch-row">
        <Switch.Root
          id="overview-budgeting-switch"
          ref={switchRef}
          className="switch"
          checked={enabled}
          onCheckedChange={(checked) => openDialog(checked ? 'enable' : 'disable')}
          aria-describedby="overview-budgeting-status"
        >
          <Switch.Thumb className="switch-thumb" />
        </Switch.Root>
        <label htmlFor="overview-budgeting-switch" className="overview-switch-label">
          Credit budgeting
        </label>
        <span className={enabled ? 'overview-badge overview-badge-on' : 'overview-badge'}>
          {enabled ? 'On' : 'Off'}
        </span>
      </div>
      <p id="overview-budgeting-status" className="muted small" aria-live="polite">
        {enabled
          ? 'Member allocations apply: members with an allocation can spend only up to it on transaction services.'
          : 'Member allocations don’t apply: every member can spend credits up to the organization’s balance.'}
      </p>
      {!enabled && balance <= 0 && (
        <p className="notice notice-warning small">
          Budgeting can’t be turned on while the organization’s balance is zero or less. Purchase credits
          first.
        </p>
      )}
      <EnableBudgetingDialog
        open={dialog === 'enable'}
        balance={balance}
        pending={update.isPending}
        error={update.error}
        onConfirm={() => confirm('enabled')}
        onOpenChange={(open) => openDialog(open ? 'enable' : null)}
        onCloseAutoFocus={returnFocus}
      />
      <DisableBudgetingDialog
        open={dialog === 'disable'}
        pending={update.isPending}
        error={update.error}
        onConfirm={() => confirm('disabled')}
        onOpenChange={(open) => openDialog(open ? 'disable' : null)}
        onCloseAutoFocus={returnFocus}
      />
    </section>
  );
}
