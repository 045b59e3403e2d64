import { DAY_MS } from '@/lib/time';

/**
 * What-if projection: pure maths over the member index, each member's recent pace and the org's
 * balance and burn. The same model projects today's allocations and the sandbox's, so the two
 * columns of the comparison differ only by the sandbox's changes.
 *
 * The model: every member keeps spending at their own pace over the recent window (credits a
 * day). A capped member stops when their cap is used up; a member without a limit (or without an
 * allocation, budgeting off) stops only when the organization runs out. Usage no member accounts
 * for (the org's burn minus the members' paces) goes on as it is. A cap the sandbox changes starts
 * a new allocation period, as assigning one does in ArcGIS Online: the member has all of it left.
 */

/** A cap: credits ≥ 0, `null` for no limit. */
export type Cap = number | null;

export const AT_RISK_SHARE = 0.8;

/** Beyond this the date is meaningless (JavaScript's last representable date). */
const MAX_MS = 8.64e15;

export interface ProjectionMember {
  username: string;
  /** ArcGIS user type ID (`creatorUT`, `viewerUT`…), when known. */
  userType?: string;
  /** Today's cap; `undefined` when the member has no allocation (budgeting off). */
  cap: Cap | undefined;
  /** Credits used against the cap (assigned − available); 0 without a cap. */
  used: number;
  /** Credits a day over the recent window; 0 when the member spent nothing in it. */
  pace: number;
}

export interface OrgState {
  /** The org's available credits; ≤ 0 is ArcGIS Online's Restricted state. */
  balance: number;
  /** The org's burn, credits a day over the same window as the members' paces. */
  burnPerDay: number;
  /** When the projection starts, epoch ms (the end of the usage window). */
  from: number;
}

/** What the sandbox changes. Amounts apply in this order, the first that names a member wins. */
export interface CapChanges {
  /** Per member (lower-case username). */
  memberCaps?: Readonly<Record<string, Cap>>;
  /** Per member, what the policies give them once the sandbox's rule amounts apply. */
  policyCaps?: Readonly<Record<string, Cap>>;
  /** Per user type ID. */
  typeCaps?: Readonly<Record<string, Cap>>;
  /**
   * Members whose cap equals `from` move to `to` (members on the default follow a new default).
   * Members with no allocation never move.
   */
  followDefault?: { from: Cap; to: Cap };
}

export type OrgRunOut = { kind: 'already' } | { kind: 'never' } | { kind: 'date'; at: number; days: number };

export type MemberRunOut =
  /** Nothing left of their cap (a cap of 0 or below what they used included). */
  | { kind: 'exhausted' }
  /** No spend in the window: at that pace they never run out. */
  | { kind: 'no-use' }
  /** The org runs out first, or is already out (`at` = from). */
  | { kind: 'org'; at: number }
  | { kind: 'cap'; at: number }
  | { kind: 'never' };

export interface ProjectedMember {
  username: string;
  cap: Cap | undefined;
  /** What the member has left of their cap (undefined without a cap). */
  left: number | undefined;
  runOut: MemberRunOut;
}

export interface Projection {
  members: number;
  /** Sum of finite caps. */
  allocated: number;
  capped: number;
  noLimit: number;
  /** Members without an allocation (budgeting off). */
  unavailable: number;
  /** Capped and ≥ 80 % used, exhausted included. */
  atRisk: number;
  exhausted: number;
  /** Allocated as % of the balance; undefined when the balance is ≤ 0. */
  percentAllocated: number | undefined;
  /** How far allocations exceed the balance (0 when they don't). */
  overAllocation: number;
  /** The balance is at or below zero (Restricted). */
  restricted: boolean;
  runOut: OrgRunOut;
  /** Members whose own run-out comes before the org's (their cap stops them first). */
  stoppedByCap: number;
}

function nonNegative(n: number): number {
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** The member's cap after the changes (`undefined`: no allocation, never changed). */
export function capAfter(member: ProjectionMember, changes: CapChanges): Cap | undefined {
  if (member.cap === undefined) return undefined;
  const key = member.username.toLowerCase();
  const own = changes.memberCaps?.[key];
  if (own !== undefined) return own;
  const byPolicy = changes.policyCaps?.[key];
  if (byPolicy !== undefined) return byPolicy;
  const byType = member.userType === undefined ? undefined : changes.typeCaps?.[member.userType];
  if (byType !== undefined) return byType;
  const follow = changes.followDefault;
  if (follow && follow.from === member.cap) return follow.to;
  return member.cap;
}

/** What is left of `cap` after `used` (never below 0), 3 decimals like the portal. */
export function leftOf(cap: number, used: number): number {
  return Math.max(0, Math.round((cap - nonNegative(used)) * 1000) / 1000);
}

interface Stop {
  /** Days from the start until this spender stops. */
  day: number;
  pace: number;
}

/**
 * Days until `balance` is spent: `base` credits a day go on for ever, each stop's pace until its
 * day. Infinity when the spend stops before the balance is gone.
 */
function daysToSpend(balance: number, base: number, stops: Stop[]): number {
  let rate = base + stops.reduce((sum, s) => sum + s.pace, 0);
  stops.sort((a, b) => a.day - b.day);
  let spent = 0;
  let day = 0;
  for (const s of stops) {
    if (s.day === Infinity) break;
    const segment = (s.day - day) * rate;
    if (spent + segment >= balance && rate > 0) return day + (balance - spent) / rate;
    spent += segment;
    day = s.day;
    rate -= s.pace;
  }
  rate = Math.max(0, rate);
  // Float noise from subtracting paces must not keep a stopped org burning.
  if (rate <= 1e-9) return Infinity;
  return day + (balance - spent) / rate;
}

function dateAfter(from: number, days: number): number | undefined {
  const at = from + days * DAY_MS;
  return Number.isFinite(at) && at <= MAX_MS ? at : undefined;
}

/** Projects the org and every member over `members` with `changes` applied. */
export function project(
  members: readonly ProjectionMember[],
  org: OrgState,
  changes: CapChanges = {},
): { summary: Projection; members: ProjectedMember[] } {
  const summary: Projection = {
    members: members.length,
    allocated: 0,
    capped: 0,
    noLimit: 0,
    unavailable: 0,
    atRisk: 0,
    exhausted: 0,
    percentAllocated: undefined,
    overAllocation: 0,
    restricted: org.balance <= 0,
    runOut: { kind: 'never' },
    stoppedByCap: 0,
  };
  const stops: Stop[] = [];
  let membersPace = 0;
  const capDays: (number | undefined)[] = [];
  const caps: (Cap | undefined)[] = [];
  const lefts: (number | undefined)[] = [];
  for (const m of members) {
    const cap = capAfter(m, changes);
    const pace = nonNegative(m.pace);
    membersPace += pace;
    caps.push(cap);
    if (cap === undefined || cap === null) {
      if (cap === undefined) summary.unavailable += 1;
      else summary.noLimit += 1;
      lefts.push(undefined);
      capDays.push(undefined);
      stops.push({ day: Infinity, pace });
      continue;
    }
    summary.capped += 1;
    summary.allocated += cap;
    // A new allocation starts a new allocation period: what was used under the old one no longer counts.
    const used = cap === m.cap ? nonNegative(m.used) : 0;
    const left = leftOf(cap, used);
    lefts.push(left);
    const exhausted = left <= 0;
    if (exhausted) summary.exhausted += 1;
    if (exhausted || used >= AT_RISK_SHARE * cap) summary.atRisk += 1;
    const day = pace > 0 ? left / pace : Infinity;
    capDays.push(day);
    stops.push({ day, pace });
  }
  summary.allocated = Math.round(summary.allocated * 1000) / 1000;
  if (org.balance > 0) {
    summary.percentAllocated = (summary.allocated / org.balance) * 100;
    summary.overAllocation = Math.max(0, Math.round((summary.allocated - org.balance) * 1000) / 1000);
  } else {
    summary.overAllocation = summary.allocated > 0 ? summary.allocated : 0;
  }

  // Usage no member accounts for (the org's burn beyond the members' paces) goes on unchanged.
  const unattributed = Math.max(0, nonNegative(org.burnPerDay) - membersPace);
  let orgDays: number;
  if (org.balance <= 0) {
    orgDays = 0;
    summary.runOut = { kind: 'already' };
  } else {
    orgDays = daysToSpend(org.balance, unattributed, stops);
    const at = orgDays === Infinity ? undefined : dateAfter(org.from, orgDays);
    summary.runOut = at === undefined ? { kind: 'never' } : { kind: 'date', at, days: orgDays };
    if (at === undefined) orgDays = Infinity;
  }

  const projected: ProjectedMember[] = members.map((m, i) => {
    const cap = caps[i];
    const left = lefts[i];
    const capDay = capDays[i];
    const pace = nonNegative(m.pace);
    let runOut: MemberRunOut;
    if (left !== undefined && left <= 0) runOut = { kind: 'exhausted' };
    else if (org.balance <= 0) runOut = { kind: 'org', at: org.from };
    else if (pace === 0) runOut = { kind: 'no-use' };
    else if (capDay !== undefined && capDay < orgDays) {
      const at = dateAfter(org.from, capDay);
      runOut = at === undefined ? { kind: 'never' } : { kind: 'cap', at };
    } else if (orgDays === Infinity) runOut = { kind: 'never' };
    else runOut = { kind: 'org', at: org.from + orgDays * DAY_MS };
    if (runOut.kind === 'cap') summary.stoppedByCap += 1;
    return { username: m.username, cap, left, runOut };
  });
  return { summary, members: projected };
}

/** Members' paces (credits a day) from per-username totals over `days` days; keys lower-case. */
export function pacesFromTotals(
  totals: Iterable<readonly [username: string, credits: number]>,
  days: number,
): Map<string, number> {
  const out = new Map<string, number>();
  if (!(days > 0)) return out;
  for (const [username, credits] of totals) {
    const key = username.toLowerCase();
    out.set(key, (out.get(key) ?? 0) + nonNegative(credits) / days);
  }
  return out;
}
