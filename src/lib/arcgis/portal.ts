import type { ArcGISClient, CallOptions } from './request';
import { portalSelfSchema, rolesPageSchema, subscriptionInfoSchema, successResponseSchema } from './schemas';
import type { CustomRole, PortalSelf, SubscriptionInfo } from './schemas';

/** E1 `GET portals/self`: the org as the signed-in user sees it (with `user`), or anonymously. */
export function getPortalSelf(
  client: ArcGISClient,
  opts: CallOptions & { anonymous?: boolean } = {},
): Promise<PortalSelf> {
  return client.apiGet('portals/self', {
    schema: portalSelfSchema,
    signal: opts.signal,
    anonymous: opts.anonymous,
  });
}

/** E2 `GET portals/self/subscriptionInfo` (ArcGIS Online). */
export function getSubscriptionInfo(client: ArcGISClient, opts: CallOptions = {}): Promise<SubscriptionInfo> {
  return client.apiGet('portals/self/subscriptionInfo', {
    schema: subscriptionInfoSchema,
    signal: opts.signal,
  });
}

/** Custom roles are few (ArcGIS Online allows a few dozen); a runaway portal stops here. */
const MAX_ROLE_PAGES = 20;

/** `GET portals/self/roles`: every custom role of the org, page by page (100 a page). */
export async function getCustomRoles(client: ArcGISClient, opts: CallOptions = {}): Promise<CustomRole[]> {
  const roles: CustomRole[] = [];
  let start = 1;
  for (let pages = 0; pages < MAX_ROLE_PAGES && start > 0; pages++) {
    const page = await client.apiGet('portals/self/roles', {
      schema: rolesPageSchema,
      params: { start, num: 100 },
      signal: opts.signal,
    });
    roles.push(...page.roles);
    if (page.roles.length === 0) break;
    start = page.nextStart;
  }
  return roles;
}

export interface PortalSettingsUpdate {
  creditAssignments?: 'enabled' | 'disabled';
  /** A number ≥ 0, or `-1` for no limit. */
  defaultUserCreditAssignment?: number;
}

/**
 * E10 `POST portals/self/update`, sending only the keys given. Resolves `true` on
 * `{success:true}`; a `{success:false}` answer throws, so it can never pass for success.
 */
export async function updatePortalSettings(
  client: ArcGISClient,
  settings: PortalSettingsUpdate,
  opts: CallOptions = {},
): Promise<true> {
  const params: Record<string, string | number> = {};
  if (settings.creditAssignments !== undefined) params.creditAssignments = settings.creditAssignments;
  if (settings.defaultUserCreditAssignment !== undefined) {
    const value = settings.defaultUserCreditAssignment;
    if (!Number.isFinite(value) || (value < 0 && value !== -1)) {
      throw new RangeError('The default allocation must be a number ≥ 0, or -1 for no limit.');
    }
    params.defaultUserCreditAssignment = value;
  }
  if (Object.keys(params).length === 0)
    throw new TypeError('updatePortalSettings needs at least one setting.');
  const res = await client.apiPost('portals/self/update', {
    schema: successResponseSchema,
    params,
    signal: opts.signal,
  });
  if (!res.success) throw new Error('The portal did not save the organization settings.');
  return true;
}
