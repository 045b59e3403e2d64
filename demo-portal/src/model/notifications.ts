import { randomUUID } from 'node:crypto';
import { badRequest } from './errors.ts';

/**
 * Notifications administrators send with `portals/self/createNotification`: kept (the last
 * NOTIFICATION_LIMITS.kept of them) so built-in ones show in each recipient's
 * `community/users/<u>/notifications` and the demo controls can list what was sent. Nothing is
 * e-mailed: an `email` notification is only recorded.
 */

export type NotificationChannel = 'builtin' | 'email';

export interface StoredNotification {
  id: string;
  created: number;
  /** The administrator who sent it. */
  from: string;
  channel: NotificationChannel;
  subject: string;
  message: string;
  /** Usernames as the portal spells them. */
  users: string[];
  clientId?: string;
}

export const NOTIFICATION_LIMITS = {
  /** Recipients per request: what arcgis-rest-js calls "the max possible" batch. */
  users: 25,
  subject: 200,
  message: 4000,
  /** Notifications the org keeps (older ones are dropped). */
  kept: 200,
} as const;

export interface NotificationInput {
  from: string;
  channel: NotificationChannel;
  subject: string;
  message: string;
  users: string[];
  clientId?: string;
}

export function checkNotificationText(subject: string | undefined, message: string | undefined) {
  const s = subject?.trim() ?? '';
  const m = message?.trim() ?? '';
  if (m === '') throw badRequest("Invalid 'message': a notification needs a message.");
  if (s.length > NOTIFICATION_LIMITS.subject)
    throw badRequest(
      `Invalid 'subject': at most ${NOTIFICATION_LIMITS.subject} characters (got ${s.length}).`,
    );
  if (m.length > NOTIFICATION_LIMITS.message)
    throw badRequest(
      `Invalid 'message': at most ${NOTIFICATION_LIMITS.message} characters (got ${m.length}).`,
    );
  return { subject: s, message: m };
}

export class NotificationLog {
  private list: StoredNotification[] = [];
  private pending: StoredNotification[] = [];

  constructor(
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {}

  send(input: NotificationInput): StoredNotification {
    const n: StoredNotification = {
      id: randomUUID().replace(/-/g, ''),
      created: this.now(),
      from: input.from,
      channel: input.channel,
      subject: input.subject,
      message: input.message,
      users: [...input.users],
      ...(input.clientId ? { clientId: input.clientId } : {}),
    };
    this.list.push(n);
    if (this.list.length > NOTIFICATION_LIMITS.kept)
      this.list.splice(0, this.list.length - NOTIFICATION_LIMITS.kept);
    this.pending.push(n);
    this.changed();
    return n;
  }

  /** Newest first. */
  latest(limit: number): StoredNotification[] {
    return this.list.slice(-limit).reverse();
  }

  /** Built-in notifications to `username`, newest first. */
  builtinFor(username: string): StoredNotification[] {
    const key = username.toLowerCase();
    return this.list
      .filter((n) => n.channel === 'builtin' && n.users.some((u) => u.toLowerCase() === key))
      .reverse();
  }

  clear(): void {
    this.list = [];
    this.pending = [];
  }

  // --- persistence ----------------------------------------------------------------------------

  takeRecord(): { notifications?: StoredNotification[] } {
    if (this.pending.length === 0) return {};
    const notifications = this.pending;
    this.pending = [];
    return { notifications };
  }

  export(): { notifications?: StoredNotification[] } {
    return this.list.length === 0 ? {} : { notifications: this.list.map((n) => ({ ...n })) };
  }

  import(notifications: StoredNotification[] | undefined): void {
    this.list = (notifications ?? []).slice(-NOTIFICATION_LIMITS.kept).map((n) => ({ ...n }));
    this.pending = [];
  }
}

/** Appends logged notifications to a list, keeping the newest `kept`. */
export function appendNotifications(
  into: StoredNotification[],
  added: readonly StoredNotification[],
): StoredNotification[] {
  const all = [...into, ...added];
  return all.slice(-NOTIFICATION_LIMITS.kept);
}
