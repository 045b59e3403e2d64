import { runBounded } from '@/lib/arcgis/concurrency';
import { ApiError, describeError } from '@/lib/arcgis/errors';
import {
  createOrgNotification,
  NOTIFY_BATCH_LIMIT,
  type NotificationChannel,
} from '@/lib/arcgis/notifications';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { renderFor, type NotifyRecipient, type RenderedMessage } from './template';

/** One request: the same subject and message to up to 25 members. */
export interface NotificationBatch extends RenderedMessage {
  users: string[];
}

/**
 * The requests that deliver `template` to `recipients`. Members whose filled-in text is the same
 * share a request (up to 25 each); a template with per-member numbers gives each member their own.
 */
export function planNotificationBatches(
  recipients: readonly NotifyRecipient[],
  template: RenderedMessage,
  orgName: string,
): NotificationBatch[] {
  const groups = new Map<string, NotificationBatch[]>();
  const out: NotificationBatch[] = [];
  for (const r of recipients) {
    const rendered = renderFor(r, template, orgName);
    const key = `${rendered.subject}\u0000${rendered.message}`;
    const list = groups.get(key) ?? [];
    let last = list[list.length - 1];
    if (!last || last.users.length >= NOTIFY_BATCH_LIMIT) {
      last = { ...rendered, users: [] };
      list.push(last);
      out.push(last);
      groups.set(key, list);
    }
    last.users.push(r.username);
  }
  return out;
}

export type NotifyStatus = 'sent' | 'failed' | 'not-sent';

export const NOTIFY_STATUS_LABELS: Record<NotifyStatus, string> = {
  sent: 'Sent',
  failed: 'Failed',
  'not-sent': 'Not sent',
};

export interface NotifyOutcome {
  username: string;
  status: NotifyStatus;
  error?: string;
  /** The portal refused the sender (403): nobody in the org can be notified by them. */
  forbidden?: boolean;
}

/** What a member who may not send notifications is told, instead of the portal's bare 403. */
export const NOTIFY_PERMISSION_MESSAGE =
  'Only an administrator can send notifications to members: your role cannot create organization notifications. Ask an administrator, or sign in as one.';

/** True when no notification went out because the portal refused the sender. */
export function refusedForPermission(outcomes: readonly NotifyOutcome[]): boolean {
  return outcomes.length > 0 && outcomes.every((o) => o.status === 'failed' && o.forbidden === true);
}

export interface NotifyProgress {
  done: number;
  total: number;
}

export interface SendNotificationsOptions {
  channel: NotificationChannel;
  /** Requests in flight at once. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: NotifyProgress) => void;
}

/**
 * Sends every batch (4 in flight), never stopping at a failed one: each member ends sent, failed
 * (with the portal's reason) or not sent (the send was stopped before their request went out).
 */
export async function sendNotifications(
  client: ArcGISClient,
  batches: readonly NotificationBatch[],
  { channel, concurrency = 4, signal, onProgress }: SendNotificationsOptions,
): Promise<NotifyOutcome[]> {
  const outcomes = new Map<string, NotifyOutcome>();
  const total = batches.reduce((n, b) => n + b.users.length, 0);
  let done = 0;
  onProgress?.({ done, total });
  await runBounded(
    batches.length,
    concurrency,
    async (i) => {
      const batch = batches[i];
      if (!batch) return;
      let status: NotifyStatus = 'sent';
      let error: string | undefined;
      let forbidden = false;
      try {
        const result = await createOrgNotification(
          client,
          { users: batch.users, subject: batch.subject, message: batch.message, channel },
          { signal },
        );
        if (!result.success) {
          status = 'failed';
          error = 'The portal did not confirm the notification.';
        }
      } catch (e) {
        if (signal?.aborted) {
          status = 'not-sent';
        } else {
          status = 'failed';
          forbidden = e instanceof ApiError && e.code === 403;
          error = forbidden ? NOTIFY_PERMISSION_MESSAGE : describeError(e);
        }
      }
      for (const username of batch.users)
        outcomes.set(username, { username, status, error, ...(forbidden ? { forbidden } : {}) });
      done += batch.users.length;
      onProgress?.({ done, total });
    },
    () => signal?.aborted === true,
  );
  return batches.flatMap((b) => b.users.map((u) => outcomes.get(u) ?? { username: u, status: 'not-sent' }));
}
