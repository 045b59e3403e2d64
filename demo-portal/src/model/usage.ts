import {
  addUtcMonths,
  DAY_MS,
  dayIndex,
  HOUR_MS,
  startOfUtcDay,
  startOfUtcHour,
  startOfUtcMonth,
  WEEK_MS,
} from './clock.ts';

/**
 * Credit usage ledger: a compact, columnar store of usage events, sorted by day, with a per-member
 * index. Credits are kept as integer milli-credits so sums are exact and every view (member
 * balance, usage endpoint, org balance) agrees to the last digit.
 */

export const SERVICE_TYPES = [
  'geocode',
  'spanalysis',
  'geoenrich',
  'tiles',
  'notebooks',
  'elevation',
  'routing',
  'storage',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
/** The number of budgeted (transaction) service types; storage is the last code. */
export const BUDGETED_STYPES = 7;
export const STORAGE_STYPE = 7;
export const ETYPE = 'svcusg';
/** Member slot for org-level charges (storage): never counted toward a member's budget. */
export const NO_MEMBER = 0xffffffff;

export const USAGE_PERIODS = ['1h', '1d', '1w', '1m'] as const;
export type UsagePeriod = (typeof USAGE_PERIODS)[number];
export const MAX_USAGE_BUCKETS = 1000;

export type UsageGroupKey = 'stype' | 'etype' | 'username' | 'userorgid';

export interface LedgerQuery {
  startTime: number;
  endTime: number;
  period: UsagePeriod;
  groupByStype: boolean;
  groupByMember: boolean;
  /** Member indexes to keep (undefined = all, incl. org-level charges). */
  members?: ReadonlySet<number>;
  /** Keep only org members (drops org-level charges, which carry no user). */
  orgMembersOnly?: boolean;
  stypes?: ReadonlySet<number>;
  wantNum: boolean;
  wantCredits: boolean;
}

export interface LedgerGroup {
  stype?: number;
  /** Member index, NO_MEMBER for org-level charges; undefined when not grouped by member. */
  member?: number;
  /** Milli-credits per bucket. */
  milli?: Float64Array;
  num?: Float64Array;
}

export interface LedgerResult {
  bucketStarts: number[];
  groups: LedgerGroup[];
}

/** Bucket starts for a range; `undefined` when it would exceed MAX_USAGE_BUCKETS. */
export function bucketStarts(startTime: number, endTime: number, period: UsagePeriod): number[] | undefined {
  let first: number;
  let estimate: number;
  switch (period) {
    case '1h':
      first = startOfUtcHour(startTime);
      estimate = Math.ceil((endTime - first) / HOUR_MS);
      break;
    case '1d':
      first = startOfUtcDay(startTime);
      estimate = Math.ceil((endTime - first) / DAY_MS);
      break;
    case '1w':
      // Weeks start at the UTC day of startTime (not a fixed weekday), then step 7 days.
      first = startOfUtcDay(startTime);
      estimate = Math.ceil((endTime - first) / WEEK_MS);
      break;
    case '1m':
      first = startOfUtcMonth(startTime);
      estimate = Math.ceil((endTime - first) / (28 * DAY_MS));
      break;
  }
  if (estimate > MAX_USAGE_BUCKETS + 1) return undefined;
  const starts: number[] = [];
  for (let b = first, i = 0; b < endTime; i++) {
    starts.push(b);
    if (period === '1h') b += HOUR_MS;
    else if (period === '1d') b += DAY_MS;
    else if (period === '1w') b += WEEK_MS;
    else b = addUtcMonths(first, i + 1);
  }
  return starts.length > MAX_USAGE_BUCKETS ? undefined : starts;
}

class Column<T extends Uint8Array | Uint32Array | Int32Array> {
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  grow(capacity: number, length: number): void {
    if (capacity <= this.data.length) return;
    const next = this.make(capacity);
    next.set(this.data.subarray(0, length));
    this.data = next;
  }
}

export class UsageLedger {
  /** Day index (days since epoch) of relative day 0. */
  readonly baseDay: number;
  length = 0;
  private readonly dayCol = new Column(new Int32Array(0), (n) => new Int32Array(n));
  private readonly hourCol = new Column(new Uint8Array(0), (n) => new Uint8Array(n));
  private readonly stypeCol = new Column(new Uint8Array(0), (n) => new Uint8Array(n));
  private readonly memberCol = new Column(new Uint32Array(0), (n) => new Uint32Array(n));
  private readonly milliCol = new Column(new Uint32Array(0), (n) => new Uint32Array(n));
  private readonly numCol = new Column(new Uint32Array(0), (n) => new Uint32Array(n));
  /** dayStart[d] = first event of relative day d; length = days + 1. */
  private dayStart = new Int32Array(1);
  /** Days covered so far (relative days 0 .. days-1 are sealed). */
  private days = 0;
  private memberOffsets = new Uint32Array(1);
  private memberEvents = new Uint32Array(0);
  private indexedMembers = 0;
  private indexDirty = true;
  /** Sum of every event's milli-credits (org-level charges included). */
  totalMilli = 0;

  constructor(baseDay: number) {
    this.baseDay = baseDay;
  }

  get dayCount(): number {
    return this.days;
  }

  /** First day index (days since epoch) that has not been generated yet. */
  get nextDay(): number {
    return this.baseDay + this.days;
  }

  private ensure(capacity: number): void {
    if (capacity <= this.dayCol.data.length) return;
    const cap = Math.max(capacity, Math.ceil(this.dayCol.data.length * 1.5), 1024);
    for (const col of [
      this.dayCol,
      this.hourCol,
      this.stypeCol,
      this.memberCol,
      this.milliCol,
      this.numCol,
    ]) {
      col.grow(cap, this.length);
    }
  }

  /**
   * Bulk-loads events generated member by member (any day order) for relative days [0, days),
   * sorting them by day. Replaces the ledger's contents.
   */
  loadUnsorted(
    days: number,
    src: {
      day: Int32Array;
      hour: Uint8Array;
      stype: Uint8Array;
      member: Uint32Array;
      milli: Uint32Array;
      num: Uint32Array;
    },
    count: number,
  ): void {
    const dayStart = new Int32Array(days + 1);
    for (let i = 0; i < count; i++) dayStart[(src.day[i] ?? 0) + 1]! += 1;
    for (let d = 0; d < days; d++) dayStart[d + 1]! += dayStart[d]!;
    const cursor = dayStart.slice(0, days);
    this.length = 0;
    this.ensure(count);
    const day = this.dayCol.data;
    const hour = this.hourCol.data;
    const stype = this.stypeCol.data;
    const member = this.memberCol.data;
    const milli = this.milliCol.data;
    const num = this.numCol.data;
    let total = 0;
    for (let i = 0; i < count; i++) {
      const d = src.day[i]!;
      const at = cursor[d]!;
      cursor[d] = at + 1;
      day[at] = d;
      hour[at] = src.hour[i]!;
      stype[at] = src.stype[i]!;
      member[at] = src.member[i]!;
      milli[at] = src.milli[i]!;
      num[at] = src.num[i]!;
      total += src.milli[i]!;
    }
    this.length = count;
    this.dayStart = dayStart;
    this.days = days;
    this.totalMilli = total;
    this.indexDirty = true;
  }

  /** Appends one event for the day being generated (must be ≥ every stored day). */
  push(absDay: number, hour: number, stype: number, member: number, milli: number, num: number): void {
    const d = absDay - this.baseDay;
    if (d < this.days) throw new Error('ledger: events must be appended after the sealed days');
    this.ensure(this.length + 1);
    const i = this.length++;
    this.dayCol.data[i] = d;
    this.hourCol.data[i] = hour;
    this.stypeCol.data[i] = stype;
    this.memberCol.data[i] = member;
    this.milliCol.data[i] = milli;
    this.numCol.data[i] = num;
    this.totalMilli += milli;
    this.indexDirty = true;
  }

  /** Marks every day before `absDayExclusive` as generated, extending the day index. */
  sealDaysBefore(absDayExclusive: number): void {
    const days = absDayExclusive - this.baseDay;
    if (days <= this.days) return;
    const next = new Int32Array(days + 1);
    next.set(this.dayStart.subarray(0, this.days + 1));
    // Events pushed since the last seal all belong to days [this.days, days).
    let at = this.dayStart[this.days] ?? 0;
    for (let d = this.days; d < days; d++) {
      while (at < this.length && (this.dayCol.data[at] ?? 0) === d) at++;
      next[d + 1] = at;
    }
    this.dayStart = next;
    this.days = days;
  }

  /** Event time (ms) of event i: the start of its UTC hour. */
  timeOf(i: number): number {
    return (this.baseDay + this.dayCol.data[i]!) * DAY_MS + this.hourCol.data[i]! * HOUR_MS;
  }

  milliOf(i: number): number {
    return this.milliCol.data[i]!;
  }

  stypeOf(i: number): number {
    return this.stypeCol.data[i]!;
  }

  memberOf(i: number): number {
    return this.memberCol.data[i]!;
  }

  private ensureIndex(memberCount: number): void {
    if (!this.indexDirty && memberCount === this.indexedMembers) return;
    const offsets = new Uint32Array(memberCount + 1);
    const member = this.memberCol.data;
    for (let i = 0; i < this.length; i++) {
      const m = member[i]!;
      if (m < memberCount) offsets[m + 1]! += 1;
    }
    for (let m = 0; m < memberCount; m++) offsets[m + 1]! += offsets[m]!;
    const cursor = offsets.slice(0, memberCount);
    const events = new Uint32Array(offsets[memberCount] ?? 0);
    for (let i = 0; i < this.length; i++) {
      const m = member[i]!;
      if (m < memberCount) {
        const at = cursor[m]!;
        cursor[m] = at + 1;
        events[at] = i;
      }
    }
    this.memberOffsets = offsets;
    this.memberEvents = events;
    this.indexedMembers = memberCount;
    this.indexDirty = false;
  }

  /** Event ids of one member, in time order. */
  memberEventIds(member: number, memberCount: number): Uint32Array {
    this.ensureIndex(memberCount);
    return this.memberEvents.subarray(this.memberOffsets[member] ?? 0, this.memberOffsets[member + 1] ?? 0);
  }

  /** First position in `ids` whose event time is ≥ sinceMs. */
  private firstSince(ids: Uint32Array, sinceMs: number): number {
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeOf(ids[mid]!) < sinceMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Budgeted milli-credits a member used at or after `sinceMs` (storage is never budgeted). */
  memberMilliSince(member: number, memberCount: number, sinceMs: number): number {
    const ids = this.memberEventIds(member, memberCount);
    let sum = 0;
    for (let k = this.firstSince(ids, sinceMs); k < ids.length; k++) {
      const i = ids[k]!;
      if (this.stypeCol.data[i]! < BUDGETED_STYPES) sum += this.milliCol.data[i]!;
    }
    return sum;
  }

  /**
   * Enforces a cap: the member's budgeted events at or after `sinceMs` are trimmed so their sum
   * never exceeds capMilli (later events drop to zero). Returns the milli-credits removed.
   */
  enforceCap(member: number, memberCount: number, sinceMs: number, capMilli: number): number {
    const ids = this.memberEventIds(member, memberCount);
    let used = 0;
    let removed = 0;
    for (let k = this.firstSince(ids, sinceMs); k < ids.length; k++) {
      const i = ids[k]!;
      if (this.stypeCol.data[i]! >= BUDGETED_STYPES) continue;
      const milli = this.milliCol.data[i]!;
      const room = Math.max(0, capMilli - used);
      if (milli <= room) {
        used += milli;
        continue;
      }
      const num = this.numCol.data[i]!;
      this.milliCol.data[i] = room;
      this.numCol.data[i] = milli > 0 ? Math.floor((num * room) / milli) : 0;
      removed += milli - room;
      used += room;
    }
    this.totalMilli -= removed;
    return removed;
  }

  /** Aggregates events into buckets. The caller validated the range and bucket count. */
  query(q: LedgerQuery, starts: readonly number[], memberCount: number): LedgerResult {
    const nb = starts.length;
    const first = starts[0];
    if (first === undefined) return { bucketStarts: [], groups: [] };
    // Per-day bucket lookup for day-aligned periods; hour math for 1h.
    const firstAbsDay = dayIndex(first);
    const lastAbsDay = dayIndex(q.endTime - 1);
    const dayBucket = new Int32Array(Math.max(0, lastAbsDay - firstAbsDay + 1));
    if (q.period !== '1h') {
      let b = 0;
      for (let d = firstAbsDay; d <= lastAbsDay; d++) {
        const t = d * DAY_MS;
        while (b + 1 < nb && (starts[b + 1] ?? Infinity) <= t) b++;
        dayBucket[d - firstAbsDay] = b;
      }
    }
    const firstHour = Math.floor(first / HOUR_MS);
    const relLo = Math.max(0, dayIndex(q.startTime) - this.baseDay);
    const relHi = Math.min(this.days - 1, lastAbsDay - this.baseDay);
    if (relHi < relLo)
      return {
        bucketStarts: [...starts],
        groups: q.groupByMember || q.groupByStype ? [] : [this.emptyGroup(nb, q)],
      };
    const lo = this.dayStart[relLo] ?? 0;
    const hi = this.dayStart[relHi + 1] ?? this.length;

    const stypeSlots = q.groupByStype ? SERVICE_TYPES.length : 1;
    const memberSlots = q.groupByMember ? memberCount + 1 : 1;
    const groupOf = new Int32Array(stypeSlots * memberSlots).fill(-1);
    const groupKeys: number[] = [];
    const day = this.dayCol.data;
    const hour = this.hourCol.data;
    const stype = this.stypeCol.data;
    const member = this.memberCol.data;
    const milli = this.milliCol.data;
    const num = this.numCol.data;
    const base = this.baseDay;
    const { startTime, endTime } = q;
    const eventBucket = new Int32Array(hi - lo).fill(-1);
    const eventGroup = new Int32Array(hi - lo);

    for (let i = lo; i < hi; i++) {
      const m = member[i]!;
      const s = stype[i]!;
      if (milli[i] === 0 && num[i] === 0) continue;
      if (q.members && !q.members.has(m)) continue;
      if (q.orgMembersOnly && m === NO_MEMBER) continue;
      if (q.stypes && !q.stypes.has(s)) continue;
      const absDay = base + day[i]!;
      const t = absDay * DAY_MS + hour[i]! * HOUR_MS;
      if (t < startTime || t >= endTime) continue;
      const bucket =
        q.period === '1h' ? absDay * 24 + hour[i]! - firstHour : dayBucket[absDay - firstAbsDay]!;
      const slot =
        (q.groupByMember ? (m === NO_MEMBER ? memberCount : m) : 0) * stypeSlots + (q.groupByStype ? s : 0);
      let g = groupOf[slot]!;
      if (g < 0) {
        g = groupKeys.length;
        groupOf[slot] = g;
        groupKeys.push(slot);
      }
      eventBucket[i - lo] = bucket;
      eventGroup[i - lo] = g;
    }
    const groupCount = !q.groupByMember && !q.groupByStype ? 1 : groupKeys.length;
    if (groupKeys.length === 0 && groupCount === 1) groupKeys.push(0);
    const milliAcc = q.wantCredits ? new Float64Array(groupCount * nb) : undefined;
    const numAcc = q.wantNum ? new Float64Array(groupCount * nb) : undefined;
    for (let i = lo; i < hi; i++) {
      const b = eventBucket[i - lo]!;
      if (b < 0) continue;
      const at = eventGroup[i - lo]! * nb + b;
      if (milliAcc) milliAcc[at]! += milli[i]!;
      if (numAcc) numAcc[at]! += num[i]!;
    }
    const groups: LedgerGroup[] = [];
    for (let g = 0; g < groupCount; g++) {
      const slot = groupKeys[g] ?? 0;
      const group: LedgerGroup = {};
      if (q.groupByStype) group.stype = slot % stypeSlots;
      if (q.groupByMember) {
        const m = Math.floor(slot / stypeSlots);
        group.member = m === memberCount ? NO_MEMBER : m;
      }
      if (milliAcc) group.milli = milliAcc.subarray(g * nb, (g + 1) * nb);
      if (numAcc) group.num = numAcc.subarray(g * nb, (g + 1) * nb);
      groups.push(group);
    }
    return { bucketStarts: [...starts], groups };
  }

  private emptyGroup(nb: number, q: LedgerQuery): LedgerGroup {
    const group: LedgerGroup = {};
    if (q.wantCredits) group.milli = new Float64Array(nb);
    if (q.wantNum) group.num = new Float64Array(nb);
    return group;
  }
}
