import type { NotificationChannel } from '@/lib/arcgis/notifications';
import { NOTIFICATION_CHANNEL_LABELS } from '@/lib/arcgis/notifications';
import { downloadCsv } from '@/lib/csv';
import { formatCount } from '@/lib/format';
import { notifyOutcomeCsv } from '@/lib/notify/outcome-csv';
import { NOTIFY_STATUS_LABELS, type NotifyOutcome } from '@/lib/notify/send';
import type { NotifyRecipient } from '@/lib/notify/template';
import { displayPerson, maskMentions } from '@/lib/presentation';
import { VirtualList } from '../changes/virtual-list';

export interface NotifyOutcomeViewProps {
  recipients: readonly NotifyRecipient[];
  outcomes: readonly NotifyOutcome[];
  stopped: boolean;
  channel: NotificationChannel;
  isMasked: boolean;
  onRetry(recipients: readonly NotifyRecipient[]): void;
  onClose(): void;
}

/** Sent / failed / not sent, the members who did not get it (with why), a CSV, and a retry. */
export function NotifyOutcomeView(props: NotifyOutcomeViewProps) {
  const { recipients, outcomes, isMasked } = props;
  const byName = new Map(outcomes.map((o) => [o.username, o]));
  const count = (s: NotifyOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  const missed = recipients.filter((r) => byName.get(r.username)?.status !== 'sent');
  const sent = count('sent');
  const download = () => {
    const day = new Date().toISOString().slice(0, 10);
    downloadCsv(
      `notification-outcome-${day}.csv`,
      notifyOutcomeCsv(recipients, outcomes, {
        channel: NOTIFICATION_CHANNEL_LABELS[props.channel],
        masked: isMasked,
      }),
    );
  };
  return (
    <div className="notify-outcome">
      <p role="status">
        {missed.length === 0
          ? `Sent to ${formatCount(sent)} ${sent === 1 ? 'member' : 'members'}.`
          : `Sent to ${formatCount(sent)} of ${formatCount(recipients.length)} members.`}
        {props.stopped && ' Sending was stopped.'}
      </p>
      <ul className="notify-counts" aria-label="Outcome">
        <li>Sent: {formatCount(sent)}</li>
        <li>Failed: {formatCount(count('failed'))}</li>
        <li>Not sent: {formatCount(count('not-sent'))}</li>
      </ul>
      {missed.length > 0 && (
        <VirtualList
          items={missed}
          label="Members not notified"
          keyOf={(r) => r.username}
          rowHeight={36}
          render={(r) => {
            const o = byName.get(r.username);
            const p = displayPerson(r, isMasked);
            return (
              <span className="change-row">
                <span className="change-who">{p.fullName || p.displayUsername}</span>
                <span className="muted">
                  {NOTIFY_STATUS_LABELS[o?.status ?? 'not-sent']}
                  {o?.error ? `: ${maskMentions(o.error, r.username, isMasked)}` : ''}
                </span>
              </span>
            );
          }}
        />
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={download}>
          Download outcome (CSV)
        </button>
        {missed.length > 0 && (
          <button type="button" className="button button-secondary" onClick={() => props.onRetry(missed)}>
            Send again to {formatCount(missed.length)} not notified
          </button>
        )}
        <button type="button" className="button button-primary" onClick={props.onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
