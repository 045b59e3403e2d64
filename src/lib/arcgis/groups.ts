import { z } from 'zod';
import type { ArcGISClient, CallOptions } from './request';

/* Org groups (`community/groups`) and their members (`community/groups/<id>/users`). */

export const groupSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  owner: z.string().nullish(),
  description: z.string().nullish(),
  snippet: z.string().nullish(),
  access: z.string().nullish(),
});
export type Group = z.infer<typeof groupSchema>;

const groupSearchSchema = z.looseObject({
  total: z.number(),
  start: z.number(),
  num: z.number(),
  nextStart: z.number(),
  results: z.array(groupSchema),
});

const groupUsersSchema = z.looseObject({
  owner: z.string().nullish(),
  admins: z.array(z.string()).nullish(),
  users: z.array(z.string()).nullish(),
});

/** A runaway portal stops here: 100 pages of 100 groups. */
const MAX_GROUP_PAGES = 100;

/** `GET community/groups?q=orgid:<org>`: every group of the organization, by title. */
export async function getOrgGroups(
  client: ArcGISClient,
  orgId: string,
  opts: CallOptions = {},
): Promise<Group[]> {
  const groups: Group[] = [];
  let start = 1;
  for (let pages = 0; pages < MAX_GROUP_PAGES && start > 0; pages++) {
    const page = await client.apiGet('community/groups', {
      schema: groupSearchSchema,
      params: { q: `orgid:${orgId}`, start, num: 100, sortField: 'title', sortOrder: 'asc' },
      signal: opts.signal,
    });
    groups.push(...page.results);
    if (page.results.length === 0) break;
    start = page.nextStart;
  }
  return groups;
}

/** `GET community/groups/<id>/users`: the owner, admins and members, as one list of usernames. */
export async function getGroupMembers(
  client: ArcGISClient,
  groupId: string,
  opts: CallOptions = {},
): Promise<string[]> {
  const res = await client.apiGet(`community/groups/${encodeURIComponent(groupId)}/users`, {
    schema: groupUsersSchema,
    signal: opts.signal,
  });
  const all = [...(res.owner ? [res.owner] : []), ...(res.admins ?? []), ...(res.users ?? [])];
  return [...new Set(all)];
}
