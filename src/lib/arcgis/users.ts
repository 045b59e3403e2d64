import type { ArcGISClient, CallOptions } from './request';
import { userSchema, userSearchPageSchema, usersPageSchema } from './schemas';
import type { User, UserSearchPage, UsersPage } from './schemas';

/** The ArcGIS page-size ceiling for `num`. */
export const MAX_PAGE_SIZE = 100;

export type UserSortField =
  'username' | 'fullname' | 'created' | 'lastlogin' | 'mfaenabled' | 'level' | 'role';
export type SortOrder = 'asc' | 'desc';

export interface ListUsersParams {
  /** 1-based. */
  start?: number;
  /** ≤ 100. */
  num?: number;
  sortField?: UserSortField;
  sortOrder?: SortOrder;
  role?: string;
  userLicenseType?: string;
  provider?: string;
  fullname?: string;
  username?: string;
  firstname?: string;
  lastname?: string;
}

export interface SearchUsersParams {
  /** ArcGIS search syntax, e.g. `role:org_admin` or `username:jdoe`. */
  q: string;
  filter?: string;
  start?: number;
  num?: number;
  sortField?: string;
  sortOrder?: SortOrder;
  excludeSystemUsers?: boolean;
}

function clampNum(num: number | undefined): number | undefined {
  return num === undefined ? undefined : Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(num)));
}

/** E7 `GET community/users/<username>`: one member, with credit fields for admins. */
export function getUser(client: ArcGISClient, username: string, opts: CallOptions = {}): Promise<User> {
  return client.apiGet(`community/users/${encodeURIComponent(username)}`, {
    schema: userSchema,
    signal: opts.signal,
  });
}

/** E3 `GET community/self`: the signed-in user. */
export function getCurrentUser(client: ArcGISClient, opts: CallOptions = {}): Promise<User> {
  return client.apiGet('community/self', { schema: userSchema, signal: opts.signal });
}

/** E4 `GET portals/self/users`: one page of org members (key `users`). */
export function listUsers(
  client: ArcGISClient,
  params: ListUsersParams = {},
  opts: CallOptions = {},
): Promise<UsersPage> {
  return client.apiGet('portals/self/users', {
    schema: usersPageSchema,
    params: { ...params, num: clampNum(params.num) },
    signal: opts.signal,
  });
}

/** E5 `GET portals/self/users/search`: one page of matching members (key `results`). */
export function searchUsers(
  client: ArcGISClient,
  params: SearchUsersParams,
  opts: CallOptions = {},
): Promise<UserSearchPage> {
  return client.apiGet('portals/self/users/search', {
    schema: userSearchPageSchema,
    params: { ...params, num: clampNum(params.num) },
    signal: opts.signal,
  });
}
