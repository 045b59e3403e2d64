import { z } from 'zod';
import type { ArcGISClient, CallOptions } from './request';

/**
 * `portals/self/createNotification` (Esri's Sharing REST API; arcgis-rest-js `createOrgNotification`):
 * a message from an administrator to members of the org, as a notification in ArcGIS Online
 * (`builtin`) or as an e-mail (`email`). POST only, `users` a comma list of usernames. Esri's own
 * client sends at most 25 usernames per request ("the max possible"), so that is the batch size here.
 */
export const NOTIFY_BATCH_LIMIT = 25;

export type NotificationChannel = 'builtin' | 'email';

export const NOTIFICATION_CHANNEL_LABELS: Record<NotificationChannel, string> = {
  builtin: 'ArcGIS Online notification',
  email: 'E-mail',
};

export interface OrgNotificationInput {
  /** 1 to 25 usernames. */
  users: readonly string[];
  subject: string;
  message: string;
  channel: NotificationChannel;
}

const createNotificationSchema = z
  .object({
    success: z.boolean(),
  })
  .passthrough();

export type CreateNotificationResult = z.infer<typeof createNotificationSchema>;

/**
 * Sends one notification to up to 25 members. The portal answers `{ success: true }`; an error
 * envelope (bad input, a non-admin, unknown members) throws `ApiError` like every call.
 */
export async function createOrgNotification(
  client: ArcGISClient,
  input: OrgNotificationInput,
  opts: CallOptions = {},
): Promise<CreateNotificationResult> {
  if (input.users.length === 0 || input.users.length > NOTIFY_BATCH_LIMIT) {
    throw new RangeError(`A notification goes to 1 to ${NOTIFY_BATCH_LIMIT} members at a time.`);
  }
  return client.apiPost('portals/self/createNotification', {
    schema: createNotificationSchema,
    params: {
      users: input.users.join(','),
      subject: input.subject,
      message: input.message,
      notificationChannelType: input.channel,
    },
    signal: opts.signal,
  });
}
