import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Portal } from '../src/app.ts';
import { NOTIFICATION_LIMITS } from '../src/model/notifications.ts';
import { call, errorOf, makePortal, NOW, tokenFor } from './helpers.ts';

/**
 * `portals/self/createNotification`, the recipient's `community/users/<u>/notifications` and the
 * demo control listing what was sent.
 */

const inboxSchema = z.object({
  notifications: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      target: z.string(),
      targetType: z.literal('user'),
      received: z.number(),
      data: z.object({ subject: z.string(), message: z.string(), fromUser: z.string() }),
    }),
  ),
});
const sentSchema = z.object({
  notifications: z.array(
    z.object({
      id: z.string(),
      created: z.number(),
      from: z.string(),
      channel: z.enum(['builtin', 'email']),
      subject: z.string(),
      message: z.string(),
      users: z.array(z.string()),
    }),
  ),
});

let portal: Portal;
let admin: string;
let member: string;

beforeEach(() => {
  portal = makePortal();
  admin = tokenFor(portal, 'demo_admin');
  member = tokenFor(portal, 'demo_member');
});

function notify(token: string, params: Record<string, string>) {
  return call(portal, 'portals/self/createNotification', { method: 'POST', token, params });
}

async function inbox(username: string) {
  return inboxSchema.parse(
    (await call(portal, `community/users/${username}/notifications`, { token: tokenFor(portal, username) }))
      .body,
  ).notifications;
}

describe('createNotification', () => {
  it('delivers a built-in notification to each recipient, newest first', async () => {
    const first = await notify(admin, {
      subject: 'Credits',
      message: 'You have used 80 % of your credits.',
      users: 'demo_member,demo_credits',
      notificationChannelType: 'builtin',
    });
    expect(first.body).toEqual({ success: true });
    await notify(admin, {
      subject: 'Again',
      message: 'Second message.',
      users: '["demo_member"]',
      notificationChannelType: 'builtin',
    });
    const received = await inbox('demo_member');
    expect(received.map((n) => n.data.subject)).toEqual(['Again', 'Credits']);
    expect(received[1]).toMatchObject({
      target: 'demo_member',
      targetType: 'user',
      received: NOW,
      data: { message: 'You have used 80 % of your credits.', fromUser: 'demo_admin' },
    });
    expect((await inbox('demo_credits')).map((n) => n.data.subject)).toEqual(['Credits']);
  });

  it('records e-mail notifications for the Demo panel without putting them in the inbox', async () => {
    await notify(admin, {
      subject: 'By e-mail',
      message: 'Hello',
      users: 'demo_member',
      notificationChannelType: 'email',
    });
    expect(await inbox('demo_member')).toEqual([]);
    const sent = sentSchema.parse(
      (await call(portal, '/portal/__demo/notifications', { token: admin })).body,
    );
    expect(sent.notifications).toEqual([
      expect.objectContaining({
        channel: 'email',
        subject: 'By e-mail',
        users: ['demo_member'],
        from: 'demo_admin',
      }),
    ]);
  });

  it('only an administrator sends, and only the recipient reads their notifications', async () => {
    const refused = await notify(member, {
      message: 'x',
      users: 'demo_credits',
      notificationChannelType: 'builtin',
    });
    expect(errorOf(refused).code).toBe(403);
    expect(await inbox('demo_credits')).toEqual([]);
    const other = await call(portal, 'community/users/demo_member/notifications', { token: admin });
    expect(errorOf(other).code).toBe(403);
    const demoList = await call(portal, '/portal/__demo/notifications', { token: member });
    expect(errorOf(demoList).code).toBe(403);
  });

  it('bounds recipients and text, names unknown members, and sends nothing when refused', async () => {
    const many = portal.org.members.slice(0, NOTIFICATION_LIMITS.users + 1).map((m) => m.username);
    const cases: Record<string, string>[] = [
      { message: 'x', users: many.join(','), notificationChannelType: 'builtin' },
      { message: 'x', users: '', notificationChannelType: 'builtin' },
      { message: '', users: 'demo_member', notificationChannelType: 'builtin' },
      {
        message: 'm'.repeat(NOTIFICATION_LIMITS.message + 1),
        users: 'demo_member',
        notificationChannelType: 'builtin',
      },
      {
        subject: 's'.repeat(NOTIFICATION_LIMITS.subject + 1),
        message: 'x',
        users: 'demo_member',
        notificationChannelType: 'builtin',
      },
      { message: 'x', users: 'demo_member', notificationChannelType: 'push' },
      { message: 'x', users: 'demo_member,nobody_here', notificationChannelType: 'builtin' },
    ];
    for (const params of cases) {
      const result = await notify(admin, params);
      expect(errorOf(result).code, JSON.stringify(params).slice(0, 80)).toBe(400);
    }
    const unknown = await notify(admin, {
      message: 'x',
      users: 'demo_member,nobody_here',
      notificationChannelType: 'builtin',
    });
    expect(errorOf(unknown).message).toContain('nobody_here');
    expect(await inbox('demo_member')).toEqual([]);
    const twentyFive = portal.org.members.slice(0, NOTIFICATION_LIMITS.users).map((m) => m.username);
    expect(
      (await notify(admin, { message: 'x', users: twentyFive.join(','), notificationChannelType: 'builtin' }))
        .body,
    ).toEqual({
      success: true,
    });
  });
});
