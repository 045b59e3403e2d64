import {
  DAY_MS,
  dayIndex,
  dayOfYear,
  HOUR_MS,
  startOfUtcDay,
  startOfUtcMonth,
  weekdayOfDay,
} from './clock.ts';
import type { Allocation, Role, UsageProfile, UserLicenseType } from './member.ts';
import { CREDIT_MANAGER_ROLE_ID, Member, VIEWER_ROLE_ID } from './member.ts';
import { asciiSlug, FIRST_NAMES, LAST_NAMES } from './names.ts';
import type { Rng } from './random.ts';
import {
  alnumId,
  hash32,
  hash32From,
  hash32Prefix,
  logUniformInt,
  pick,
  pickWeighted,
  rngFor,
} from './random.ts';
import { BUDGETED_STYPES, NO_MEMBER, STORAGE_STYPE, UsageLedger } from './usage.ts';

/**
 * The seeded demo organization. Everything derives from (seed, member index, day relative to the
 * anchor day = floor(now / day)), so the org looks the same relative to "today" whenever it is built.
 */

export const HISTORY_DAYS = 396;
export const DEMO_PASSWORD = 'demo1234';
export const DEFAULT_MEMBERS = 2500;
export const DEFAULT_SEED = 1;
export { STORAGE_QUOTA } from './member.ts';

export interface OrgIdentity {
  id: string;
  name: string;
  urlKey: string;
  customBaseUrl: string;
  domain: string;
  subscriptionId: string;
}

export function orgIdentity(seed: number): OrgIdentity {
  return {
    id: alnumId(seed, 0x0a11, 16),
    name: 'Riverbend County GIS',
    urlKey: 'riverbendgis',
    customBaseUrl: 'maps.arcgis.com',
    domain: 'riverbend-county.example',
    subscriptionId: String(100_000_000 + (hash32(seed, 0x5ab) % 900_000_000)),
  };
}

// ---------------------------------------------------------------------------------------------
// Usage profiles and daily generation

/** Units and transaction sizes per budgeted service type (milli-credits per unit). */
const STYPE_SPECS: readonly { unitMilli: number; lo: number; hi: number }[] = [
  { unitMilli: 40, lo: 10, hi: 1200 }, // geocode: 40 credits / 1,000 geocodes
  { unitMilli: 1, lo: 200, hi: 20_000 }, // spanalysis: 1 credit / 1,000 features
  { unitMilli: 10, lo: 50, hi: 2500 }, // geoenrich: 10 credits / 1,000 variables
  { unitMilli: 1, lo: 500, hi: 30_000 }, // tiles: 1 credit / 1,000 tiles
  { unitMilli: 250, lo: 10, hi: 150 }, // notebooks: 0.25 credits / advanced minute
  { unitMilli: 10, lo: 20, hi: 2000 }, // elevation
  { unitMilli: 5, lo: 20, hi: 1500 }, // routing: 5 credits / 1,000 simple routes
];

const TYPE_WEIGHTS: Record<UserLicenseType, readonly number[]> = {
  creatorUT: [3, 2, 1, 1, 1, 1, 1.5],
  GISProfessionalStdUT: [3, 2, 1, 1.5, 0.5, 1, 1.5],
  GISProfessionalAdvUT: [2, 3, 2, 1, 3, 1, 1],
  fieldWorkerUT: [3, 0, 0, 1, 0, 0.5, 3],
  editorUT: [3, 0.2, 0.2, 0.5, 0, 1, 2],
  viewerUT: [0, 0, 0, 0, 0, 0, 0],
  storytellerUT: [1, 0, 0, 3, 0, 0.5, 0],
};

/** Activity classes: share of members, daily rate, intensity range. */
const ACTIVITY: readonly { share: number; rate: number; lo: number; hi: number }[] = [
  { share: 0.42, rate: 0.003, lo: 0.3, hi: 0.7 },
  { share: 0.34, rate: 0.015, lo: 0.4, hi: 1.2 },
  { share: 0.18, rate: 0.1, lo: 0.5, hi: 1.5 },
  { share: 0.06, rate: 0.25, lo: 1, hi: 3 },
];

const ACTIVITY_SHARES = ACTIVITY.map((a) => a.share);

/** UTC hour weights: the county works US hours (≈ 13:00–23:00 UTC). */
const HOUR_WEIGHTS = [
  1, 0.6, 0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.3, 0.5, 0.8, 1.5, 3, 5, 7, 8, 8, 7.5, 7, 7, 6, 4.5, 3, 2,
];
const HOUR_CUMULATIVE = cumulative(HOUR_WEIGHTS);
const WEEKDAY_FACTOR = [0.15, 1, 1.05, 1.05, 1, 0.85, 0.2];

/** Normalised running sums of `weights` (a plain array: one per member, cheaper than a typed array). */
function cumulative(weights: readonly number[]): number[] {
  const out: number[] = new Array<number>(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i] ?? 0;
    out[i] = sum;
  }
  for (let i = 0; i < out.length; i++) out[i]! /= sum || 1;
  return out;
}

function drawCumulative(cum: readonly number[], r: number): number {
  for (let i = 0; i < cum.length; i++) if (r < cum[i]!) return i;
  return cum.length - 1;
}

/** The profile of members who never spend (viewers, members who never signed in). */
const IDLE_PROFILE: UsageProfile = Object.freeze({
  rate: 0,
  intensity: 1,
  stypeCumulative: Object.freeze(new Array<number>(BUDGETED_STYPES).fill(1)),
});
const profileWeights = new Array<number>(BUDGETED_STYPES).fill(0);

export function makeProfile(rng: Rng, type: UserLicenseType, active: boolean): UsageProfile {
  const cls = ACTIVITY[pickWeighted(rng, ACTIVITY_SHARES)] ?? { rate: 0, lo: 1, hi: 1 };
  const base = TYPE_WEIGHTS[type];
  // The weights are drawn for every member (the draws that follow depend on it), kept only for
  // members who spend.
  const weights = profileWeights;
  let any = false;
  for (let i = 0; i < base.length; i++) {
    const w = base[i]!;
    weights[i] = rng() < 0.35 ? 0 : w * (0.2 + rng() * 1.6) ** 2;
    if (weights[i]! > 0) any = true;
  }
  if (!any) weights[base.indexOf(Math.max(...base))] = 1;
  const rate = type === 'viewerUT' || !active ? 0 : cls.rate * (0.6 + rng() * 0.8);
  const intensity = Math.exp(Math.log(cls.lo) + rng() * (Math.log(cls.hi) - Math.log(cls.lo)));
  if (rate <= 0) return IDLE_PROFILE;
  return { rate, intensity, stypeCumulative: cumulative(weights) };
}

/** Activity multiplier for a day: weekday, season and a gentle growth trend. */
export function dayFactor(absDay: number, anchorDay: number): number {
  const season = 1 + 0.2 * Math.sin((2 * Math.PI * (dayOfYear(absDay) - 100)) / 365.25);
  const trend = 0.8 + (0.2 * (absDay - anchorDay + HISTORY_DAYS)) / HISTORY_DAYS;
  return (WEEKDAY_FACTOR[weekdayOfDay(absDay)] ?? 1) * season * trend;
}

export type EmitEvent = (hour: number, stype: number, milli: number, num: number) => void;

/** One member's transactions on one day (deterministic in seed, member index, day vs anchor). */
export function generateMemberDay(
  seed: number,
  index: number,
  profile: UsageProfile,
  absDay: number,
  anchorDay: number,
  factor: number,
  emit: EmitEvent,
): void {
  if (profile.rate <= 0) return;
  const h = hash32(seed ^ 0x0d15ea5e, index, absDay - anchorDay + 1_000_000);
  if (h / 4294967296 >= profile.rate * factor) return;
  dayState = (h ^ 0x5bd1e995) >>> 0;
  const rng = dayRng;
  const r = rng();
  const k = 1 + (r < 0.4 ? 1 : 0) + (r < 0.15 ? 1 : 0) + (profile.rate > 0.15 && rng() < 0.3 ? 1 : 0);
  // At most four hours, sorted in place (no array per active day).
  for (let j = 0; j < k; j++) {
    const hour = drawCumulative(HOUR_CUMULATIVE, rng());
    let at = j;
    while (at > 0 && dayHours[at - 1]! > hour) {
      dayHours[at] = dayHours[at - 1]!;
      at--;
    }
    dayHours[at] = hour;
  }
  for (let j = 0; j < k; j++) {
    const hour = dayHours[j]!;
    const stype = drawCumulative(profile.stypeCumulative, rng());
    const spec = STYPE_SPECS[stype];
    if (!spec) continue;
    const num = Math.max(1, Math.round(logUniformInt(rng, spec.lo, spec.hi) * profile.intensity));
    emit(hour, stype, num * spec.unitMilli, num);
  }
}

/** The day generator's mulberry32 state: one generator reused for every member-day. */
let dayState = 0;
const dayHours = new Uint8Array(4);
function dayRng(): number {
  dayState = (dayState + 0x6d2b79f5) >>> 0;
  let t = dayState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** The org-level storage charge for one day (never counted toward a member budget). */
export function storageDay(
  seed: number,
  memberCount: number,
  absDay: number,
  anchorDay: number,
): { milli: number; num: number } {
  const u = hash32(seed ^ 0x57042e, absDay - anchorDay + 1_000_000) / 4294967296;
  const trend = 0.85 + (0.15 * (absDay - anchorDay + HISTORY_DAYS)) / HISTORY_DAYS;
  const mb = Math.round(memberCount * 9 * trend * (0.98 + 0.04 * u));
  // 2.4 credits per 10 MB of feature storage per month ≈ 0.008 credits per MB per day.
  return { milli: Math.round(mb * 8), num: mb };
}

// ---------------------------------------------------------------------------------------------
// Members

/** A base made only of lower-case letters and dots (what seeded names are built from). */
function isPlainBase(base: string): boolean {
  for (let i = 0; i < base.length; i++) {
    const c = base.charCodeAt(i);
    if ((c < 97 || c > 122) && c !== 46) return false;
  }
  return true;
}

export class UsernameRegistry {
  private readonly taken = new Set<string>();
  private readonly counters = new Map<string, number>();
  /**
   * Names `unique` gave out for plain bases with `pendingSuffix`, not yet in `taken`. Such a name
   * reads back as (base, number, suffix) in one way only, and each (base, number) is given out
   * once, so these names cannot collide with one another; only names given to `add` can collide
   * with them, and those are always in `taken`. Seeding a large org this way skips a set insert
   * per member; the set is filled on the first lookup that needs it.
   */
  private pending: string[] = [];
  private pendingSuffix = '';

  private settle(): void {
    if (this.pending.length === 0) return;
    for (const name of this.pending) this.taken.add(name);
    this.pending = [];
  }

  has(username: string): boolean {
    this.settle();
    return this.taken.has(username.toLowerCase());
  }

  add(username: string): void {
    this.taken.add(username.toLowerCase());
  }

  /** `base` + disambiguating digits + `suffix`, unique (case-insensitive). */
  unique(base: string, suffix: string): string {
    const plain = isPlainBase(base) && (this.pending.length === 0 || suffix === this.pendingSuffix);
    if (!plain) this.settle();
    let n = this.counters.get(base) ?? 1;
    let candidate = n === 1 ? `${base}${suffix}` : `${base}${n}${suffix}`;
    while (this.taken.has(candidate)) {
      n++;
      candidate = `${base}${n}${suffix}`;
    }
    this.counters.set(base, n + 1);
    if (plain) {
      this.pending.push(candidate);
      this.pendingSuffix = suffix;
    } else this.taken.add(candidate);
    return candidate;
  }
}

export interface MemberSpec {
  username?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  role?: Role;
  roleId?: string;
  userLicenseTypeId?: UserLicenseType;
  created?: number;
  lastLogin?: number;
}

interface MemberContext {
  seed: number;
  now: number;
  identity: OrgIdentity;
  usernames: UsernameRegistry;
  emails: UsernameRegistry;
}

const DEMO_ACCOUNTS: readonly (MemberSpec & { username: string; firstName: string; lastName: string })[] = [
  {
    username: 'demo_admin',
    firstName: 'Dana',
    lastName: 'Reyes',
    role: 'org_admin',
    userLicenseTypeId: 'creatorUT',
  },
  {
    username: 'demo_credits',
    firstName: 'Casey',
    lastName: 'Morgan',
    role: 'org_publisher',
    roleId: CREDIT_MANAGER_ROLE_ID,
    userLicenseTypeId: 'creatorUT',
  },
  {
    username: 'demo_member',
    firstName: 'Sam',
    lastName: 'Patel',
    role: 'org_user',
    userLicenseTypeId: 'creatorUT',
  },
];
export const DEMO_USERNAMES = DEMO_ACCOUNTS.map((a) => a.username);

const PUBLISHER_TYPES: readonly UserLicenseType[] = [
  'creatorUT',
  'creatorUT',
  'creatorUT',
  'GISProfessionalStdUT',
  'GISProfessionalAdvUT',
];
// Shares of a typical org's users: Viewers, Mobile Workers, Contributors, Creators,
// Storytellers, Professionals.
const USER_TYPE_WEIGHTS: readonly number[] = [25, 10, 12, 37, 8, 8];
const USER_TYPES: readonly UserLicenseType[] = [
  'viewerUT',
  'fieldWorkerUT',
  'editorUT',
  'creatorUT',
  'storytellerUT',
  'GISProfessionalStdUT',
];

function randomRoleAndType(rng: Rng): { role: Role; roleId: string | undefined; type: UserLicenseType } {
  const r = rng();
  if (r < 0.03)
    return { role: 'org_admin', roleId: undefined, type: rng() < 0.7 ? 'creatorUT' : 'GISProfessionalAdvUT' };
  if (r < 0.04) return { role: 'org_publisher', roleId: CREDIT_MANAGER_ROLE_ID, type: 'creatorUT' };
  if (r < 0.19) return { role: 'org_publisher', roleId: undefined, type: pick(rng, PUBLISHER_TYPES) };
  const type = USER_TYPES[pickWeighted(rng, USER_TYPE_WEIGHTS)] ?? 'viewerUT';
  // ArcGIS Online gives Viewer members its pre-built Viewer role.
  return { role: 'org_user', roleId: type === 'viewerUT' ? VIEWER_ROLE_ID : undefined, type };
}

/**
 * Username and email bases of seeded names, one string per name pair: the registries look them up
 * by a string whose hash is already known, instead of a fresh one per member.
 */
const seededBases = new Map<string, Map<string, { username: string; email: string }>>();
let seededBaseCount = 0;

function seededBase(firstName: string, lastName: string): { username: string; email: string } {
  let byLast = seededBases.get(firstName);
  if (!byLast) {
    byLast = new Map();
    seededBases.set(firstName, byLast);
  }
  let base = byLast.get(lastName);
  if (!base) {
    const first = asciiSlug(firstName);
    const last = asciiSlug(lastName);
    base = { username: `${first.slice(0, 1)}${last}`, email: `${first}.${last}` };
    // Seeded names make ≈ 25,000 pairs; names given to added members are not kept past 50,000.
    if (seededBaseCount++ < 50_000) byLast.set(lastName, base);
  }
  return base;
}

/** Builds member `index` (seeded or added); `spec` overrides generated fields. */
export function createMember(
  ctx: MemberContext,
  index: number,
  spec: MemberSpec = {},
  demoPassword?: string,
): Member {
  const rng = rngFor(ctx.seed, index, 0x3e3b);
  const firstName = spec.firstName ?? pick(rng, FIRST_NAMES);
  const lastName = spec.lastName ?? pick(rng, LAST_NAMES);
  const generated = randomRoleAndType(rng);
  const role = spec.role ?? generated.role;
  let roleId = spec.role || spec.roleId ? spec.roleId : generated.roleId;
  let type = spec.userLicenseTypeId ?? generated.type;
  if (type === 'viewerUT' && role !== 'org_user') type = 'creatorUT';
  if (roleId === VIEWER_ROLE_ID && type !== 'viewerUT') roleId = undefined;
  const today = startOfUtcDay(ctx.now);
  const created =
    spec.created ?? today - Math.floor(rng() * 6 * 365 * DAY_MS) - 3 * DAY_MS - Math.floor(rng() * DAY_MS);
  let lastLogin: number;
  const l = rng();
  if (spec.lastLogin !== undefined) lastLogin = spec.lastLogin;
  else if (l < 0.08) lastLogin = -1;
  else if (l < 0.88) lastLogin = ctx.now - Math.floor(rng() ** 2 * 60 * DAY_MS);
  else lastLogin = ctx.now - Math.floor((60 + rng() * 400) * DAY_MS);
  if (lastLogin !== -1 && lastLogin < created) lastLogin = created + Math.floor((ctx.now - created) * rng());
  const base = seededBase(firstName, lastName);
  const username = spec.username ?? ctx.usernames.unique(base.username, '_demo');
  if (spec.username) ctx.usernames.add(spec.username);
  const email = spec.email ?? `${ctx.emails.unique(base.email, '')}@${ctx.identity.domain}`;
  const profile = makeProfile(rng, type, lastLogin !== -1);
  const modified = created + Math.floor((Math.max(lastLogin, created) - created) * rng());
  const storageUsage = type === 'viewerUT' ? 0 : Math.floor(rng() ** 3 * 2_000_000_000);
  return new Member(
    ctx.seed,
    index,
    username,
    firstName,
    lastName,
    email,
    role,
    roleId,
    type,
    created,
    modified,
    lastLogin,
    storageUsage,
    demoPassword,
    { cap: -1, start: created },
    profile,
  );
}

// ---------------------------------------------------------------------------------------------
// Allocations

export const ROUND_CAPS = [
  10, 25, 50, 75, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 1500, 2000, 2500, 3000, 4000, 5000, 7500,
  10_000, 15_000, 20_000, 25_000, 50_000,
];

function smallestCapAtLeast(credits: number): number {
  return ROUND_CAPS.find((c) => c >= credits) ?? Math.ceil(credits / 10_000) * 10_000;
}

/** Allocation start for seeded caps: the 1st of this month (or last month early on), or a recent day. */
function seededStart(rng: Rng, now: number, created: number): number {
  let start: number;
  if (rng() < 0.6) {
    start = startOfUtcMonth(now);
    if (now - start < 7 * DAY_MS) start = startOfUtcMonth(start - DAY_MS);
  } else {
    start = startOfUtcDay(now) - Math.floor(10 + rng() * 110) * DAY_MS;
  }
  return Math.max(start, startOfUtcDay(created) + DAY_MS);
}

type Category = 'none' | 'comfortable' | 'atRisk' | 'exhausted';

interface Slice {
  events: EventBuffer;
  from: number;
  to: number;
}

function sliceMilliSince(s: Slice, since: number): number {
  let sum = 0;
  for (let i = s.from; i < s.to; i++)
    if (s.events.time(i) >= since && s.events.stype[i]! < BUDGETED_STYPES) sum += s.events.milli[i]!;
  return sum;
}

/** Picks a seeded allocation for a member whose raw events are in `slice`; trims/scales them to fit. */
function seedAllocation(rng: Rng, member: Member, slice: Slice, now: number, forced?: Category): Allocation {
  const roll = rng();
  const start = seededStart(rng, now, member.created);
  let used = sliceMilliSince(slice, start) / 1000;
  let category: Category = forced ?? (roll < 0.55 ? 'none' : 'comfortable');
  if (!forced && category === 'comfortable' && used > 0) {
    const r = rng();
    // Most capped members used nothing yet this period, so these odds are high to land near
    // ~10% at risk and ~4% exhausted across all capped members.
    if (r < 0.15) category = 'exhausted';
    else if (r < 0.55) category = 'atRisk';
  }
  if (category === 'none') return { cap: -1, start };
  if (category === 'exhausted') {
    const cap = [...ROUND_CAPS].reverse().find((c) => c <= used * 0.85) ?? 0;
    let room = cap * 1000;
    for (let i = slice.from; i < slice.to; i++) {
      if (slice.events.time(i) < start || slice.events.stype[i]! >= BUDGETED_STYPES) continue;
      const milli = slice.events.milli[i]!;
      const kept = Math.min(milli, room);
      room -= kept;
      if (kept < milli) {
        slice.events.num[i] = milli > 0 ? Math.floor((slice.events.num[i]! * kept) / milli) : 0;
        slice.events.milli[i] = kept;
      }
    }
    return { cap, start };
  }
  if (category === 'atRisk' && used > 0) {
    const target = 0.8 + rng() * 0.17;
    const direct = ROUND_CAPS.find((c) => used / c >= 0.8 && used / c < 0.98);
    if (direct !== undefined) return { cap: direct, start };
    const cap = smallestCapAtLeast(used / 0.9);
    const factor = (cap * target) / used;
    for (let i = slice.from; i < slice.to; i++) {
      if (slice.events.time(i) < start || slice.events.stype[i]! >= BUDGETED_STYPES) continue;
      slice.events.milli[i] = Math.floor(slice.events.milli[i]! * factor);
      slice.events.num[i] = Math.max(1, Math.round(slice.events.num[i]! * factor));
    }
    used = sliceMilliSince(slice, start) / 1000;
    return { cap, start };
  }
  // Comfortable: well below the cap.
  if (used <= 0) return { cap: pick(rng, [50, 100, 100, 200, 250, 500]), start };
  return { cap: smallestCapAtLeast(Math.max(25, used / (0.1 + rng() * 0.6))), start };
}

// ---------------------------------------------------------------------------------------------
// Event buffer used while seeding (member-major order)

class EventBuffer {
  length = 0;
  day = new Int32Array(0);
  hour = new Uint8Array(0);
  stype = new Uint8Array(0);
  member = new Uint32Array(0);
  milli = new Uint32Array(0);
  num = new Uint32Array(0);
  constructor(
    capacity: number,
    private readonly baseDay: number,
  ) {
    this.resize(capacity);
  }

  private resize(capacity: number): void {
    const grow = <T extends Int32Array | Uint8Array | Uint32Array>(old: T, next: T): T => {
      next.set(old.subarray(0, this.length));
      return next;
    };
    this.day = grow(this.day, new Int32Array(capacity));
    this.hour = grow(this.hour, new Uint8Array(capacity));
    this.stype = grow(this.stype, new Uint8Array(capacity));
    this.member = grow(this.member, new Uint32Array(capacity));
    this.milli = grow(this.milli, new Uint32Array(capacity));
    this.num = grow(this.num, new Uint32Array(capacity));
  }

  push(relDay: number, hour: number, stype: number, member: number, milli: number, num: number): void {
    if (this.length === this.day.length) this.resize(Math.ceil(this.length * 1.6) + 1024);
    const i = this.length++;
    this.day[i] = relDay;
    this.hour[i] = hour;
    this.stype[i] = stype;
    this.member[i] = member;
    this.milli[i] = milli;
    this.num[i] = num;
  }

  time(i: number): number {
    return (this.baseDay + this.day[i]!) * DAY_MS + this.hour[i]! * HOUR_MS;
  }
}

// ---------------------------------------------------------------------------------------------
// The whole org

export interface SeedParams {
  members: number;
  seed: number;
  now: number;
}

export interface SeedOrg {
  identity: OrgIdentity;
  members: Member[];
  ledger: UsageLedger;
  anchorDay: number;
  purchasedMilli: number;
  usernames: UsernameRegistry;
  emails: UsernameRegistry;
}

export function memberContext(
  seed: number,
  now: number,
  identity: OrgIdentity,
  usernames: UsernameRegistry,
  emails: UsernameRegistry,
): MemberContext {
  return { seed, now, identity, usernames, emails };
}

export function buildSeedOrg(params: SeedParams): SeedOrg {
  const { seed, now } = params;
  const count = Math.max(3, Math.floor(params.members));
  const identity = orgIdentity(seed);
  const anchorDay = dayIndex(now);
  const firstDay = anchorDay - HISTORY_DAYS;
  const usernames = new UsernameRegistry();
  const emails = new UsernameRegistry();
  const ctx = memberContext(seed, now, identity, usernames, emails);
  const factors = new Float64Array(HISTORY_DAYS);
  for (let d = 0; d < HISTORY_DAYS; d++) factors[d] = dayFactor(firstDay + d, anchorDay);

  const events = new EventBuffer(count * 24 + HISTORY_DAYS, firstDay);
  const members: Member[] = [];
  const today = startOfUtcDay(now);
  for (let i = 0; i < count; i++) {
    const demo = DEMO_ACCOUNTS[i];
    let member: Member;
    if (demo) {
      member = createMember(
        ctx,
        i,
        {
          ...demo,
          email: `${asciiSlug(demo.firstName)}.${asciiSlug(demo.lastName)}@${identity.domain}`,
          created: today - (1900 - i * 300) * DAY_MS + 9 * HOUR_MS,
          lastLogin: now - (i + 1) * 3 * HOUR_MS,
        },
        DEMO_PASSWORD,
      );
      emails.add(`${asciiSlug(demo.firstName)}.${asciiSlug(demo.lastName)}`);
      if (demo.username === 'demo_member') member.profile = { ...member.profile, rate: 0.12, intensity: 1.2 };
    } else {
      member = createMember(ctx, i, {});
    }
    const from = events.length;
    const createdDay = dayIndex(member.created);
    if (member.profile.rate > 0) {
      const startDay = Math.max(firstDay, createdDay + 1);
      // The day loop runs ~400 times per member and most days are quiet: the quiet test
      // (generateMemberDay's first step) runs here on a hash prefix, with one emitter per member.
      let relDay = 0;
      const emit: EmitEvent = (hour, stype, milli, num) => events.push(relDay, hour, stype, i, milli, num);
      const prefix = hash32Prefix(seed ^ 0x0d15ea5e, i);
      const rate = member.profile.rate;
      for (let day = startDay; day < anchorDay; day++) {
        relDay = day - firstDay;
        const factor = factors[relDay]!;
        if (hash32From(prefix, day - anchorDay + 1_000_000) / 4294967296 >= rate * factor) continue;
        generateMemberDay(seed, i, member.profile, day, anchorDay, factor, emit);
      }
    }
    const allocRng = rngFor(seed, i, 0xa110c);
    const forced: Category | undefined = demo
      ? demo.username === 'demo_member'
        ? 'atRisk'
        : 'none'
      : undefined;
    member.allocation = seedAllocation(allocRng, member, { events, from, to: events.length }, now, forced);
    members.push(member);
  }
  for (let day = firstDay; day < anchorDay; day++) {
    const s = storageDay(seed, count, day, anchorDay);
    events.push(day - firstDay, 0, STORAGE_STYPE, NO_MEMBER, s.milli, s.num);
  }
  const ledger = new UsageLedger(firstDay);
  ledger.loadUnsorted(HISTORY_DAYS, events, events.length);
  const remainingShare = 0.15 + (hash32(seed, 0xba1) / 4294967296) * 0.2;
  const purchasedMilli = Math.ceil((ledger.totalMilli * (1 + remainingShare)) / 1_000_000) * 1_000_000;
  return { identity, members, ledger, anchorDay, purchasedMilli, usernames, emails };
}
