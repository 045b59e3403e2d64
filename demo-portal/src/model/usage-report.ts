import { DomainError } from './errors.ts';
import type { Member } from './member.ts';
import type { UsageLedger, UsagePeriod } from './usage.ts';
import { bucketStarts, ETYPE, MAX_USAGE_BUCKETS, NO_MEMBER, SERVICE_TYPES } from './usage.ts';

/**
 * Usage reports over the org's ledger: credits and transaction counts per time bucket, grouped by
 * service type, member and org, or application logins per member and app.
 */

/** What a report reads from the org. */
export interface UsageSource {
  ledger: UsageLedger;
  members: readonly Member[];
  orgId: string;
  findMember(username: string): Member | undefined;
}

export interface UsageRequest {
  startTime: number;
  endTime: number;
  period: UsagePeriod;
  /** Requested series; only `credits` and `num` are produced. */
  vars: readonly string[];
  /** Among stype, etype, username, userorgid, appid (case-insensitive; others ignored). */
  groupby: readonly string[];
  filters?: {
    username?: readonly string[];
    stype?: readonly string[];
    etype?: readonly string[];
    userOrgId?: readonly string[];
  };
}

export interface UsageEntry {
  etype?: string;
  stype?: string;
  username?: string;
  userOrgId?: string;
  /** Application logins (`groupby=appId`): the app and the org that registered it. */
  appId?: string;
  appOrgId?: string;
  /** Milli-credits per bucket. */
  creditsMilli?: Float64Array;
  num?: Float64Array;
}

export interface UsageResult {
  startTime: number;
  endTime: number;
  period: UsagePeriod;
  bucketStarts: number[];
  entries: UsageEntry[];
}

/** Service type of application logins (not a credit charge). */
const APP_LOGIN_STYPE = 'applogin';
/** Esri's own apps members sign in with, and the org that registers them. */
const LOGIN_APPS = ['arcgisonline', 'arcgisnotebooks', 'arcgisfieldmaps', 'arcgispro', 'arcgisdashboards'];
const ESRI_APPS_ORG_ID = 'Esri0AppsOrg0001';

/** Credits and counts per bucket, grouped and filtered, from the org's usage ledger. */
export function usageReport(org: UsageSource, req: UsageRequest): UsageResult {
  const { startTime, endTime, period } = req;
  if (!Number.isFinite(startTime) || !Number.isFinite(endTime))
    throw new DomainError('invalid-range', 'The start and end must be instants (epoch milliseconds).');
  if (startTime >= endTime)
    throw new DomainError('invalid-range', `The start ${startTime} must be before the end ${endTime}.`);
  const starts = bucketStarts(startTime, endTime, period);
  if (!starts) {
    throw new DomainError(
      'invalid-range',
      `A ${period} period over this range gives more than ${MAX_USAGE_BUCKETS} buckets. Use a longer period or a shorter range.`,
    );
  }
  const vars = new Set(req.vars.map((v) => v.trim().toLowerCase()));
  const groupby = new Set(req.groupby.map((g) => g.trim().toLowerCase()));
  if (groupby.has('appid')) return appLogins(org, req, starts, vars);
  const byUser = groupby.has('username');
  const byOrg = groupby.has('userorgid');
  const f = req.filters ?? {};
  const count = org.members.length;
  const orgId = org.orgId;

  let memberFilter: Set<number> | undefined;
  if (f.username && f.username.length > 0) {
    memberFilter = new Set();
    for (const u of f.username) {
      const m = org.findMember(u);
      if (m) memberFilter.add(m.index);
    }
  }
  let orgMembersOnly = false;
  if (f.userOrgId && f.userOrgId.length > 0) {
    if (f.userOrgId.some((o) => o.toLowerCase() === orgId.toLowerCase())) orgMembersOnly = true;
    else memberFilter = new Set();
  }
  let stypes: Set<number> | undefined;
  if (f.stype && f.stype.length > 0) {
    const wanted = new Set(f.stype.map((s) => s.toLowerCase()));
    stypes = new Set(SERVICE_TYPES.flatMap((s, i) => (wanted.has(s) ? [i] : [])));
  }
  if (f.etype && f.etype.length > 0 && !f.etype.some((e) => e.toLowerCase() === ETYPE)) stypes = new Set();

  const result = org.ledger.query(
    {
      startTime,
      endTime,
      period,
      groupByStype: groupby.has('stype'),
      groupByMember: byUser || byOrg,
      members: memberFilter,
      orgMembersOnly,
      stypes,
      wantCredits: vars.has('credits'),
      wantNum: vars.has('num'),
    },
    starts,
    count,
  );

  let groups = result.groups;
  if (byOrg && !byUser) {
    // Collapse members into "this org" vs org-level charges, per stype.
    const merged = new Map<string, (typeof groups)[number]>();
    for (const g of groups) {
      const key = `${g.member === NO_MEMBER ? 'x' : 'o'}:${g.stype ?? ''}`;
      const into = merged.get(key);
      if (!into) {
        merged.set(key, {
          ...g,
          member: g.member === NO_MEMBER ? NO_MEMBER : 0,
          milli: g.milli && Float64Array.from(g.milli),
          num: g.num && Float64Array.from(g.num),
        });
        continue;
      }
      if (into.milli && g.milli) for (let i = 0; i < g.milli.length; i++) into.milli[i]! += g.milli[i]!;
      if (into.num && g.num) for (let i = 0; i < g.num.length; i++) into.num[i]! += g.num[i]!;
    }
    groups = [...merged.values()];
  }

  const entries: UsageEntry[] = groups.map((g) => {
    const entry: UsageEntry = {};
    if (groupby.has('etype')) entry.etype = ETYPE;
    if (g.stype !== undefined) entry.stype = SERVICE_TYPES[g.stype];
    if (g.member !== undefined && g.member !== NO_MEMBER) {
      if (byUser) entry.username = org.members[g.member]?.username;
      entry.userOrgId = orgId;
    }
    if (g.milli) entry.creditsMilli = g.milli;
    if (g.num) entry.num = g.num;
    return entry;
  });
  return { startTime, endTime, period, bucketStarts: result.bucketStarts, entries };
}

/**
 * Application logins (`groupby=appId`, as the Python API's `applications()` asks): one row per
 * member and app with `num` logins per bucket, derived from the days the member was active.
 */
function appLogins(
  org: UsageSource,
  req: UsageRequest,
  starts: number[],
  vars: ReadonlySet<string>,
): UsageResult {
  const f = req.filters ?? {};
  const orgId = org.orgId;
  const only = (values: readonly string[] | undefined, wanted: string) =>
    !values || values.length === 0 || values.some((v) => v.toLowerCase() === wanted.toLowerCase());
  const result = {
    startTime: req.startTime,
    endTime: req.endTime,
    period: req.period,
    bucketStarts: starts,
  };
  if (!only(f.stype, APP_LOGIN_STYPE) || !only(f.etype, ETYPE) || !only(f.userOrgId, orgId)) {
    return { ...result, entries: [] };
  }
  let members: Set<number> | undefined;
  if (f.username && f.username.length > 0) {
    members = new Set();
    for (const u of f.username) {
      const m = org.findMember(u);
      if (m) members.add(m.index);
    }
  }
  const activity = org.ledger.query(
    {
      startTime: req.startTime,
      endTime: req.endTime,
      period: req.period,
      groupByStype: false,
      groupByMember: true,
      members,
      orgMembersOnly: true,
      wantCredits: false,
      wantNum: true,
    },
    starts,
    org.members.length,
  );
  const entries: UsageEntry[] = [];
  for (const g of activity.groups) {
    const m = g.member === undefined ? undefined : org.members[g.member];
    if (!m || !g.num) continue;
    const logins = g.num.map((n) => (n > 0 ? Math.max(1, Math.round(Math.sqrt(n))) : 0));
    if (logins.every((n) => n === 0)) continue;
    const entry: UsageEntry = {
      etype: ETYPE,
      stype: APP_LOGIN_STYPE,
      username: m.username,
      userOrgId: orgId,
      appId: LOGIN_APPS[m.index % LOGIN_APPS.length],
      appOrgId: ESRI_APPS_ORG_ID,
    };
    if (vars.has('num')) entry.num = logins;
    if (vars.has('credits')) entry.creditsMilli = new Float64Array(logins.length);
    entries.push(entry);
  }
  return { ...result, entries };
}
