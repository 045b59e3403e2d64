import { z } from 'zod';
import type { ArcGISClient, CallOptions } from './request';

/**
 * The demo portal's controls (D2). They live at `<portalUrl>/__demo/...`, deliberately outside
 * `/sharing/rest`, so they can never be mistaken for ArcGIS API. The client only knows REST paths,
 * so the path climbs out of `sharing/rest` with `../../`; the URL parser resolves it to
 * `<portalUrl>/__demo/<action>`. Going through the client keeps its token handling (a 498/499
 * renews the token and retries once) and its error envelope parsing.
 */
function demoPath(action: 'status' | 'reset' | 'advance' | 'members' | 'notifications'): string {
  return `../../__demo/${action}`;
}

export const demoStatusSchema = z.object({
  demo: z.literal(true),
  orgName: z.string().optional(),
  /** Days the demo clock has been advanced past real time. */
  advancedDays: z.number(),
  /** The portal's clock, epoch ms. */
  now: z.number(),
  members: z.number(),
});
export type DemoStatus = z.infer<typeof demoStatusSchema>;

const demoActionSchema = demoStatusSchema.extend({ success: z.literal(true) });

const demoMemberSchema = z.object({
  username: z.string(),
  fullName: z.string(),
  email: z.string().optional(),
  /** -1 = no limit (the org default was No limit). */
  assignedCredits: z.number(),
});
export type DemoMember = z.infer<typeof demoMemberSchema>;

const addMemberSchema = demoActionSchema.extend({ member: demoMemberSchema });

export const DEMO_ADVANCE_STEPS = [1, 7, 30] as const;
export type DemoAdvanceStep = (typeof DEMO_ADVANCE_STEPS)[number];

/**
 * `GET __demo/status`, sent without a token (the path is unknown to a real org, which answers
 * with an error or a 404: the caller treats any failure as "not the demo portal").
 */
export function getDemoStatus(client: ArcGISClient, opts: CallOptions = {}): Promise<DemoStatus> {
  return client.apiGet(demoPath('status'), {
    schema: demoStatusSchema,
    anonymous: true,
    signal: opts.signal,
  });
}

export function resetDemoOrg(client: ArcGISClient, opts: CallOptions = {}) {
  return client.apiPost(demoPath('reset'), { schema: demoActionSchema, signal: opts.signal });
}

export function advanceDemoClock(client: ArcGISClient, days: DemoAdvanceStep, opts: CallOptions = {}) {
  return client.apiPost(demoPath('advance'), {
    schema: demoActionSchema,
    params: { days },
    signal: opts.signal,
  });
}

export function addDemoMember(
  client: ArcGISClient,
  input: { fullName?: string } = {},
  opts: CallOptions = {},
) {
  return client.apiPost(demoPath('members'), {
    schema: addMemberSchema,
    params: { fullName: input.fullName },
    signal: opts.signal,
  });
}

const demoNotificationSchema = z.looseObject({
  id: z.string(),
  /** Epoch ms on the portal's clock. */
  created: z.number(),
  from: z.string(),
  channel: z.string(),
  subject: z.string(),
  message: z.string(),
  users: z.array(z.string()),
});
export type DemoNotification = z.infer<typeof demoNotificationSchema>;

const demoNotificationsSchema = z.looseObject({ notifications: z.array(demoNotificationSchema) });

/** `GET __demo/notifications`: the last notifications the demo org recorded, newest first. */
export async function getDemoNotifications(
  client: ArcGISClient,
  num = 10,
  opts: CallOptions = {},
): Promise<DemoNotification[]> {
  const res = await client.apiGet(demoPath('notifications'), {
    schema: demoNotificationsSchema,
    params: { num },
    signal: opts.signal,
  });
  return res.notifications;
}
