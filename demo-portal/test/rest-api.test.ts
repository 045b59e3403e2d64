import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Portal } from '../src/app.ts';
import { MANAGE_CREDITS } from '../src/auth/accounts.ts';
import {
  call,
  errorOf,
  makePortal,
  NOW,
  ORIGIN,
  rawUsersSchema,
  searchPageSchema,
  tokenFor,
  userPageSchema,
  userSchema,
} from './helpers.ts';

let portal: Portal;
let admin: string;
let member: string;

beforeAll(() => {
  portal = makePortal();
  admin = tokenFor(portal, 'demo_admin');
  member = tokenFor(portal, 'demo_member');
});

const portalSelfSchema = z.object({
  id: z.string(),
  name: z.string(),
  urlKey: z.string(),
  customBaseUrl: z.string(),
  portalHostname: z.string(),
  isPortal: z.literal(false),
  portalMode: z.literal('multitenant'),
  currentVersion: z.literal('2025.1'),
  supportsOAuth: z.literal(true),
  allSSL: z.literal(true),
  authorizedCrossOriginNoCorsDomains: z.array(z.string()),
  maxTokenExpirationMinutes: z.literal(20160),
  availableCredits: z.number().optional(),
  creditAssignments: z.enum(['enabled', 'disabled']).optional(),
  defaultUserCreditAssignment: z.number().optional(),
  subscriptionInfo: z
    .object({
      id: z.string(),
      type: z.string(),
      state: z.literal('active'),
      expDate: z.number(),
      maxUsers: z.number(),
      availableCredits: z.number(),
      userLicenseTypes: z.record(z.string(), z.number()),
    })
    .optional(),
  user: userSchema.optional(),
});

describe('portals/self', () => {
  it('anonymous: the org without credits or user', async () => {
    const res = await call(portal, 'portals/self');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const self = portalSelfSchema.parse(res.body);
    expect(self.name).toBe('Riverbend County GIS');
    expect(self.portalHostname).toBe('localhost:8443');
    expect(self.availableCredits).toBeUndefined();
    expect(self.creditAssignments).toBeUndefined();
    expect(self.user).toBeUndefined();
  });

  it('answers JSON without f and on the org id path and with a trailing slash', async () => {
    const id = portalSelfSchema.parse((await call(portal, 'portals/self')).body).id;
    const res = await portal.app.fetch(new Request(`${ORIGIN}/portal/sharing/rest/portals/${id}/`));
    expect(portalSelfSchema.parse(await res.json()).id).toBe(id);
    expect(errorOf(await call(portal, 'portals/notmyorg/users', { token: admin })).code).toBe(400);
  });

  it('signed in: credits, budgeting state, subscription and the full user', async () => {
    const self = portalSelfSchema.parse((await call(portal, 'portals/self', { token: admin })).body);
    expect(self.availableCredits).toBeGreaterThan(0);
    expect(self.creditAssignments).toBe('enabled');
    expect(self.defaultUserCreditAssignment).toBe(100);
    expect(self.subscriptionInfo?.type).toBe('Annual Subscription');
    expect(self.subscriptionInfo?.availableCredits).toBe(self.availableCredits);
    expect(self.user?.username).toBe('demo_admin');
    expect(self.user?.privileges).toContain(MANAGE_CREDITS);
    expect(self.user?.role).toBe('org_admin');
    const credits = portalSelfSchema.parse(
      (await call(portal, 'portals/self', { token: tokenFor(portal, 'demo_credits') })).body,
    );
    expect(credits.user?.roleId).toBe('cRdtMgr0000000001');
    const plain = portalSelfSchema.parse((await call(portal, 'portals/self', { token: member })).body);
    expect(plain.user?.privileges).not.toContain(MANAGE_CREDITS);
    expect(plain.availableCredits).toBe(self.availableCredits);
  });

  it('a bad token is 498 even where anonymous access is allowed', async () => {
    const err = errorOf(await call(portal, 'portals/self', { token: 'nope' }));
    expect(err).toEqual({ code: 498, message: 'Invalid token.', details: [] });
  });

  it('subscriptionInfo needs a token', async () => {
    const sub = z.object({
      state: z.literal('active'),
      orgCapabilities: z.array(z.string()),
      maxUsersPerLevel: z.record(z.string(), z.number()),
    });
    expect(
      sub.parse((await call(portal, 'portals/self/subscriptionInfo', { token: member })).body).state,
    ).toBe('active');
    expect(errorOf(await call(portal, 'portals/self/subscriptionInfo')).code).toBe(499);
  });
});

describe('auth errors and conventions', () => {
  it('499 without a token, 498 with a bad or expired one', async () => {
    expect(errorOf(await call(portal, 'portals/self/users'))).toEqual({
      code: 499,
      message: 'Token Required',
      messageCode: 'GWM_0003',
      details: ['Token Required'],
    });
    expect(errorOf(await call(portal, 'portals/self/users', { token: 'garbage' })).code).toBe(498);
    let now = NOW;
    const timed = makePortal({ now: () => now });
    const token = tokenFor(timed);
    expect((await call(timed, 'community/self', { token })).status).toBe(200);
    now += 3_600_001;
    expect(errorOf(await call(timed, 'community/self', { token })).code).toBe(498);
  });

  it('accepts the token from X-Esri-Authorization and Authorization headers', async () => {
    for (const header of ['X-Esri-Authorization', 'Authorization']) {
      const res = await portal.app.fetch(
        new Request(`${ORIGIN}/portal/sharing/rest/community/self?f=json`, {
          headers: { [header]: `Bearer ${member}` },
        }),
      );
      expect(userSchema.parse(await res.json()).username).toBe('demo_member');
    }
  });

  it('accepts multipart bodies', async () => {
    const form = new FormData();
    form.set('token', admin);
    form.set('num', '3');
    const res = await call(portal, 'portals/self/users', { method: 'POST', body: form });
    expect(userPageSchema.parse(res.body).users).toHaveLength(3);
  });

  it('unknown paths are "Invalid URL"', async () => {
    const res = await call(portal, 'portals/self/nothing/here', { token: admin });
    expect(res.status).toBe(200);
    expect(errorOf(res)).toEqual({ code: 400, message: 'Invalid URL', details: [] });
  });

  it('non-admins are refused admin operations with 403 GWM_0003', async () => {
    for (const path of [
      'portals/self/assignUserCredits',
      'portals/self/unassignUserCredits',
      'portals/self/update',
      'portals/self/usage',
    ]) {
      const err = errorOf(
        await call(portal, path, { method: 'POST', token: member, params: { usernames: 'x' } }),
      );
      expect(err).toEqual({
        code: 403,
        messageCode: 'GWM_0003',
        message: 'You do not have permissions to access this resource or perform this operation.',
        details: [],
      });
    }
  });
});

describe('members: users list', () => {
  it('pages with start/num/nextStart and clamps num to 100', async () => {
    const first = userPageSchema.parse(
      (await call(portal, 'portals/self/users', { token: admin, params: { num: '250' } })).body,
    );
    expect(first.total).toBe(600);
    expect(first.users).toHaveLength(100);
    expect(first.num).toBe(100);
    expect(first.nextStart).toBe(101);
    const last = userPageSchema.parse(
      (await call(portal, 'portals/self/users', { token: admin, params: { start: '581', num: '100' } })).body,
    );
    expect(last.users).toHaveLength(20);
    expect(last.nextStart).toBe(-1);
    const dflt = userPageSchema.parse((await call(portal, 'portals/self/users', { token: admin })).body);
    expect(dflt.users).toHaveLength(10);
    expect(dflt.start).toBe(1);
    expect(
      errorOf(await call(portal, 'portals/self/users', { token: admin, params: { start: 'abc' } })).message,
    ).toMatch(/'start'/);
  });

  it('sorts by each field in both orders', async () => {
    const get = async (sortField: string, sortOrder: string) =>
      userPageSchema.parse(
        (
          await call(portal, 'portals/self/users', {
            token: admin,
            params: { sortField, sortOrder, num: '100' },
          })
        ).body,
      ).users;
    const byName = await get('username', 'asc');
    expect(byName.map((u) => u.username)).toEqual([...byName.map((u) => u.username)].sort());
    const created = await get('created', 'desc');
    for (let i = 1; i < created.length; i++)
      expect(created[i - 1]!.created).toBeGreaterThanOrEqual(created[i]!.created);
    const lastLogin = await get('lastlogin', 'asc');
    expect(lastLogin[0]?.lastLogin).toBe(-1);
    const fullName = await get('fullName', 'asc');
    for (let i = 1; i < fullName.length; i++)
      expect(fullName[i - 1]!.fullName.toLowerCase() <= fullName[i]!.fullName.toLowerCase()).toBe(true);
    const role = await get('role', 'asc');
    expect(role[0]?.role).toBe('org_admin');
    const level = await get('level', 'desc');
    expect(level[0]?.level).toBe('2');
    expect(
      errorOf(await call(portal, 'portals/self/users', { token: admin, params: { sortField: 'bogus' } }))
        .message,
    ).toMatch(/'sortField'/);
  });

  it('filters by role, user type and names', async () => {
    const admins = userPageSchema.parse(
      (await call(portal, 'portals/self/users', { token: admin, params: { role: 'org_admin', num: '100' } }))
        .body,
    );
    expect(admins.total).toBeGreaterThan(3);
    expect(admins.users.every((u) => u.role === 'org_admin')).toBe(true);
    const managers = userPageSchema.parse(
      (await call(portal, 'portals/self/users', { token: admin, params: { role: 'cRdtMgr0000000001' } }))
        .body,
    );
    expect(managers.users.every((u) => u.roleId === 'cRdtMgr0000000001')).toBe(true);
    const viewers = userPageSchema.parse(
      (
        await call(portal, 'portals/self/users', {
          token: admin,
          params: { userLicenseType: 'viewerUT', num: '100' },
        })
      ).body,
    );
    expect(viewers.users.every((u) => u.userLicenseTypeId === 'viewerUT' && u.level === '1')).toBe(true);
    const named = userPageSchema.parse(
      (await call(portal, 'portals/self/users', { token: admin, params: { username: 'DEMO_' } })).body,
    );
    expect(named.users.map((u) => u.username)).toEqual(['demo_admin', 'demo_credits', 'demo_member']);
    const full = userPageSchema.parse(
      (await call(portal, 'portals/self/users', { token: admin, params: { fullname: 'sam pat' } })).body,
    );
    expect(full.users.map((u) => u.username)).toContain('demo_member');
  });

  it('admins get email and credit fields; members do not (except for themselves)', async () => {
    const forAdmin = userPageSchema.parse(
      (await call(portal, 'portals/self/users', { token: admin, params: { username: 'demo_' } })).body,
    );
    expect(
      forAdmin.users.every(
        (u) => u.email !== undefined && u.assignedCredits !== undefined && u.availableCredits !== undefined,
      ),
    ).toBe(true);
    const raw = rawUsersSchema.parse(
      (await call(portal, 'portals/self/users', { token: member, params: { username: 'demo_' } })).body,
    );
    const others = raw.users.filter((u) => u.username !== 'demo_member');
    expect(others.length).toBe(2);
    for (const u of others) {
      expect(u).not.toHaveProperty('email');
      expect(u).not.toHaveProperty('assignedCredits');
      expect(u).not.toHaveProperty('availableCredits');
      expect(u).not.toHaveProperty('privileges');
    }
    expect(raw.users.find((u) => u.username === 'demo_member')).toHaveProperty('assignedCredits');
  });

  it('credit fields: -1/org balance for no limit, remaining for capped', async () => {
    const self = z
      .object({ availableCredits: z.number() })
      .parse((await call(portal, 'portals/self', { token: admin })).body);
    const adminUser = userSchema.parse(
      (await call(portal, 'community/users/demo_admin', { token: admin })).body,
    );
    expect(adminUser.assignedCredits).toBe(-1);
    expect(adminUser.availableCredits).toBe(self.availableCredits);
    const m = userSchema.parse((await call(portal, 'community/users/demo_member', { token: admin })).body);
    expect(m.assignedCredits).toBeGreaterThan(0);
    expect(m.availableCredits).toBeGreaterThan(0);
    expect(m.availableCredits).toBeLessThanOrEqual((m.assignedCredits ?? 0) * 0.2 + 1e-9);
  });
});

describe('members: search', () => {
  it('free text matches username, full name and email; all words must match', async () => {
    const search = async (q: string, extra: Record<string, string> = {}) =>
      searchPageSchema.parse(
        (
          await call(portal, 'portals/self/users/search', {
            token: admin,
            params: { q, num: '100', ...extra },
          })
        ).body,
      );
    const sam = await search('sam patel');
    expect(sam.query).toBe('sam patel');
    expect(sam.results.map((u) => u.username)).toContain('demo_member');
    expect(
      sam.results.every((u) =>
        `${u.username} ${u.fullName} ${u.email ?? ''}`.toLowerCase().includes('patel'),
      ),
    ).toBe(true);
    expect((await search('SAM.PATEL@')).results.map((u) => u.username)).toEqual(['demo_member']);
    expect((await search('zzzzqqq')).total).toBe(0);
    expect((await search('')).total).toBe(600);
    expect((await search('*')).total).toBe(600);
  });

  it('fielded terms, OR, paging and sorting', async () => {
    const search = async (q: string, extra: Record<string, string> = {}) =>
      searchPageSchema.parse(
        (
          await call(portal, 'portals/self/users/search', {
            token: admin,
            params: { q, num: '100', ...extra },
          })
        ).body,
      );
    const admins = await search('role:org_admin');
    expect(admins.results.every((u) => u.role === 'org_admin')).toBe(true);
    const either = await search('role:org_admin OR role:org_publisher');
    expect(either.total).toBeGreaterThan(admins.total);
    expect(either.results.every((u) => u.role !== 'org_user')).toBe(true);
    const creators = await search('userlicensetype:creatorUT');
    expect(creators.results.every((u) => u.userLicenseTypeId === 'creatorUT')).toBe(true);
    expect((await search('username:demo_admin')).results.map((u) => u.username)).toEqual(['demo_admin']);
    expect((await search('username:demo_*')).total).toBe(3);
    const combined = await search('sam role:org_user');
    expect(combined.results.map((u) => u.username)).toContain('demo_member');
    expect(
      combined.results.every(
        (u) =>
          u.role === 'org_user' &&
          `${u.username} ${u.fullName} ${u.email ?? ''}`.toLowerCase().includes('sam'),
      ),
    ).toBe(true);
    expect((await search('sam role:org_admin')).results.map((u) => u.username)).not.toContain('demo_member');
    const page2 = await search('role:org_user', {
      start: '11',
      num: '10',
      sortField: 'username',
      sortOrder: 'desc',
    });
    expect(page2.start).toBe(11);
    expect(page2.results).toHaveLength(10);
    expect(page2.nextStart).toBe(21);
    const names = page2.results.map((u) => u.username);
    expect(names).toEqual([...names].sort().reverse());
  });

  it('community/users searches too', async () => {
    const res = searchPageSchema.parse(
      (await call(portal, 'community/users', { token: member, params: { q: 'demo_admin' } })).body,
    );
    expect(res.results[0]?.username).toBe('demo_admin');
  });
});

describe('community', () => {
  it('community/self returns the caller with privileges', async () => {
    const me = userSchema.parse((await call(portal, 'community/self', { token: member })).body);
    expect(me.username).toBe('demo_member');
    expect(me.privileges).toContain('portal:user:viewOrgUsers');
    expect(me.assignedCredits).toBeDefined();
  });

  it('community/users/<name>: self or admin; others 403; unknown user COM_0003', async () => {
    expect(
      userSchema.parse((await call(portal, 'community/users/demo_member', { token: member })).body).username,
    ).toBe('demo_member');
    expect(errorOf(await call(portal, 'community/users/demo_admin', { token: member })).code).toBe(403);
    expect(
      userSchema.parse((await call(portal, 'community/users/demo_member', { token: admin })).body).email,
    ).toBe('sam.patel@riverbend-county.example');
    expect(errorOf(await call(portal, 'community/users/nobody_here', { token: admin }))).toMatchObject({
      code: 400,
      messageCode: 'COM_0003',
      message: 'User not found.',
    });
  });
});

describe('info and generateToken', () => {
  it('info points at this portal', async () => {
    const info = z
      .object({
        owningSystemUrl: z.string(),
        authInfo: z.object({ tokenServicesUrl: z.string(), isTokenBasedSecurity: z.literal(true) }),
      })
      .parse((await call(portal, 'info')).body);
    expect(info.owningSystemUrl).toBe(`${ORIGIN}/portal`);
    expect(info.authInfo.tokenServicesUrl).toBe(`${ORIGIN}/portal/sharing/rest/generateToken`);
    expect(
      z.object({ currentVersion: z.string() }).parse((await call(portal, '/portal/sharing/rest')).body)
        .currentVersion,
    ).toBe('2025.1');
  });

  it('generateToken issues a working token for demo accounts', async () => {
    const res = await call(portal, 'generateToken', {
      method: 'POST',
      params: { username: 'demo_credits', password: 'demo1234', expiration: '30', referer: 'x' },
    });
    const tok = z.object({ token: z.string(), expires: z.number(), ssl: z.literal(true) }).parse(res.body);
    expect(tok.expires).toBe(NOW + 30 * 60_000);
    expect(userSchema.parse((await call(portal, 'community/self', { token: tok.token })).body).username).toBe(
      'demo_credits',
    );
    const capped = z.object({ expires: z.number() }).parse(
      (
        await call(portal, 'generateToken', {
          method: 'POST',
          params: { username: 'demo_admin', password: 'demo1234', expiration: '999999' },
        })
      ).body,
    );
    expect(capped.expires).toBe(NOW + 20160 * 60_000);
    const dflt = z.object({ expires: z.number() }).parse(
      (
        await call(portal, 'generateToken', {
          method: 'POST',
          params: { username: 'demo_admin', password: 'demo1234' },
        })
      ).body,
    );
    expect(dflt.expires).toBe(NOW + 60 * 60_000);
  });

  it('generateToken errors', async () => {
    const bad = await call(portal, 'generateToken', {
      method: 'POST',
      params: { username: 'demo_admin', password: 'nope' },
    });
    expect(bad.status).toBe(200);
    expect(errorOf(bad)).toEqual({
      code: 400,
      message: 'Unable to generate token.',
      details: ['Invalid username or password.'],
    });
    expect(
      errorOf(await call(portal, 'generateToken', { method: 'POST', params: { password: 'x' } })).message,
    ).toMatch(/'username'/);
    expect(
      errorOf(await call(portal, 'generateToken', { method: 'POST', params: { username: 'demo_admin' } }))
        .message,
    ).toMatch(/'password'/);
  });
});

describe('CORS', () => {
  it('answers preflight with 204 and echoes the exact origin', async () => {
    const res = await portal.app.fetch(
      new Request(`${ORIGIN}/portal/sharing/rest/portals/self`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://localhost:5173',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'X-Esri-Authorization',
        },
      }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://localhost:5173');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    const allowed = res.headers.get('access-control-allow-headers') ?? '';
    for (const h of [
      'Content-Type',
      'X-Esri-Authorization',
      'X-Esri-Auth-Client-Id',
      'X-Esri-Auth-Redirect-Uri',
      'Authorization',
    ])
      expect(allowed).toContain(h);
  });

  it('adds credentialed CORS headers to normal responses, errors included', async () => {
    for (const path of ['portals/self', 'portals/self/users']) {
      const res = await portal.app.fetch(
        new Request(`${ORIGIN}/portal/sharing/rest/${path}?f=json`, {
          headers: { Origin: 'https://127.0.0.1:8443' },
        }),
      );
      expect(res.headers.get('access-control-allow-origin')).toBe('https://127.0.0.1:8443');
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    }
  });
});
