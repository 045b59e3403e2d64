import type { Account, AccountDirectory } from '../auth/accounts.ts';
import { canManageCredits } from '../auth/accounts.ts';
import { DAY_MS, DemoClock, HOUR_MS } from './clock.ts';
import { DomainError } from './errors.ts';
import type { StoredItem } from './items.ts';
import { OrgGroups } from './groups.ts';
import { ItemStore } from './items.ts';
import type { StoredNotification } from './notifications.ts';
import { NotificationLog } from './notifications.ts';
import type { Allocation, CustomRole, Member, Role } from './member.ts';
import { customRoles, migrateUserType, USER_LICENSE_TYPES } from './member.ts';
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
import type { UsageLedger } from './usage.ts';
import { BUDGETED_STYPES, NO_MEMBER, STORAGE_STYPE } from './usage.ts';
import type { UsageRequest, UsageResult } from './usage-report.ts';
import { usageReport } from './usage-report.ts';
import type { ListFilters, PageRequest } from './user-query.ts';
import { filtersQuery, MemberIndex } from './user-query.ts';

/**
 * The demo organization: members, allocations, settings, usage and the demo clock. Pure domain
 * logic (no HTTP): the REST routes are thin adapters over these methods.
 */

export const MAX_BATCH = 100;
/**
 * The largest credit amount the org takes anywhere (an allocation, the default allocation, the
 * demo balance). ArcGIS Online documents no maximum; a billion credits is far beyond any real
 * subscription, so anything above it is a mistake.
 */
export const MAX_CREDITS = 1e9;
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
  /** A user type ID; saved states from earlier versions may carry retired demo IDs. */
  userLicenseTypeId: string;
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
  /** Content items by id (absent = none). */
  items?: Record<string, StoredItem>;
  /** Notifications sent, oldest first (absent = none). */
  notifications?: StoredNotification[];
}

export interface OrgModelOptions {
  members?: number;
  seed?: number;
  now?: () => number;
  /** Where notes about loaded state go (e.g. migrations); default console.warn. */
  log?: (message: string) => void;
}

export interface MemberPage {
  total: number;
  members: Member[];
}

/** What the subscription covers: seats per user type, in realistic headroom over the members. */
export interface Subscription {
  id: string;
  expDate: number;
  seatsByUserType: Record<string, number>;
  seatsByLevel: { '1': number; '2': number };
}

export type { UsageEntry, UsageRequest, UsageResult } from './usage-report.ts';

export interface MemberCredits {
  /** -1 = no limit. */
  assignedCredits: number;
  availableCredits: number;
  /** Budgeted credits used since the allocation was set (0 for no limit). */
  usedCredits: number;
  allocationStart: number;
}

/**
 * One change to the org as the store logs it: the scalar settings as they now are, plus the
 * allocations and added members the change touched. Folding records in order over the last
 * snapshot gives the current OrgChanges.
 */
export interface OrgChangeRecord {
  /** The org was started over from the seed before this change. */
  reset?: true;
  settings: OrgSettings;
  purchasedDeltaMilli: number;
  advancedDays: number;
  /** Seeded members' allocations set by this change. */
  allocations: Record<string, Allocation>;
  /** Members added, or whose allocation changed, by this change (as persisted). */
  added: AddedMember[];
  /** Items added or updated by this change; null = deleted. */
  items?: Record<string, StoredItem | null>;
  /** Notifications sent by this change. */
  notifications?: StoredNotification[];
}

type ChangeListener = (change: OrgChangeRecord) => void;

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
  private byId = new Map<string, Member>();
  private readonly log: (message: string) => void;
  /** Members whose allocation or membership changed since the last change record. */
  private touched = new Set<Member>();
  private resetPending = false;
  /** Content items (see items.ts) and notifications sent (see notifications.ts). */
  readonly content = new ItemStore(
    () => this.now(),
    () => this.changed(),
  );
  readonly notifications = new NotificationLog(
    () => this.now(),
    () => this.changed(),
  );
  private groupsValue: OrgGroups | undefined;

  constructor(options: OrgModelOptions = {}) {
    this.log = options.log ?? ((message) => console.warn(message));
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
    this.byId = new Map(seeded.members.map((m) => [m.id, m]));
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
    this.content.clear();
    this.notifications.clear();
  }

  // --- change notification --------------------------------------------------------------------

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    const record = this.takeChangeRecord();
    for (const l of this.listeners) l(record);
  }

  private takeChangeRecord(): OrgChangeRecord {
    const record: OrgChangeRecord = {
      settings: { ...this.settings },
      purchasedDeltaMilli: this.purchasedDeltaMilli,
      advancedDays: this.clock.advancedDays,
      allocations: {},
      added: [],
    };
    if (this.resetPending) record.reset = true;
    for (const m of this.touched) {
      if (!m.added) record.allocations[m.username] = { ...m.allocation };
      else {
        record.added.push(addedMemberRecord(m));
      }
    }
    this.touched.clear();
    this.resetPending = false;
    return Object.assign(record, this.content.takeRecord(), this.notifications.takeRecord());
  }

  // --- basics ---------------------------------------------------------------------------------

  get identity(): OrgIdentity {
    return this.identityValue;
  }

  /** The org's groups, worked out on first use (see groups.ts). */
  get groups(): OrgGroups {
    this.groupsValue ??= new OrgGroups(
      this.seed,
      this.seedMembers,
      () => this.membersList,
      () => this.created,
    );
    return this.groupsValue;
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

  /** A member by user id (ArcGIS ids are 32 hex digits) or, failing that, by username. */
  findMemberByIdOrUsername(key: string): Member | undefined {
    return this.byId.get(key.toLowerCase()) ?? this.findMember(key);
  }

  isAdmin(member: Member): boolean {
    return canManageCredits(member);
  }

  /** Whether `caller` sees `member`'s email and credits (themselves, or a credit administrator). */
  seesPrivateFields(caller: Member, member: Member): boolean {
    return member === caller || this.isAdmin(caller);
  }

  /** When the organization was created: a month before its first member. */
  get created(): number {
    let first = Number.POSITIVE_INFINITY;
    for (const m of this.membersList) if (m.created < first) first = m.created;
    return Math.floor((first - 30 * DAY_MS) / DAY_MS) * DAY_MS;
  }

  /** The org's custom roles (built-in roles are not listed, as on ArcGIS Online). */
  get customRoles(): CustomRole[] {
    return customRoles(this.created);
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
    // The cap keeps its full precision (ArcGIS takes e.g. 9914.6529): what is left is computed
    // from it, never from a rounded copy, so it can never read above the cap.
    const left = Number((cap - usedMilli / 1000).toFixed(6));
    return {
      assignedCredits: cap,
      availableCredits: Math.max(0, Math.min(cap, left)),
      usedCredits: usedMilli / 1000,
      allocationStart: start,
    };
  }

  // --- queries ------------------------------------------------------------------------------

  /** Seats per user type and level: the members of each type plus ≈ 8 % headroom, in fives. */
  subscription(): Subscription {
    const counts = this.userTypeCounts();
    const seatsByUserType: Record<string, number> = {};
    let level1 = 0;
    let level2 = 0;
    for (const t of USER_LICENSE_TYPES) {
      const capacity = Math.ceil(((counts.get(t) ?? 0) * 1.08) / 5) * 5;
      seatsByUserType[t] = capacity;
      if (t === 'viewerUT') level1 += capacity;
      else level2 += capacity;
    }
    // An annual subscription, renewed on time: it ends ≈ 5 months after the seed's "today" (end of
    // that UTC day), then a year later each time the org's clock (demo clock included) passes the end.
    const firstEnd = (this.anchorDay + 153) * DAY_MS - 1000;
    const renewals = Math.max(0, Math.ceil((this.now() - firstEnd) / (365 * DAY_MS)));
    return {
      id: this.identityValue.subscriptionId,
      expDate: firstEnd + renewals * 365 * DAY_MS,
      seatsByUserType,
      seatsByLevel: { '1': level1, '2': level2 },
    };
  }

  /** Members per user type. */
  userTypeCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.membersList)
      counts.set(m.userLicenseTypeId, (counts.get(m.userLicenseTypeId) ?? 0) + 1);
    return counts;
  }

  /** Members per role key: the custom role id when there is one, else the built-in role. */
  roleCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.membersList) {
      const key = m.roleId ?? m.role;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  /** Matching runs in slices that let other requests through. */
  listMembers(req: PageRequest & { filters: ListFilters }): Promise<MemberPage> {
    return this.index.pageInSlices(filtersQuery(req.filters), req);
  }

  /** `q` and `filter` compiled once and their matches kept for the next pages. */
  searchMembers(req: PageRequest & { q: string; filter?: string }): Promise<MemberPage> {
    return this.index.search(req, this.identityValue.id);
  }

  // --- mutations ------------------------------------------------------------------------------

  private requireBudgeting(): void {
    if (!this.budgetingEnabled) {
      throw new DomainError('budgeting-disabled', 'Credit budgeting is not enabled for this organization.');
    }
  }

  /**
   * Sets allocations (credits -1 = no limit). The whole batch is checked before anything is
   * applied; unknown usernames are reported back, not refused. A new allocation starts a new period.
   */
  assign(assignments: readonly { username: string; credits: number }[]): { notAssigned: string[] } {
    this.requireBudgeting();
    checkBatch(
      assignments.map((a) => a.username),
      true,
    );
    for (const a of assignments) {
      if (!isCreditAmount(a.credits, true)) {
        throw new DomainError(
          'invalid-amount',
          `${a.username}: ${String(a.credits)} is not an allocation (0 to ${MAX_CREDITS}, or -1 for no limit).`,
        );
      }
    }
    const now = this.now();
    const notAssigned: string[] = [];
    for (const a of assignments) {
      const m = this.findMember(a.username);
      if (!m) {
        notAssigned.push(a.username);
        continue;
      }
      this.setAllocation(m, { cap: a.credits === -1 ? -1 : a.credits, start: now });
    }
    this.changed();
    return { notAssigned };
  }

  /**
   * Members become "no limit". Like assign, it is refused while budgeting is disabled (ArcGIS
   * Online's behaviour is undocumented; consistent with PRODUCT.md).
   */
  unassign(usernames: readonly string[]): { notUnassigned: string[] } {
    this.requireBudgeting();
    checkBatch(usernames, false);
    const now = this.now();
    const notUnassigned: string[] = [];
    for (const u of usernames) {
      const m = this.findMember(u);
      if (!m) notUnassigned.push(u);
      else this.setAllocation(m, { cap: -1, start: now });
    }
    this.changed();
    return { notUnassigned };
  }

  private setAllocation(m: Member, allocation: Allocation): void {
    m.allocation = allocation;
    this.touched.add(m);
    if (!m.added) this.overrides.set(m.username, allocation);
  }

  /** Budgeting on/off and the default allocation: checks everything, then applies. */
  updateSettings(patch: Partial<OrgSettings>): void {
    const { creditAssignments, defaultUserCreditAssignment: d } = patch;
    if (d !== undefined && !isCreditAmount(d, true)) {
      throw new DomainError(
        'invalid-amount',
        `${String(d)} is not a default allocation (0 to ${MAX_CREDITS}, or -1 for no limit).`,
      );
    }
    if (creditAssignments === 'enabled' && !this.budgetingEnabled && this.availableCredits <= 0) {
      throw new DomainError(
        'budgeting-needs-credits',
        `Credit budgeting cannot be enabled while the organization's available credits are ${this.availableCredits} (must be more than 0). Purchase credits first.`,
      );
    }
    if (creditAssignments !== undefined) this.settings = { ...this.settings, creditAssignments };
    if (d !== undefined) this.settings = { ...this.settings, defaultUserCreditAssignment: d };
    this.changed();
  }

  /** Demo/test control: sets the org balance by adjusting purchased credits. */
  setAvailableCredits(credits: number): void {
    if (!Number.isFinite(credits) || Math.abs(credits) > MAX_CREDITS) {
      throw new DomainError(
        'invalid-amount',
        `The balance must be a number from -${MAX_CREDITS} to ${MAX_CREDITS}.`,
      );
    }
    this.purchasedDeltaMilli += Math.round(credits * 1000) - Math.round(this.availableCredits * 1000);
    this.changed();
  }

  /** Adds a member now; they get the current default allocation (-1 → no limit). */
  addMember(spec: MemberSpec = {}): Member {
    if (spec.username !== undefined) {
      if (!/^[A-Za-z0-9_.@-]{3,128}$/.test(spec.username))
        throw new DomainError('invalid-username', `"${spec.username}" is not a valid username.`);
      if (this.usernames.has(spec.username))
        throw new DomainError('username-taken', `Username "${spec.username}" is already taken.`);
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
    this.touched.add(m);
    this.byUsername.set(m.username.toLowerCase(), m);
    this.byId.set(m.id, m);
    this.index.add(m);
    return m;
  }

  /**
   * Advances the demo clock by `days` whole days, generating usage for the days that pass from
   * the same per-member profiles. While budgeting is on, capped members stop at their cap.
   */
  advanceDays(days: number): void {
    if (!Number.isInteger(days) || days < 0 || days > 3660)
      throw new DomainError('invalid-days', `${days} is not a whole number of days from 0 to 3660.`);
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
          room.set(m.index, Math.max(0, capMilliOf(m.allocation.cap) - used));
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
    this.touched.clear();
    this.resetPending = true;
    this.changed();
  }

  // --- persistence ----------------------------------------------------------------------------

  exportChanges(): OrgChanges {
    return {
      settings: { ...this.settings },
      purchasedDeltaMilli: this.purchasedDeltaMilli,
      allocations: Object.fromEntries(this.overrides),
      added: this.addedMembers.map(addedMemberRecord),
      advancedDays: this.clock.advancedDays,
      ...this.content.export(),
      ...this.notifications.export(),
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
    this.content.import(changes.items);
    this.notifications.import(changes.notifications);
    const migrated = new Map<string, number>();
    for (const a of changes.added) {
      if (this.usernames.has(a.username)) continue;
      const { allocation, userLicenseTypeId: saved, ...spec } = a;
      const type = migrateUserType(saved) ?? 'creatorUT';
      if (type !== saved) migrated.set(`${saved} → ${type}`, (migrated.get(`${saved} → ${type}`) ?? 0) + 1);
      this.insertMember({ ...spec, userLicenseTypeId: type }, { ...allocation }, a.created);
    }
    if (migrated.size > 0) {
      const list = [...migrated].map(([change, n]) => `${change} (${n})`).join(', ');
      this.log(`[demo-portal] Saved state used retired user type IDs; migrated to ArcGIS Online's: ${list}.`);
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
            capMilliOf(m.allocation.cap),
          );
        }
      }
    }
    if (changes.advancedDays > 0) {
      this.generateDays(changes.advancedDays);
      this.clock.advance(changes.advancedDays);
    }
    this.touched.clear();
  }

  // --- usage ----------------------------------------------------------------------------------

  /** Credits and counts per bucket, grouped and filtered (see usage-report.ts). */
  usage(req: UsageRequest): UsageResult {
    return usageReport(
      {
        ledger: this.ledger,
        members: this.membersList,
        orgId: this.identityValue.id,
        findMember: (username) => this.findMember(username),
      },
      req,
    );
  }
}

/** At most MAX_BATCH members, each once (a repeated username would make the outcome ambiguous). */
function checkBatch(usernames: readonly string[], unique: boolean): void {
  if (usernames.length === 0) throw new DomainError('empty-batch', 'No members were given.');
  if (usernames.length > MAX_BATCH) {
    throw new DomainError('batch-too-large', `${usernames.length} members; at most ${MAX_BATCH} at once.`);
  }
  if (!unique) return;
  const seen = new Set<string>();
  for (const u of usernames) {
    const key = u.toLowerCase();
    if (seen.has(key)) throw new DomainError('duplicate-member', `${u} is listed more than once.`);
    seen.add(key);
  }
}

/**
 * A cap in whole milli-credits, rounded down, for spending against it: a member capped at
 * 9914.6529 may spend 9914.652, never 9914.653.
 */
export function capMilliOf(cap: number): number {
  return Math.floor(cap * 1000 + 1e-6);
}

/** A finite amount from 0 to MAX_CREDITS (or -1, "no limit", where allowed). */
export function isCreditAmount(value: number, allowNoLimit: boolean): boolean {
  if (allowNoLimit && value === -1) return true;
  return Number.isFinite(value) && value >= 0 && value <= MAX_CREDITS;
}

/** A member added at runtime, as the store persists it. */
function addedMemberRecord(m: Member): AddedMember {
  return {
    username: m.username,
    firstName: m.firstName,
    lastName: m.lastName,
    email: m.email,
    role: m.role,
    ...(m.roleId ? { roleId: m.roleId } : {}),
    userLicenseTypeId: m.userLicenseTypeId,
    created: m.created,
    allocation: { ...m.allocation },
  };
}
