import { z } from 'zod';
import type { Portal, PortalOptions } from '../src/app.ts';
import { createPortal } from '../src/app.ts';

/** A fixed instant for deterministic tests: Wednesday 20 May 2026, 15:30 UTC. */
export const NOW = Date.UTC(2026, 4, 20, 15, 30, 0);
export const DAY = 86_400_000;
export const ORIGIN = 'https://localhost:8443';

export function makePortal(options: PortalOptions = {}): Portal {
  return createPortal({ members: 600, now: () => NOW, faults: [], ...options });
}

export function tokenFor(portal: Portal, username = 'demo_admin'): string {
  return portal.tokens.issue('access', username, 'test', 3_600_000).token;
}

export interface CallOptions {
  method?: string;
  /** Sent as the query string (GET) or a form body (POST). */
  params?: Record<string, string>;
  token?: string;
  headers?: Record<string, string>;
  body?: BodyInit;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export async function call(portal: Portal, path: string, options: CallOptions = {}): Promise<CallResult> {
  const method = options.method ?? 'GET';
  const params = new URLSearchParams({
    f: 'json',
    ...(options.token ? { token: options.token } : {}),
    ...options.params,
  });
  const url = new URL(path.startsWith('/') ? `${ORIGIN}${path}` : `${ORIGIN}/portal/sharing/rest/${path}`);
  let body: BodyInit | undefined = options.body;
  if (method === 'GET' || method === 'OPTIONS' || method === 'DELETE') {
    for (const [k, v] of params) if (!url.searchParams.has(k)) url.searchParams.set(k, v);
  } else if (body === undefined) {
    body = params;
  }
  const response = await portal.app.fetch(new Request(url, { method, body, headers: options.headers }));
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export const errorSchema = z.object({
  error: z.object({
    code: z.number(),
    message: z.string(),
    details: z.array(z.string()),
    messageCode: z.string().optional(),
  }),
});

export function errorOf(result: CallResult) {
  return errorSchema.parse(result.body).error;
}

export const userSchema = z.object({
  username: z.string(),
  id: z.string(),
  fullName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().optional(),
  role: z.enum(['org_admin', 'org_publisher', 'org_user']),
  roleId: z.string().optional(),
  privileges: z.array(z.string()).optional(),
  level: z.enum(['1', '2']),
  userLicenseTypeId: z.string(),
  userType: z.literal('arcgisonly'),
  disabled: z.literal(false),
  provider: z.literal('arcgis'),
  access: z.literal('org'),
  orgId: z.string(),
  lastLogin: z.number(),
  created: z.number(),
  modified: z.number(),
  storageUsage: z.number(),
  storageQuota: z.number(),
  groups: z.array(z.unknown()),
  tags: z.array(z.string()),
  assignedCredits: z.number().optional(),
  availableCredits: z.number().optional(),
});
export type UserJson = z.infer<typeof userSchema>;

export const userPageSchema = z.object({
  total: z.number(),
  start: z.number(),
  num: z.number(),
  nextStart: z.number(),
  users: z.array(userSchema),
});

export const searchPageSchema = z.object({
  query: z.string(),
  total: z.number(),
  start: z.number(),
  num: z.number(),
  nextStart: z.number(),
  results: z.array(userSchema),
});

/** Raw objects (to check that keys are absent, which a zod object would strip). */
export const rawUsersSchema = z.object({ users: z.array(z.record(z.string(), z.unknown())) });

const pairSchema = z.tuple([z.string().regex(/^\d+$/), z.string().regex(/^-?\d+(\.\d+)?(e-?\d+)?$/)]);
export const usageSchema = z.object({
  startTime: z.number(),
  endTime: z.number(),
  period: z.string(),
  data: z.array(
    z.object({
      etype: z.string().optional(),
      stype: z.string().optional(),
      username: z.string().optional(),
      userOrgId: z.string().optional(),
      credits: z.array(pairSchema).optional(),
      num: z.array(pairSchema).optional(),
    }),
  ),
});
export type UsageJson = z.infer<typeof usageSchema>;

export function sumSeries(series: readonly (readonly [string, string])[] | undefined): number {
  return (series ?? []).reduce((sum, [, v]) => sum + Number(v), 0);
}

export const successSchema = z.object({ success: z.literal(true) });
