import { Hono } from 'hono';
import { z } from 'zod';
import { badRequest } from '../model/errors.ts';
import type { Member } from '../model/member.ts';
import { MAX_CREDITS } from '../model/org.ts';
import type { UsagePeriod } from '../model/usage.ts';
import { USAGE_PERIODS } from '../model/usage.ts';
import type { PageRequest, SortField } from '../model/user-query.ts';
import { SORT_FIELDS } from '../model/user-query.ts';
import type { Params, RouteDeps } from './http.ts';
import { callerApp, checkPortalId, optionalCaller, requireCaller, route, sendJsonBytes } from './http.ts';
import { creditAmountProblem, forbidden } from './messages.ts';
import { searchPageBytes, usersPageBytes } from './member-pages.ts';
import { renderUsage } from './usage-json.ts';
import {
  countsPageView,
  orgView,
  regionsView,
  roleView,
  rolesPageView,
  settingsView,
  subscriptionInfoView,
} from './views.ts';

/** `portals/<self|orgId>/...`: org view, subscription, members, allocations, settings, usage. */

export const MAX_PAGE_SIZE = 100;

function isSortField(value: string): value is SortField {
  return (SORT_FIELDS as readonly string[]).includes(value);
}

function isPeriod(value: string): value is UsagePeriod {
  return (USAGE_PERIODS as readonly string[]).includes(value);
}

/**
 * `start` (1-based; -1 is what clients send once `nextStart` said there is nothing more: an empty
 * page), `num` (0–100, echoed back), sort field and order.
 */
export function pageRequest(params: Params): PageRequest {
  const start = params.get('start')?.trim() === '-1' ? -1 : params.int('start', 1, 1);
  const num = Math.min(params.int('num', 10, 0), MAX_PAGE_SIZE);
  const sortField = (params.get('sortField') ?? 'username').toLowerCase();
  if (!isSortField(sortField)) {
    throw badRequest(
      `Invalid 'sortField' "${params.get('sortField') ?? ''}": use one of ${SORT_FIELDS.join(', ')}.`,
    );
  }
  const sortOrder = (params.get('sortOrder') ?? 'asc').toLowerCase();
  if (sortOrder !== 'asc' && sortOrder !== 'desc') {
    throw badRequest(`Invalid 'sortOrder' "${params.get('sortOrder') ?? ''}": use asc or desc.`);
  }
  return { start, num, sortField, sortOrder };
}

function requireAdmin(deps: RouteDeps, member: Member): void {
  if (!deps.org.isAdmin(member)) throw forbidden();
}

const creditsSchema = z.union([z.number(), z.string()]);
const assignmentSchema = z.object({ username: z.string().min(1), credits: creditsSchema });

function parseCredits(value: number | string): number {
  if (typeof value === 'number') return value;
  const trimmed = value.trim();
  return /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** `userAssignments`: a JSON array of {username, credits} (or one such object). */
export function parseUserAssignments(raw: string | undefined): { username: string; credits: number }[] {
  if (raw === undefined)
    throw badRequest('Missing \'userAssignments\' parameter: a JSON array of {"username", "credits"}.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest(
      'Invalid \'userAssignments\' parameter: not valid JSON (expected an array of {"username", "credits"}).',
    );
  }
  const list: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  return list.map((item, i) => {
    const entry = assignmentSchema.safeParse(item);
    if (!entry.success) {
      throw badRequest(
        `Invalid 'userAssignments' entry ${i + 1} (${JSON.stringify(item)}): expected {"username": string, "credits": number}.`,
      );
    }
    const credits = parseCredits(entry.data.credits);
    if (!Number.isFinite(credits)) {
      throw badRequest(
        `Invalid 'userAssignments' entry ${i + 1} (${entry.data.username}): credits ${JSON.stringify(entry.data.credits)} is not a finite number.`,
      );
    }
    const problem = creditAmountProblem('userAssignments', credits);
    if (problem) {
      throw badRequest(
        `Invalid 'userAssignments' entry ${i + 1} (${entry.data.username}): credits ${String(credits)} is ${credits < 0 ? 'negative (use a number ≥ 0, or -1 for no limit)' : `above the maximum of ${MAX_CREDITS.toLocaleString('en-US')}`}.`,
      );
    }
    return { username: entry.data.username, credits };
  });
}

/** `usernames`: a JSON array or a comma list. */
export function parseUsernames(raw: string | undefined): string[] {
  if (raw === undefined)
    throw badRequest("Missing 'usernames' parameter: a JSON array or comma-separated list of usernames.");
  const trimmed = raw.trim();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw badRequest("Invalid 'usernames' parameter: not valid JSON.");
    }
    const names = z.array(z.string()).safeParse(parsed);
    if (!names.success) throw badRequest("Invalid 'usernames' parameter: expected an array of strings.");
    return names.data.map((n) => n.trim()).filter((n) => n !== '');
  }
  return trimmed
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
}

function parseNumberParam(params: Params, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === undefined) return undefined;
  const value = /^\s*-?(\d+\.?\d*|\.\d+)\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value)) throw badRequest(`Invalid '${name}' value "${raw}": expected a number.`);
  return value;
}

/** A page of members: `start=-1` counts without listing anyone. */
function pageOrCount(page: PageRequest): PageRequest {
  return page.start < 1 ? { ...page, start: 1, num: 0 } : page;
}

export function createPortalRoutes(deps: RouteDeps): Hono {
  const { org } = deps;
  const app = new Hono();

  // Fixed names first: `portals/regions` and `portals/languages` are not org ids.
  app.all(
    '/portals/regions',
    route(() => regionsView()),
  );

  app.all(
    '/portals/:portalId',
    route((c, params) => {
      checkPortalId(deps, c.req.param('portalId'));
      const caller = optionalCaller(deps, c, params);
      return orgView(org, caller, new URL(c.req.url).host, caller && callerApp(deps, c, params));
    }),
  );

  app.all(
    '/portals/:portalId/settings',
    route((c, params) => {
      checkPortalId(deps, c.req.param('portalId'));
      optionalCaller(deps, c, params);
      return settingsView(org);
    }),
  );

  app.all(
    '/portals/:portalId/subscriptionInfo',
    route((c, params) => {
      checkPortalId(deps, c.req.param('portalId'));
      requireCaller(deps, c, params);
      return subscriptionInfoView(org);
    }),
  );

  app.all(
    '/portals/:portalId/roles',
    route((c, params) => {
      checkPortalId(deps, c.req.param('portalId'));
      requireCaller(deps, c, params);
      const withPrivileges = params.get('returnPrivileges')?.toLowerCase() === 'true';
      return rolesPageView(org.customRoles, pageRequest(params), withPrivileges);
    }),
  );

  app.all(
    '/portals/:portalId/roles/:roleId',
    route((c, params) => {
      checkPortalId(deps, c.req.param('portalId'));
      requireCaller(deps, c, params);
      const role = org.customRoles.find((r) => r.id === c.req.param('roleId'));
      if (!role) throw badRequest(`Role '${c.req.param('roleId') ?? ''}' not found.`);
      return roleView(role, true);
    }),
  );

  app.all(
    '/portals/:portalId/users',
    route(async (c, params) => {
      checkPortalId(deps, c.req.param('portalId'));
      const caller = requireCaller(deps, c, params);
      const req = pageRequest(params);
      const page = await org.listMembers({
        ...pageOrCount(req),
        filters: {
          role: params.get('role'),
          userLicenseType: params.get('userLicenseType'),
          provider: params.get('provider'),
          fullname: params.get('fullname'),
          username: params.get('username'),
          firstname: params.get('firstname'),
          lastname: params.get('lastname'),
        },
      });
      return sendJsonBytes(c, usersPageBytes(org, req, page, caller));
    }),
  );

  app.all(
    '/portals/:portalId/users/search',
    route(async (c, params) => {
      checkPortalId(deps, c.req.param('portalId'));
      const caller = requireCaller(deps, c, params);
      const req = pageRequest(params);
      const q = params.get('q') ?? '';
      const page = await org.searchMembers({ ...pageOrCount(req), q, filter: params.get('filter') });
      return sendJsonBytes(c, searchPageBytes(org, req, q, page, caller));
    }),
  );

  app.all(
    '/portals/:portalId/users/counts',
    route((c, params) => {
      checkPortalId(deps, c.req.param('portalId'));
      requireAdmin(deps, requireCaller(deps, c, params));
      const type = (params.get('type') ?? 'bundles').toLowerCase();
      if (type === 'user_type' || type === 'usertype')
        return countsPageView(org.userTypeCounts(), pageRequest(params));
      if (type === 'role') return countsPageView(org.roleCounts(), pageRequest(params));
      if (type === 'provider')
        return countsPageView(new Map([['arcgis', org.members.length]]), pageRequest(params));
      // Add-on bundles: the demo org has none.
      if (type === 'bundles') return countsPageView(new Map(), pageRequest(params));
      throw badRequest(
        `Invalid 'type' "${params.get('type') ?? ''}": use bundles, user_type, role or provider.`,
      );
    }),
  );

  app.all(
    '/portals/:portalId/assignUserCredits',
    route(
      (c, params) => {
        checkPortalId(deps, c.req.param('portalId'));
        requireAdmin(deps, requireCaller(deps, c, params));
        const { notAssigned } = org.assign(parseUserAssignments(params.get('userAssignments')));
        return { success: true, notAssignedUsers: notAssigned };
      },
      { postOnly: true, operation: 'assignUserCredits' },
    ),
  );

  app.all(
    '/portals/:portalId/unassignUserCredits',
    route(
      (c, params) => {
        checkPortalId(deps, c.req.param('portalId'));
        requireAdmin(deps, requireCaller(deps, c, params));
        const { notUnassigned } = org.unassign(parseUsernames(params.get('usernames')));
        return { success: true, notUnAssignedUsers: notUnassigned };
      },
      { postOnly: true, operation: 'unassignUserCredits' },
    ),
  );

  app.all(
    '/portals/:portalId/update',
    route(
      (c, params) => {
        checkPortalId(deps, c.req.param('portalId'));
        requireAdmin(deps, requireCaller(deps, c, params));
        const raw = params.get('creditAssignments');
        let creditAssignments: 'enabled' | 'disabled' | undefined;
        if (raw !== undefined) {
          const v = raw.toLowerCase();
          if (v !== 'enabled' && v !== 'disabled') {
            throw badRequest(`Invalid 'creditAssignments' value "${raw}": use "enabled" or "disabled".`);
          }
          creditAssignments = v;
        }
        const d = parseNumberParam(params, 'defaultUserCreditAssignment');
        const problem = d === undefined ? undefined : creditAmountProblem('defaultUserCreditAssignment', d);
        if (problem) throw problem;
        org.updateSettings({ creditAssignments, defaultUserCreditAssignment: d });
        return { success: true };
      },
      { postOnly: true, operation: 'update' },
    ),
  );

  app.all(
    '/portals/:portalId/usage',
    route(
      (c, params) => {
        checkPortalId(deps, c.req.param('portalId'));
        requireAdmin(deps, requireCaller(deps, c, params));
        const startTime = parseNumberParam(params, 'startTime');
        const endTime = parseNumberParam(params, 'endTime');
        if (startTime === undefined) throw badRequest("Missing 'startTime' parameter (epoch milliseconds).");
        if (endTime === undefined) throw badRequest("Missing 'endTime' parameter (epoch milliseconds).");
        const period = params.get('period');
        if (period === undefined) throw badRequest("Missing 'period' parameter: use 1h, 1d, 1w or 1m.");
        if (!isPeriod(period)) throw badRequest(`Invalid 'period' "${period}": use 1h, 1d, 1w or 1m.`);
        const result = org.usage({
          startTime,
          endTime,
          period,
          vars: params.list('vars') ?? ['credits'],
          groupby: params.list('groupby') ?? [],
          filters: {
            username: params.list('username'),
            stype: params.list('stype'),
            etype: params.list('etype'),
            userOrgId: params.list('userOrgId'),
          },
        });
        return sendJsonBytes(c, renderUsage(result));
      },
      { operation: 'usage' },
    ),
  );

  return app;
}
