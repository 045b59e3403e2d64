import { useId, type ReactNode } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { displayPerson } from '@/lib/presentation';
import type { MemberRow, PeriodUsage } from '../utils/member-rows';
import { usedOf, userTypeLabel } from '../utils/member-rows';
import { formatAllocation, formatCredits, formatRemaining, formatUsed } from '../utils/format';
import { AllocationForm } from './allocation-form';

export interface MemberDialogProps {
  /** Username from the URL (`?member=`); null = closed. */
  username: string | null;
  row: MemberRow | undefined;
  isBudgetingEnabled: boolean;
  orgAvailable: number | undefined;
  sumOfAllocations: number;
  onClose(): void;
  /** Presentation mode: names and emails masked for screen sharing. */
  isMasked?: boolean;
  /** Where focus goes when the dialog closes (default: where it was before). */
  onCloseAutoFocus?: (event: Event) => void;
  /** The member's usage chart, supplied by the app (features don't import each other). */
  renderMemberUsage?: (username: string) => ReactNode;
  /** Usage in the last 30 days of members without a limit (their Used, as in the table); undefined while it loads. */
  periodUsage?: PeriodUsage;
}

/** One member: allocated, used, remaining, usage over the last 90 days, and the allocation form. */
export function MemberDialog(props: MemberDialogProps) {
  const { username, row, onClose } = props;
  return (
    <Dialog.Root open={username !== null} onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog member-dialog"
          aria-describedby={undefined}
          onCloseAutoFocus={props.onCloseAutoFocus}
          onOpenAutoFocus={(e) => {
            // Start in the allocation field rather than on the chart's toolbar.
            const field =
              e.currentTarget instanceof HTMLElement
                ? e.currentTarget.querySelector('input[name="allocation"]')
                : null;
            if (field instanceof HTMLInputElement) {
              e.preventDefault();
              field.focus();
            }
          }}
        >
          {/* Stays at the top corner while the dialog scrolls. */}
          <div className="dialog-close-bar">
            <Dialog.Close className="dialog-close" aria-label="Close">
              <span aria-hidden="true">×</span>
            </Dialog.Close>
          </div>
          {row ? (
            <MemberDialogBody {...props} row={row} />
          ) : (
            <>
              <Dialog.Title className="dialog-title">Member not found</Dialog.Title>
              <p>There is no member named “{isMaskedName(username, props.isMasked)}” in this organization.</p>
              <div className="dialog-actions">
                <Dialog.Close className="button button-secondary">Close</Dialog.Close>
              </div>
            </>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function MemberDialogBody({
  row,
  isBudgetingEnabled,
  orgAvailable,
  sumOfAllocations,
  onClose,
  renderMemberUsage,
  periodUsage,
  isMasked = false,
}: MemberDialogProps & { row: MemberRow }) {
  const person = displayPerson(row, isMasked);
  // A member without a limit has no allocation period: their Used is the last 30 days, as in the table.
  const periodUsed = row.limit.kind === 'unlimited' ? usedOf(row, periodUsage) : undefined;
  return (
    <>
      <Dialog.Title className="dialog-title">{person.fullName}</Dialog.Title>
      <p className="muted small member-dialog-sub">
        {person.displayUsername}
        {person.email && ` · ${person.email}`} · {row.roleName} · {userTypeLabel(row.userType)}
      </p>
      <dl className="member-stats">
        <Stat label="Allocated" value={formatAllocation(row.limit)} />
        {row.limit.kind === 'unlimited' ? (
          <Stat
            label="Used (last 30 days)"
            value={periodUsed === undefined ? '—' : formatCredits(periodUsed)}
          />
        ) : (
          <Stat label="Used" value={formatUsed(row.limit)} />
        )}
        <Stat label="Remaining" value={formatRemaining(row.limit)} />
      </dl>
      {row.limit.kind === 'unlimited' && (
        <p className="small muted">With no limit, this member can spend up to the organization’s balance.</p>
      )}
      {renderMemberUsage && (
        <section className="member-usage" aria-label="Usage in the last 90 days">
          {renderMemberUsage(row.username)}
        </section>
      )}
      <h3 className="member-dialog-heading">Change the allocation</h3>
      {isBudgetingEnabled ? (
        <AllocationForm
          key={row.username}
          row={row}
          displayName={person.fullName}
          orgAvailable={orgAvailable}
          sumOfAllocations={sumOfAllocations}
          onDone={onClose}
          onCancel={onClose}
        />
      ) : (
        <>
          <p className="notice notice-warning">
            Credit budgeting is off for this organization, so allocations can’t be changed. Turn budgeting on
            in the Overview to allocate credits.
          </p>
          <div className="dialog-actions">
            <Dialog.Close className="button button-secondary">Close</Dialog.Close>
          </div>
        </>
      )}
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  const id = useId();
  return (
    <div>
      <dt id={id}>{label}</dt>
      <dd aria-labelledby={id}>{value}</dd>
    </div>
  );
}

function isMaskedName(username: string | null, isMasked = false): string {
  return username && isMasked ? displayPerson({ username }, true).displayUsername : (username ?? '');
}
