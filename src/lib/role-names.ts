import type { CustomRole, User } from '@/lib/arcgis/schemas';

/**
 * Role names as ArcGIS Online shows them. A member's role is their custom role when they have one
 * (`roleId`; `role` then only says which built-in role it extends), else the built-in role.
 */

const BUILT_IN_ROLES: Readonly<Record<string, string>> = {
  org_admin: 'Administrator',
  org_publisher: 'Publisher',
  org_user: 'User',
  // ArcGIS Online's pre-built custom roles have fixed IDs in every org.
  iAAAAAAAAAAAAAAA: 'Viewer',
  iBBBBBBBBBBBBBBB: 'Data Editor',
};

/** Custom role id → name, from `portals/self/roles`. */
export type RoleNames = ReadonlyMap<string, string>;

export function roleNamesOf(roles: readonly CustomRole[] | undefined): RoleNames {
  return new Map((roles ?? []).map((r) => [r.id, r.name]));
}

/** The key a member's role is filtered and grouped by: the custom role id, else the built-in role. */
export function roleKeyOf(user: Pick<User, 'role' | 'roleId'>): string {
  return user.roleId || user.role || '';
}

/**
 * A member's role name: the custom role's name, the built-in role's name, or — for a custom role
 * whose name is not known (roles not loaded) — "Custom role (Publisher)", never an ID.
 */
export function roleName(user: Pick<User, 'role' | 'roleId'>, names: RoleNames = new Map()): string {
  const key = roleKeyOf(user);
  const named = names.get(key) ?? BUILT_IN_ROLES[key];
  if (named) return named;
  if (!key) return 'Unknown';
  const base = user.role ? BUILT_IN_ROLES[user.role] : undefined;
  return base ? `Custom role (${base})` : 'Custom role';
}
