import { useRef, useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { useQuery } from '@tanstack/react-query';
import { useArcGISClient } from '@/lib/arcgis/client-context';
import type { NotificationChannel } from '@/lib/arcgis/notifications';
import { formatCount } from '@/lib/format';
import {
  NOTIFY_PERMISSION_MESSAGE,
  planNotificationBatches,
  refusedForPermission,
  sendNotifications,
  type NotifyOutcome,
} from '@/lib/notify/send';
import { defaultTemplateFor, type NotifyRecipient, type RenderedMessage } from '@/lib/notify/template';
import { portalQueries } from '@/lib/portal-queries';
import { usePresentationMode } from '@/lib/presentation';
import { NotifyCompose, type ComposeValues } from './notify-compose';
import { NotifyOutcomeView } from './notify-outcome';
import '../changes/changes.css';
import './notify.css';

export interface NotifyDialogProps {
  /** The members to notify; the dialog is open while this is not null. */
  recipients: readonly NotifyRecipient[] | null;
  onClose(): void;
  /** Where focus goes when the dialog closes. */
  onCloseAutoFocus?: (event: Event) => void;
}

/**
 * "Notify" for a list of members: compose (recipients, channel, subject and text with placeholders,
 * a preview per member), send in batches with progress, then the outcome per member.
 */
export function NotifyDialog({ recipients, onClose, onCloseAutoFocus }: NotifyDialogProps) {
  const count = recipients?.length ?? 0;
  return (
    <Dialog.Root open={recipients !== null} onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog notify-dialog"
          aria-describedby={undefined}
          onInteractOutside={(e) => e.preventDefault()}
          onCloseAutoFocus={onCloseAutoFocus}
        >
          <Dialog.Title className="dialog-title">
            Notify {formatCount(count)} {count === 1 ? 'member' : 'members'}
          </Dialog.Title>
          {recipients && <NotifyFlow recipients={recipients} onClose={onClose} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

type Stage =
  | { step: 'compose'; failure?: string }
  | { step: 'sending'; done: number; total: number }
  | { step: 'done'; outcomes: NotifyOutcome[]; stopped: boolean };

function NotifyFlow({ recipients, onClose }: { recipients: readonly NotifyRecipient[]; onClose(): void }) {
  const client = useArcGISClient();
  const portal = useQuery(portalQueries.self(client));
  const orgName = portal.data?.name ?? '';
  const [isMasked] = usePresentationMode();
  const [values, setValues] = useState<ComposeValues>(() => {
    const t = defaultTemplateFor(recipients);
    return { templateId: t.id, channel: 'builtin', subject: t.subject, message: t.message };
  });
  const [stage, setStage] = useState<Stage>({ step: 'compose' });
  const [targets, setTargets] = useState<readonly NotifyRecipient[]>(recipients);
  const abort = useRef<AbortController | null>(null);

  const send = async (
    to: readonly NotifyRecipient[],
    template: RenderedMessage,
    channel: NotificationChannel,
  ) => {
    const controller = new AbortController();
    abort.current = controller;
    setTargets(to);
    const batches = planNotificationBatches(to, template, orgName);
    setStage({ step: 'sending', done: 0, total: to.length });
    const outcomes = await sendNotifications(client, batches, {
      channel,
      signal: controller.signal,
      onProgress: ({ done, total }) => setStage({ step: 'sending', done, total }),
    });
    // Refused outright (the sender may not notify): back to the text as typed, saying why.
    if (refusedForPermission(outcomes)) {
      setStage({ step: 'compose', failure: NOTIFY_PERMISSION_MESSAGE });
      return;
    }
    setStage({ step: 'done', outcomes, stopped: controller.signal.aborted });
  };

  if (stage.step === 'compose') {
    return (
      <NotifyCompose
        recipients={recipients}
        orgName={orgName}
        isMasked={isMasked}
        values={values}
        onChange={setValues}
        onCancel={onClose}
        onSend={() => void send(recipients, values, values.channel)}
        failure={stage.failure}
      />
    );
  }
  if (stage.step === 'sending') {
    return (
      <div className="notify-sending">
        <p aria-live="polite">
          Sending: {formatCount(stage.done)} of {formatCount(stage.total)} members
        </p>
        <progress aria-label="Sending notifications" max={stage.total} value={stage.done} />
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={() => abort.current?.abort()}>
            Stop sending
          </button>
        </div>
      </div>
    );
  }
  return (
    <NotifyOutcomeView
      recipients={targets}
      outcomes={stage.outcomes}
      stopped={stage.stopped}
      channel={values.channel}
      isMasked={isMasked}
      onRetry={(again) => void send(again, values, values.channel)}
      onClose={onClose}
    />
  );
}
