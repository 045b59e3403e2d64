import type { Account, AccountDirectory } from '../auth/accounts.ts';
import { canManageCredits } from '../auth/accounts.ts';
import { DAY_MS, DemoClock, HOUR_MS } from './clock.ts';
import { badRequest, PortalError } from './errors.ts';
import type { Allocation, Member, Role, UserLicenseType } from './member.ts';
import { USER_LICENSE_TYPES } from './member.ts';
import type { MemberSpec, OrgIdentity, UsernameRegistry } from './seed.ts';
import {
  buildSeedOrg,
  createMember,
  dayFactor,
  DEFAULT_MEMBERS,
  DEFAULT_SEED,
  generateMemberDay,
  memberContext,
  storageDay,
} from './seed.ts';
import type { UsageLedger, UsagePeriod } from './usage.ts';
import {
  bucketStarts,
  BUDGETED_STYPES,
  ETYPE,
  MAX_USAGE_BUCKETS,
  NO_MEMBER,
  SERVICE_TYPES,
  STORAGE_STYPE,
} from './usage.ts';
import type { ListFilters, PageRequest } from './user-query.ts';
import { compileSearch, filtersQuery, MemberIndex } from './user-query.ts';

/**
 * The demo organization: members, allocations, settings, usage and the demo clock. Pure domain
 * logic (no HTTP): the REST routes are thin adapters over these methods.
 */

export const MAX_BATCH = 100;
export const CURRENT_VERSION = '2025.1';
export const MAX_TOKEN_EXPIRATION_MINUTES = 20160;

export interface OrgSettings {
  creditAssignments: 'enabled' | 'disabled';
  /** -1 = new members get no limit. */
  defaultUserCreditAssignment: number;
}

const DEFAULT_SETTINGS: OrgSettings = { creditAssignments: 'enabled', defaultUserCreditAssignment: 100 };

/** A member added at runtime, as persisted. */
export interface AddedMember {
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  roleId?: string;
  userLicenseTypeId: UserLicenseType;
  created: number;
  allocation: Allocation;
}

/** Everything that differs from the seed: what the store persists. */
export interface OrgChanges {
  settings: OrgSettings;
  /** Added to the seed's purchased credits (demo control "set balance"). */
  purchasedDeltaMilli: number;
  /** Allocation overrides of seeded members, by username. */
  allocations: Record<string, Allocation>;
  added: AddedMember[];
  advancedDays: number;
}

export interface OrgModelOptions {
  members?: number;
  seed?: number;
  now?: () => number;
}

export interface UserViewOptions {
  privileges: boolean;
  email: boolean;
  credits: boolean;
}

export type UserJson = Record<string, unknown> & { username: string };

export interface UserPage {
  total: number;
  start: number;
  num: number;
  nextStart: number;
  users: UserJson[];
}

export interface UserSearchPage {
  query: string;
  total: number;
  start: number;
  num: number;
  nextStart: number;
  results: UserJson[];
}

export interface SubscriptionInfo {
  id: string;
  type: string;
  options: string[];
  state: 'active';
  expDate: number;
  userLicenseTypes: Record<string, number>;
  maxUsersPerLevel: Record<string, number>;
  maxUsers: number;
  availableCredits: number;
  orgCapabilities: string[];
}

export interface UsageRequest {
  startTime: number;
  endTime: number;
  period: UsagePeriod;
  /** Requested series; only `credits` and `num` are produced. */
  vars: readonly string[];
  /** Among stype, etype, username, userorgid (case-insensitive; others ignored). */
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

export interface MemberCredits {
  /** -1 = no limit. */
  assignedCredits: number;
  availableCredits: number;
  /** Budgeted credits used since the allocation was set (0 for no limit). */
  usedCredits: number;
  allocationStart: number;
}

type ChangeListener = () => void;

export class OrgModel implements AccountDirectory {
  readonly seed: number;
  readonly seedMembers: number;
  private readonly clock: DemoClock;
  private identityValue!: OrgIdentity;
  private membersList: Member[] = [];
  private byUsername = new Map<string, Member>();
  private ledger!: UsageLedger;
  private anchorDay = 0;
  private purchasedMilli = 0;
  private purchasedDeltaMilli = 0;
  private settings: OrgSettings = { ...DEFAULT_SETTINGS };
  private overrides = new Map<string, Allocation>();
  private addedMembers: Member[] = [];
  private usernames!: UsernameRegistry;
  private emails!: UsernameRegistry;
  private readonly index = new MemberIndex(() => this.membersList);
  private readonly listeners = new Set<ChangeListener>();

  constructor(options: OrgModelOptions = {}) {
    this.seed = options.seed ?? DEFAULT_SEED;
    this.seedMembers = Math.max(3, Math.floor(options.members ?? DEFAULT_MEMBERS));
    this.clock = new DemoClock(options.now ?? Date.now);
    this.build();
  }

  private build(): void {
    const seeded = buildSeedOrg({ members: this.seedMembers, seed: this.seed, now: this.clock.realNow() });
    this.identityValue = seeded.identity;
    this.membersList = seeded.members;
    this.byUsername = new Map(seeded.members.map((m) => [m.username.toLowerCase(), m]));
    this.ledger = seeded.ledger;
    this.anchorDay = seeded.anchorDay;
    this.purchasedMilli = seeded.purchasedMilli;
    this.purchasedDeltaMilli = 0;
    this.settings = { ...DEFAULT_SETTINGS };
    this.overrides = new Map();
    this.addedMembers = [];
    this.usernames = seeded.usernames;
    this.emails = seeded.emails;
    this.clock.resetAdvance();
    this.index.invalidate();
  }

  // --- change notification --------------------------------------------------------------------

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  // --- basics ---------------------------------------------------------------------------------

  get identity(): OrgIdentity {
    return this.identityValue;
  }

  get members(): readonly Member[] {
    return this.membersList;
  }

  /** The org's clock (real time plus advanced days). */
  now(): number {
    return this.clock.now();
  }

  get advancedDays(): number {
    return this.clock.advancedDays;
  }

  get budgetingEnabled(): boolean {
    return this.settings.creditAssignments === 'enabled';
  }

  get orgSettings(): Readonly<OrgSettings> {
    return this.settings;
  }

  /** Purchased credits minus all usage (may be negative). */
  get availableCredits(): number {
    return (this.purchasedMilli + this.purchasedDeltaMilli - this.ledger.totalMilli) / 1000;
  }

  findMember(username: string): Member | undefined {
    return this.byUsername.get(username.toLowerCase());
  }

  isAdmin(member: Member): boolean {
    return canManageCredits(member);
  }

  // --- AccountDirectory -----------------------------------------------------------------------

  getAccount(username: string): Account | undefined {
    const m = this.findMember(username);
    return m && { username: m.username, fullName: m.fullName, role: m.role, privileges: m.privileges };
  }

  verifyPassword(username: string, password: string): boolean {
    const m = this.findMember(username);
    return m?.password !== undefined && m.password === password;
  }

  // --- credits --------------------------------------------------------------------------------

  /** A member's allocation figures (regardless of whether budgeting is on). */
  memberCredits(member: Member): MemberCredits {
    const { cap, start } = member.allocation;
    if (cap < 0) {
      return {
        assignedCredits: -1,
        availableCredits: this.availableCredits,
        usedCredits: 0,
        allocationStart: start,
      };
    }
    const usedMilli = this.ledger.memberMilliSince(member.index, this.membersList.length, start);
    const capMilli = Math.round(cap * 1000);
    return {
      assignedCredits: cap,
      availableCredits: Math.max(0, capMilli - usedMilli) / 1000,
      usedCredits: usedMilli / 1000,
      allocationStart: start,
    };
  }

  // --- views ----------------------------------------------------------------------------------

  userView(m: Member, opts: UserViewOptions): UserJson {
    const user: UserJson = {
      username: m.username,
      id: m.id,
      fullName: m.fullName,
      firstName: m.firstName,
      lastName: m.lastName,
    };
    if (opts.email) user.email = m.email;
    user.userType = 'arcgisonly';
    user.role = m.role;
    if (m.roleId) user.roleId = m.roleId;
    if (opts.privileges) user.privileges = [...m.privileges];
    user.level = m.level;
    user.userLicenseTypeId = m.userLicenseTypeId;
    user.disabled = false;
    user.provider = 'arcgis';
    user.access = 'org';
    user.orgId = this.identityValue.id;
    user.lastLogin = m.lastLogin;
    user.created = m.created;
    user.modified = m.modified;
    user.mfaEnabled = false;
    user.storageUsage = m.storageUsage;
    user.storageQuota = m.storageQuota;
    if (opts.credits && this.budgetingEnabled) {
      const credits = this.memberCredits(m);
      user.assignedCredits = credits.assignedCredits;
      user.availableCredits = credits.availableCredits;
    }
    user.groups = [];
    user.tags = [];
    user.culture = 'en-US';
    user.region = 'US';
    user.units = 'english';
    user.thumbnail = null;
    return user;
  }

  /** The full view of a member for themselves or an admin. */
  private fullView(m: Member): UserJson {
    return this.userView(m, { privileges: true, email: true, credits: true });
  }

  private listView(m: Member, caller: Member): UserJson {
    const full = this.isAdmin(caller) || m === caller;
    return this.userView(m, { privileges: false, email: full, credits: full });
  }

  /** `community/users/<username>`: self or admins only. */
  getUser(username: string, caller: Member): UserJson {
    const m = this.findMember(username);
    if (!m) throw new PortalError(400, 'User not found.', ['User not found.'], 'COM_0003');
    if (m !== caller && !this.isAdmin(caller)) throw forbidden();
    return this.fullView(m);
  }

  selfView(caller: Member): UserJson {
    return this.fullView(caller);
  }

  subscriptionInfo(): SubscriptionInfo {
    const counts: Record<string, number> = {};
    for (const t of USER_LICENSE_TYPES) counts[t] = 0;
    for (const m of this.membersList) counts[m.userLicenseTypeId] = (counts[m.userLicenseTypeId] ?? 0) + 1;
    const userLicenseTypes: Record<string, number> = {};
    let level1 = 0;
    let level2 = 0;
    for (const t of USER_LICENSE_TYPES) {
      const capacity = Math.ceil(((counts[t] ?? 0) * 1.08) / 5) * 5;
      userLicenseTypes[t] = capacity;
      if (t === 'viewerUT') level1 += capacity;
      else level2 += capacity;
    }
    // An annual subscription, renewed on time: it ends ≈ 5 months after the seed's "today" (end of
    // that UTC day), then a year later each time the org's clock (demo clock included) passes the end.
    const firstEnd = (this.anchorDay + 153) * DAY_MS - 1000;
    const renewals = Math.max(0, Math.ceil((this.now() - firstEnd) / (365 * DAY_MS)));
    return {
      id: this.identityValue.subscriptionId,
      type: 'Annual Subscription',
      options: [],
      state: 'active',
      expDate: firstEnd + renewals * 365 * DAY_MS,
      userLicenseTypes,
      maxUsersPerLevel: { '1': level1, '2': level2 },
      maxUsers: level1 + level2,
      availableCredits: this.availableCredits,
      orgCapabilities: [],
    };
  }

  /** `portals/self`: anonymous (no caller) or signed-in view. */
  orgView(caller: Member | undefined, portalHostname: string): Record<string, unknown> {
    const id = this.identityValue;
    const view: Record<string, unknown> = {
      id: id.id,
      name: id.name,
      urlKey: id.urlKey,
      customBaseUrl: id.customBaseUrl,
      portalHostname,
      isPortal: false,
      portalMode: 'multitenant',
      portalName: 'ArcGIS Online',
      currentVersion: CURRENT_VERSION,
      supportsOAuth: true,
      allSSL: true,
      authorizedCrossOriginNoCorsDomains: [],
      maxTokenExpirationMinutes: MAX_TOKEN_EXPIRATION_MINUTES,
      culture: 'en-US',
      region: 'US',
      units: 'english',
    };
    if (!caller) return view;
    return {
      ...view,
      availableCredits: this.availableCredits,
      creditAssignments: this.settings.creditAssignments,
      defaultUserCreditAssignment: this.settings.defaultUserCreditAssignment,
      subscriptionInfo: this.subscriptionInfo(),
      user: this.fullView(caller),
    };
  }

  listUsers(req: PageRequest & { filters: ListFilters }, caller: Member): UserPage {
    const { total, members } = this.index.page(filtersQuery(req.filters), req);
    return {
      total,
      start: req.start,
      num: members.length,
      nextStart: nextStart(req, total),
      users: members.map((m) => this.listView(m, caller)),
    };
  }

  searchUsers(req: PageRequest & { q: string; filter?: string }, caller: Member): UserSearchPage {
    const orgId = this.identityValue.id;
    const query = [...compileSearch(req.q, orgId), ...(req.filter ? compileSearch(req.filter, orgId) : [])];
    const { total, members } = this.index.page(query, req);
    return {
      query: req.q,
      total,
      start: req.start,
      num: members.length,
      nextStart: nextStart(req, total),
      results: members.map((m) => this.listView(m, caller)),
    };
  }

  // --- mutations ------------------------------------------------------------------------------

  private requireBudgeting(operation: string): void {
    if (!this.budgetingEnabled) {
      throw badRequest(
        `Credit budgeting is not enabled for this organization; ${operation} is not allowed. Enable it first (portals/self/update creditAssignments=enabled).`,
      );
    }
  }

  /**
   * `assignUserCredits`. Validates the whole batch before applying anything. credits -1 is
   * accepted as "no limit" (same as unassign). A new allocation starts a new period.
   */
  assign(assignments: readonly { username: string; credits: number }[]): {
    success: true;
    notAssignedUsers: string[];
  } {
    this.requireBudgeting('assignUserCredits');
    if (assignments.length === 0)
      throw badRequest("Invalid 'userAssignments': at least one {username, credits} entry is required.");
    if (assignments.length > MAX_BATCH) {
      throw badRequest(
        `Invalid 'userAssignments': ${assignments.length} entries; at most ${MAX_BATCH} users per request.`,
      );
    }
    assignments.forEach((a, i) => {
      if (!Number.isFinite(a.credits) || (a.credits < 0 && a.credits !== -1)) {
        throw badRequest(
          `Invalid 'userAssignments' entry ${i + 1} (${a.username}): credits must be a number ≥ 0 (or -1 for no limit), got ${String(a.credits)}.`,
        );
      }
    });
    const now = this.now();
    const notAssignedUsers: string[] = [];
    for (const a of assignments) {
      const m = this.findMember(a.username);
      if (!m) {
        notAssignedUsers.push(a.username);
        continue;
      }
      this.setAllocation(m, { cap: a.credits === -1 ? -1 : a.credits, start: now });
    }
    this.changed();
    return { success: true, notAssignedUsers };
  }

  /**
   * `unassignUserCredits`: members become "no limit". Like assign, it is refused while budgeting
   * is disabled (ArcGIS Online's behaviour is undocumented; consistent with PRODUCT.md).
   */
  unassign(usernames: readonly string[]): { success: true; notUnAssignedUsers: string[] } {
    this.requireBudgeting('unassignUserCredits');
    if (usernames.length === 0) throw badRequest("Invalid 'usernames': at least one username is required.");
    if (usernames.length > MAX_BATCH) {
      throw badRequest(
        `Invalid 'usernames': ${usernames.length} entries; at most ${MAX_BATCH} users per request.`,
      );
    }
    const now = this.now();
    const notUnAssignedUsers: string[] = [];
    for (const u of usernames) {
      const m = this.findMember(u);
      if (!m) notUnAssignedUsers.push(u);
      else this.setAllocation(m, { cap: -1, start: now });
    }
    this.changed();
    return { success: true, notUnAssignedUsers };
  }

  private setAllocation(m: Member, allocation: Allocation): void {
    m.allocation = allocation;
    if (!m.added) this.overrides.set(m.username, allocation);
  }

  /** `portals/self/update`: validates everything, then applies. */
  updateSettings(patch: { creditAssignments?: string; defaultUserCreditAssignment?: number }): {
    success: true;
  } {
    let creditAssignments: OrgSettings['creditAssignments'] | undefined;
    if (patch.creditAssignments !== undefined) {
      const v = patch.creditAssignments.toLowerCase();
      if (v !== 'enabled' && v !== 'disabled') {
        throw badRequest(
          `Invalid 'creditAssignments' value "${patch.creditAssignments}": use "enabled" or "disabled".`,
        );
      }
      creditAssignments = v;
    }
    const d = patch.defaultUserCreditAssignment;
    if (d !== undefined && (!Number.isFinite(d) || (d < 0 && d !== -1))) {
      throw badRequest(
        `Invalid 'defaultUserCreditAssignment' value ${String(d)}: use a number ≥ 0, or -1 for no limit.`,
      );
    }
    if (creditAssignments === 'enabled' && !this.budgetingEnabled && this.availableCredits <= 0) {
      throw badRequest(
        `Credit budgeting cannot be enabled while the organization's available credits are ${this.availableCredits} (must be more than 0). Purchase credits first.`,
      );
    }
    if (creditAssignments !== undefined) this.settings = { ...this.settings, creditAssignments };
    if (d !== undefined) this.settings = { ...this.settings, defaultUserCreditAssignment: d };
    this.changed();
    return { success: true };
  }

  /** Demo/test control: sets the org balance by adjusting purchased credits. */
  setAvailableCredits(credits: number): void {
    if (!Number.isFinite(credits)) throw badRequest('credits must be a finite number');
    this.purchasedDeltaMilli += Math.round(credits * 1000) - Math.round(this.availableCredits * 1000);
    this.changed();
  }

  /** Adds a member now; they get the current default allocation (-1 → no limit). */
  addMember(spec: MemberSpec = {}): Member {
    if (spec.username !== undefined) {
      if (!/^[A-Za-z0-9_.@-]{3,128}$/.test(spec.username))
        throw badRequest(`Invalid 'username' "${spec.username}".`);
      if (this.usernames.has(spec.username))
        throw badRequest(`Username "${spec.username}" is already taken.`);
    }
    const now = this.now();
    const def = this.settings.defaultUserCreditAssignment;
    const m = this.insertMember(spec, { cap: def < 0 ? -1 : def, start: now }, now);
    this.changed();
    return m;
  }

  private insertMember(spec: MemberSpec, allocation: Allocation, now: number): Member {
    const ctx = memberContext(this.seed, now, this.identityValue, this.usernames, this.emails);
    const index = this.membersList.length;
    const m = createMember(ctx, index, { created: now, lastLogin: now, ...spec });
    m.added = true;
    m.allocation = allocation;
    this.membersList.push(m);
    this.addedMembers.push(m);
    this.byUsername.set(m.username.toLowerCase(), m);
    this.index.invalidate();
    return m;
  }

  /**
   * Advances the demo clock by `days` whole days, generating usage for the days that pass from
   * the same per-member profiles. While budgeting is on, capped members stop at their cap.
   */
  advanceDays(days: number): void {
    if (!Number.isInteger(days) || days < 0 || days > 3660)
      throw badRequest(`Invalid 'days' ${days}: use a whole number from 0 to 3660.`);
    this.generateDays(days);
    this.clock.advance(days);
    if (days > 0) this.changed();
  }

  private generateDays(days: number): void {
    const members = this.membersList;
    const count = members.length;
    for (let k = 0; k < days; k++) {
      const absDay = this.ledger.nextDay;
      const dayStart = absDay * DAY_MS;
      // Remaining budget of capped members, computed before this day's events are appended.
      const room = new Map<number, number>();
      if (this.budgetingEnabled) {
        for (const m of members) {
          if (m.allocation.cap < 0 || m.profile.rate <= 0) continue;
          const used = this.ledger.memberMilliSince(m.index, count, m.allocation.start);
          room.set(m.index, Math.max(0, Math.round(m.allocation.cap * 1000) - used));
        }
      }
      const factor = dayFactor(absDay, this.anchorDay);
      for (const m of members) {
        if (m.created >= dayStart + DAY_MS) continue;
        generateMemberDay(
          this.seed,
          m.index,
          m.profile,
          absDay,
          this.anchorDay,
          factor,
          (hour, stype, milli, num) => {
            const t = dayStart + hour * HOUR_MS;
            if (t < m.created) return;
            const left = room.get(m.index);
            if (left !== undefined && t >= m.allocation.start && stype < BUDGETED_STYPES) {
              const kept = Math.min(milli, left);
              room.set(m.index, left - kept);
              if (kept === 0) return;
              this.ledger.push(
                absDay,
                hour,
                stype,
                m.index,
                kept,
                kept < milli ? Math.floor((num * kept) / milli) : num,
              );
              return;
            }
            this.ledger.push(absDay, hour, stype, m.index, milli, num);
          },
        );
      }
      const s = storageDay(this.seed, this.seedMembers, absDay, this.anchorDay);
      this.ledger.push(absDay, 0, STORAGE_STYPE, NO_MEMBER, s.milli, s.num);
      this.ledger.sealDaysBefore(absDay + 1);
    }
  }

  /** Starts over from the seed (today's anchor), dropping every change. */
  resetToSeed(): void {
    this.build();
    this.changed();
  }

  // --- persistence ----------------------------------------------------------------------------

  exportChanges(): OrgChanges {
    return {
      settings: { ...this.settings },
      purchasedDeltaMilli: this.purchasedDeltaMilli,
      allocations: Object.fromEntries(this.overrides),
      added: this.addedMembers.map((m) => ({
        username: m.username,
        firstName: m.firstName,
        lastName: m.lastName,
        email: m.email,
        role: m.role,
        ...(m.roleId ? { roleId: m.roleId } : {}),
        userLicenseTypeId: m.userLicenseTypeId,
        created: m.created,
        allocation: { ...m.allocation },
      })),
      advancedDays: this.clock.advancedDays,
    };
  }

  /**
   * Applies persisted changes over a freshly seeded org (does not notify listeners). Usage for
   * advanced days is regenerated with the current allocations, so a restored org is coherent but
   * not necessarily identical to the one that was saved.
   */
  importChanges(changes: OrgChanges): void {
    this.settings = { ...changes.settings };
    this.purchasedDeltaMilli = changes.purchasedDeltaMilli;
    for (const a of changes.added) {
      if (this.usernames.has(a.username)) continue;
      const { allocation, ...spec } = a;
      this.insertMember(spec, { ...allocation }, a.created);
    }
    for (const [username, allocation] of Object.entries(changes.allocations)) {
      const m = this.findMember(username);
      if (m && !m.added) this.setAllocation(m, { ...allocation });
    }
    // Caps set after the seed's history started must still hold over regenerated history.
    if (this.budgetingEnabled) {
      for (const m of this.membersList) {
        if (m.allocation.cap >= 0 && (m.added || this.overrides.has(m.username))) {
          this.ledger.enforceCap(
            m.index,
            this.membersList.length,
            m.allocation.start,
            Math.round(m.allocation.cap * 1000),
          );
        }
      }
    }
    if (changes.advancedDays > 0) {
      this.generateDays(changes.advancedDays);
      this.clock.advance(changes.advancedDays);
    }
  }

  // --- usage ----------------------------------------------------------------------------------

  /** `portals/self/usage`: credits/num per bucket, grouped and filtered. */
  usage(req: UsageRequest): UsageResult {
    const { startTime, endTime, period } = req;
    if (!Number.isFinite(startTime) || !Number.isFinite(endTime))
      throw badRequest("Invalid 'startTime'/'endTime': epoch milliseconds required.");
    if (startTime >= endTime)
      throw badRequest(`Invalid 'startTime' ${startTime}: it must be before 'endTime' ${endTime}.`);
    const starts = bucketStarts(startTime, endTime, period);
    if (!starts) {
      throw badRequest(
        `Invalid 'period' ${period} for this range: it would produce more than ${MAX_USAGE_BUCKETS} buckets. Use a longer period or a shorter range.`,
      );
    }
    const vars = new Set(req.vars.map((v) => v.trim().toLowerCase()));
    const groupby = new Set(req.groupby.map((g) => g.trim().toLowerCase()));
    const byUser = groupby.has('username');
    const byOrg = groupby.has('userorgid');
    const f = req.filters ?? {};
    const count = this.membersList.length;
    const orgId = this.identityValue.id;

    let memberFilter: Set<number> | undefined;
    if (f.username && f.username.length > 0) {
      memberFilter = new Set();
      for (const u of f.username) {
        const m = this.findMember(u);
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

    const result = this.ledger.query(
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
        if (byUser) entry.username = this.membersList[g.member]?.username;
        entry.userOrgId = orgId;
      }
      if (g.milli) entry.creditsMilli = g.milli;
      if (g.num) entry.num = g.num;
      return entry;
    });
    return { startTime, endTime, period, bucketStarts: result.bucketStarts, entries };
  }
}

function nextStart(req: PageRequest, total: number): number {
  const next = req.start + req.num;
  return req.num > 0 && next <= total ? next : -1;
}

export function forbidden(): PortalError {
  return new PortalError(
    403,
    'You do not have permissions to access this resource or perform this operation.',
    [],
    'GWM_0003',
  );
}
