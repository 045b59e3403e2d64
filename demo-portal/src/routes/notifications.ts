import { Hono } from 'hono';
import { badRequest } from '../model/errors.ts';
import type { Member } from '../model/member.ts';
import type { NotificationChannel, StoredNotification } from '../model/notifications.ts';
import { checkNotificationText, NOTIFICATION_LIMITS } from '../model/notifications.ts';
import type { Params, RouteDeps } from './http.ts';
import { checkPortalId, requireCaller, route } from './http.ts';
import { forbidden, userNotFound } from './messages.ts';

/**
 * Notifications, as ArcGIS Online takes and shows them:
 *
 * - `POST portals/self/createNotification` (org administrators): `subject`, `message`, `users`
 *   (comma list or JSON array, 1–25), `notificationChannelType` `builtin` | `email`, optional
 *   `clientId` → `{success: true}`. arcgis-rest-js `createOrgNotification` sends these in batches
 *   of 25 and reads `success`.
 * - `community/users/<u>/notifications` (the recipient only) → `{notifications: [...]}`, the
 *   built-in ones sent to them, newest first.
 * - Demo control `GET __demo/notifications` (credit administrators) → the last ones sent, for the
 *   console's Demo panel. E-mail is never sent; an `email` notification is only recorded.
 */

const CHANNELS: readonly NotificationChannel[] = ['builtin', 'email'];

function usersParam(params: Params): string[] {
  const raw = params.get('users')?.trim();
  if (raw === undefined) throw badRequest("Invalid 'users': name at least one member.");
  let list: string[] | undefined;
  if (raw.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed) && parsed.every((u) => typeof u === 'string')) list = parsed;
    } catch {
      list = undefined;
    }
    if (!list) throw badRequest("Invalid 'users': a comma-separated list or a JSON array of usernames.");
  } else list = raw.split(',');
  return list.map((u) => u.trim()).filter((u) => u !== '');
}

/** The recipient's view of a built-in notification. */
function userNotificationView(n: StoredNotification, target: string) {
  return {
    id: n.id,
    type: 'org_notification',
    target,
    targetType: 'user',
    received: n.created,
    data: { subject: n.subject, message: n.message, fromUser: n.from },
  };
}

export function createNotificationRoutes(deps: RouteDeps): Hono {
  const { org } = deps;
  const app = new Hono();

  app.all(
    '/portals/:portal/createNotification',
    route(
      (c, params) => {
        checkPortalId(deps, c.req.param('portal'));
        const caller = requireCaller(deps, c, params);
        if (caller.role !== 'org_admin') throw forbidden();
        const channel = params.get('notificationChannelType')?.trim().toLowerCase();
        if (!CHANNELS.some((ch) => ch === channel)) {
          throw badRequest(
            `Invalid 'notificationChannelType' "${params.get('notificationChannelType') ?? ''}": use builtin or email.`,
          );
        }
        const { subject, message } = checkNotificationText(params.get('subject'), params.get('message'));
        const named = usersParam(params);
        const members = new Map<string, Member>();
        const unknown: string[] = [];
        for (const u of named) {
          const m = org.findMember(u);
          if (m) members.set(m.username, m);
          else unknown.push(u);
        }
        if (unknown.length > 0) {
          throw badRequest(
            `Invalid 'users': not members of this organization: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}. Nothing was sent.`,
          );
        }
        if (members.size === 0) throw badRequest("Invalid 'users': name at least one member.");
        if (members.size > NOTIFICATION_LIMITS.users) {
          throw badRequest(
            `Invalid 'users': at most ${NOTIFICATION_LIMITS.users} members per request (got ${members.size}).`,
          );
        }
        const clientId = params.get('clientId');
        org.notifications.send({
          from: caller.username,
          channel: channel as NotificationChannel,
          subject,
          message,
          users: [...members.keys()],
          ...(clientId ? { clientId: clientId.slice(0, 128) } : {}),
        });
        return { success: true };
      },
      { postOnly: true },
    ),
  );

  app.all(
    '/community/users/:user/notifications',
    route((c, params) => {
      const caller = requireCaller(deps, c, params);
      const m = org.findMemberByIdOrUsername(c.req.param('user') ?? '');
      if (!m) throw userNotFound();
      if (m !== caller) throw forbidden();
      return {
        notifications: org.notifications
          .builtinFor(m.username)
          .map((n) => userNotificationView(n, m.username)),
      };
    }),
  );

  return app;
}

/** `GET __demo/notifications?num=` (1–100, default 20): the last notifications sent, newest first. */
export function createDemoNotificationRoutes(deps: RouteDeps): Hono {
  const { org } = deps;
  const app = new Hono();
  app.get(
    '/notifications',
    route((c, params) => {
      const caller = requireCaller(deps, c, params);
      if (!org.isAdmin(caller)) throw forbidden();
      const num = params.int('num', 20, 1, 100);
      return {
        notifications: org.notifications.latest(num).map((n) => ({
          id: n.id,
          created: n.created,
          from: n.from,
          channel: n.channel,
          subject: n.subject,
          message: n.message,
          users: [...n.users],
        })),
      };
    }),
  );
  return app;
}
