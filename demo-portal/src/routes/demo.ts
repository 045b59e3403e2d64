import { Hono } from 'hono';
import { badRequest } from '../model/errors.ts';
import type { Member } from '../model/member.ts';
import { forbidden } from './messages.ts';
import type { RouteDeps } from './http.ts';
import { optionalCaller, requireCaller, route } from './http.ts';

/**
 * Demo controls, mounted at `${base}/__demo` — deliberately outside `/sharing/rest`, so nothing
 * mistakes them for ArcGIS API. A real ArcGIS Online org answers these paths with a 404, which is
 * how the console knows whether to offer the controls.
 *
 * - `GET  status`  (anonymous OK) → `{ demo: true, advancedDays, now, members }`
 * - `POST reset`   → the seed org, every change dropped
 * - `POST advance` `days` = 1 | 7 | 30 → usage accrues for the days that pass
 * - `POST members` optional `fullName` → the new member with the org's default allocation
 *
 * Mutations need the token of a member who can manage credits (499 without one, 498 for a bad
 * one, 403 otherwise), in the same `{error}` envelope as the REST routes.
 */

export const ADVANCE_STEPS = [1, 7, 30] as const;

function requireCreditManager(deps: RouteDeps, member: Member): void {
  if (!deps.org.isAdmin(member)) throw forbidden();
}

function status(deps: RouteDeps) {
  return {
    demo: true,
    orgName: deps.org.identity.name,
    advancedDays: deps.org.advancedDays,
    now: deps.org.now(),
    members: deps.org.members.length,
  };
}

/** "Ada Lovelace" → first and last name (the last word is the last name); absent → a generated name. */
function splitFullName(raw: string | undefined): { firstName?: string; lastName?: string } {
  const name = raw?.trim().replace(/\s+/g, ' ');
  if (!name) return {};
  if (name.length > 80) throw badRequest(`Invalid 'fullName': at most 80 characters.`);
  const at = name.lastIndexOf(' ');
  if (at < 0) throw badRequest(`Invalid 'fullName' "${name}": give a first and a last name.`);
  return { firstName: name.slice(0, at), lastName: name.slice(at + 1) };
}

export function createDemoRoutes(deps: RouteDeps): Hono {
  const { org } = deps;
  const app = new Hono();

  app.get(
    '/status',
    route((c, params) => {
      // A token is optional, but a bad one is still reported (498) like everywhere else.
      optionalCaller(deps, c, params);
      return status(deps);
    }),
  );

  app.all(
    '/reset',
    route(
      (c, params) => {
        requireCreditManager(deps, requireCaller(deps, c, params));
        org.resetToSeed();
        return { success: true, ...status(deps) };
      },
      { postOnly: true },
    ),
  );

  app.all(
    '/advance',
    route(
      (c, params) => {
        requireCreditManager(deps, requireCaller(deps, c, params));
        const raw = params.get('days');
        const days = raw === undefined ? Number.NaN : Number(raw.trim());
        if (!(ADVANCE_STEPS as readonly number[]).includes(days)) {
          throw badRequest(`Invalid 'days' "${raw ?? ''}": use ${ADVANCE_STEPS.join(', ')}.`);
        }
        org.advanceDays(days);
        return { success: true, ...status(deps) };
      },
      { postOnly: true },
    ),
  );

  app.all(
    '/members',
    route(
      (c, params) => {
        requireCreditManager(deps, requireCaller(deps, c, params));
        const member = org.addMember(splitFullName(params.get('fullName')));
        const credits = org.memberCredits(member);
        return {
          success: true,
          member: {
            username: member.username,
            fullName: member.fullName,
            email: member.email,
            role: member.role,
            userLicenseTypeId: member.userLicenseTypeId,
            created: member.created,
            // -1 = no limit (the org default was -1).
            assignedCredits: credits.assignedCredits,
          },
          ...status(deps),
        };
      },
      { postOnly: true },
    ),
  );

  return app;
}
