import { creditLimitOf, type CreditLimit } from '@/lib/arcgis/schemas';
import type { MemberRecord } from '@/lib/member-index/record';
import { roleKeyOf, roleName, type RoleNames } from '@/lib/role-names';
import { userTypeLabel } from '@/lib/user-type-names';
import type { SourceKind } from '@/lib/policies/labels';
import { MemberSearchIndex, searchWords } from './member-search';
import {
  buildNameOrder,
  columnOrder,
  directed,
  orderBy,
  textRanks,
  type ColumnOrder,
  type NameOrder,
} from './member-sort';

/** One table row: a member plus everything the table sorts, filters and searches on, computed once. */
export interface MemberRow {
  user: MemberRecord;
  username: string;
  fullName: string;
  email: string;
  /** The role filter key: the custom role id, else the built-in role. */
  role: string;
  /** The role as people know it ("Credit manager", "Administrator"). */
  roleName: string;
  /** `userLicenseTypeId` (never `userType`, which is the access type, e.g. "arcgisonly"). */
  userType: string;
  limit: CreditLimit;
  status: CreditStatus | undefined;
  lastLogin: number | undefined;
  /** Where the member's limit comes from under the org's policies (absent until they are read). */
  source?: MemberSource;
}

export interface MemberSource {
  kind: SourceKind;
  /** "Policy: Creator → 500", "Override", "Org default", "Manual — differs from policy". */
  label: string;
}

export type CreditStatus = 'no-limit' | 'capped' | 'at-risk' | 'exhausted';

export const CREDIT_STATUS_LABELS: Record<CreditStatus, string> = {
  'no-limit': 'No limit',
  capped: 'Capped',
  'at-risk': 'At risk (≥ 80% used)',
  exhausted: 'Exhausted',
};

/** One choice of the Role filter: the role key and its name. */
export interface RoleOption {
  value: string;
  label: string;
}

export { USER_TYPE_LABELS, userTypeLabel } from '@/lib/user-type-names';

/** Share of a capped allocation already used (0..1); 1 for a cap of 0. */
export function usedShare(limit: CreditLimit): number | undefined {
  if (limit.kind !== 'capped') return undefined;
  if (limit.assigned <= 0) return 1;
  return Math.min(1, Math.max(0, limit.used / limit.assigned));
}

export function creditStatusOf(limit: CreditLimit): CreditStatus | undefined {
  if (limit.kind === 'unavailable') return undefined;
  if (limit.kind === 'unlimited') return 'no-limit';
  if (limit.available <= 0) return 'exhausted';
  if ((usedShare(limit) ?? 0) >= 0.8) return 'at-risk';
  return 'capped';
}

export function toMemberRow(user: MemberRecord, budgetingEnabled: boolean, roleNames?: RoleNames): MemberRow {
  const limit = creditLimitOf(user, { budgetingEnabled });
  const fullName =
    user.fullName ?? ([user.firstName, user.lastName].filter(Boolean).join(' ') || user.username);
  const email = user.email ?? '';
  return {
    user,
    username: user.username,
    fullName,
    email,
    role: roleKeyOf(user),
    roleName: roleName(user, roleNames),
    userType: user.userLicenseTypeId ?? '',
    limit,
    status: creditStatusOf(limit),
    lastLogin:
      user.lastLogin !== null && user.lastLogin !== undefined && user.lastLogin > 0
        ? user.lastLogin
        : undefined,
  };
}

export const SORT_KEYS = [
  'member',
  'role',
  'type',
  'allocated',
  'used',
  'remaining',
  'lastLogin',
  'source',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export interface MemberFilters {
  q: string;
  role: string;
  type: string;
  status: CreditStatus | '';
  /** Limit source (Policies); '' = any. */
  source?: SourceKind | '';
}

export interface MemberSort {
  key: SortKey;
  dir: SortDir;
}

/** Capped includes at-risk and exhausted members; at risk (≥ 80% used) includes exhausted ones. */
export function matchesStatus(row: MemberRow, status: CreditStatus): boolean {
  const { limit } = row;
  switch (status) {
    case 'no-limit':
      return limit.kind === 'unlimited';
    case 'capped':
      return limit.kind === 'capped';
    case 'at-risk':
      return limit.kind === 'capped' && (usedShare(limit) ?? 0) >= 0.8;
    case 'exhausted':
      return limit.kind === 'capped' && limit.available <= 0;
  }
}

/** Whether a row passes the role, user type and status filters (the search aside). */
export function matchesFilters(row: MemberRow, f: Omit<MemberFilters, 'q'>): boolean {
  if (f.role && row.role !== f.role) return false;
  if (f.type && row.userType !== f.type) return false;
  if (f.status && !matchesStatus(row, f.status)) return false;
  if (f.source && row.source?.kind !== f.source) return false;
  return true;
}

/**
 * Rows matching the search and filters, in the given order. Search: every word of the query, in
 * any order, inside the username, full name or email ("smith ingrid" finds Ingrid Smith; see
 * member-search.ts). For the table, which keeps its indexes across keystrokes, see `selectRows`.
 */
export function filterRows(rows: readonly MemberRow[], f: MemberFilters): MemberRow[] {
  const matches = new MemberSearchIndex(rows).match(searchWords(f.q));
  const hit = matches ? new Set(matches) : undefined;
  return rows.filter((row, i) => (!hit || hit.has(i)) && matchesFilters(row, f));
}

/**
 * The rows of `rows` in one order: the member indexes, and (built only when asked, then kept) the
 * rows themselves in that order and each row's place in it.
 */
export class SortedRows {
  private all: readonly MemberRow[] | undefined;
  private ranks: Int32Array | undefined;
  private marks: Uint32Array | undefined;
  private mark = 0;

  constructor(
    readonly rows: readonly MemberRow[],
    readonly order: Int32Array,
  ) {}

  /** Every row, in order. */
  get sorted(): readonly MemberRow[] {
    return (this.all ??= Array.from(this.order, (i) => this.rows[i]!));
  }

  /**
   * Marks rows for one selection without clearing a buffer: a row is marked when its entry equals
   * the current mark (a new mark per selection; the buffer is kept across keystrokes).
   */
  markRows(indexes: Int32Array): { marks: Uint32Array; mark: number } {
    if (!this.marks || this.mark === 0xffffffff) {
      this.marks = new Uint32Array(this.rows.length);
      this.mark = 0;
    }
    const mark = ++this.mark;
    const { marks } = this;
    for (let k = 0; k < indexes.length; k++) marks[indexes[k]!] = mark;
    return { marks, mark };
  }

  /** `rank[i]`: row i's place in the order. */
  get rank(): Int32Array {
    if (!this.ranks) {
      const { order } = this;
      const rank = new Int32Array(order.length);
      for (let k = 0; k < order.length; k++) rank[order[k]!] = k;
      this.ranks = rank;
    }
    return this.ranks;
  }
}

/**
 * The table's view: the rows in `view`'s order that are among `matches` (ascending row indexes from
 * the search; undefined = no search) and pass the filters. A few matches are put in order by their
 * rank instead of walking every row; with no search and no filter, the sorted rows are returned as
 * they are (the same array each time, until the order changes).
 */
export function selectRows(
  view: SortedRows,
  matches: Int32Array | undefined,
  f: Omit<MemberFilters, 'q'>,
): readonly MemberRow[] {
  const { rows, order } = view;
  const filtered = Boolean(f.role || f.type || f.status || f.source);
  // Everyone matches (a letter every email's domain holds): the sorted rows as they are.
  if (!filtered && (!matches || matches.length === rows.length)) return view.sorted;
  // Sized once and trimmed: growing an array of 250,000 rows by `push` costs more than the walk.
  const out: MemberRow[] = new Array<MemberRow>(matches ? matches.length : rows.length);
  let n = 0;
  if (!matches) {
    for (let k = 0; k < order.length; k++) {
      const row = rows[order[k]!]!;
      if (matchesFilters(row, f)) out[n++] = row;
    }
  } else if (matches.length < rows.length / 16) {
    const rank = view.rank;
    const inOrder = matches.slice().sort((a, b) => rank[a]! - rank[b]!);
    for (let k = 0; k < inOrder.length; k++) {
      const row = rows[inOrder[k]!]!;
      if (!filtered || matchesFilters(row, f)) out[n++] = row;
    }
  } else {
    const { marks, mark } = view.markRows(matches);
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      if (marks[i] !== mark) continue;
      const row = rows[i]!;
      if (!filtered || matchesFilters(row, f)) out[n++] = row;
    }
  }
  out.length = n;
  return out;
}

/**
 * Credits used this period by members without a limit (username → credits), from usage data; see
 * `PERIOD_USAGE` in use-period-usage.ts for what the period is. Members without a limit who are
 * missing from it used nothing.
 */
export type PeriodUsage = ReadonlyMap<string, number>;

/**
 * What the Used column shows as a number: a capped member's use of their allocation; a member
 * without a limit, their usage this period (once it has loaded). Undefined is shown as "—".
 */
export function usedOf(row: MemberRow, periodUsage?: PeriodUsage): number | undefined {
  if (row.limit.kind === 'capped') return row.limit.used;
  if (row.limit.kind === 'unlimited' && periodUsage) return periodUsage.get(row.username.toLowerCase()) ?? 0;
  return undefined;
}

// No limit sorts above every cap. Values shown as "—" (budgeting off; Used before usage has loaded)
// are not numbers: those rows go after the others in either direction.
function allocatedValue(row: MemberRow): number {
  if (row.limit.kind === 'unlimited') return Number.POSITIVE_INFINITY;
  if (row.limit.kind === 'capped') return row.limit.assigned;
  return Number.NaN;
}
function remainingValue(row: MemberRow): number {
  if (row.limit.kind === 'unlimited') return Number.POSITIVE_INFINITY;
  if (row.limit.kind === 'capped') return row.limit.available;
  return Number.NaN;
}

/** What one sort key orders rows by: a number per row (text columns: its rank), blanks marked. */
function columnValues(
  rows: readonly MemberRow[],
  key: Exclude<SortKey, 'member'>,
  periodUsage?: PeriodUsage,
): { values: Float64Array; blank?: Uint8Array } {
  if (key === 'role') return { values: textRanks(rows.map((r) => r.roleName)) };
  if (key === 'source') return { values: textRanks(rows.map((r) => r.source?.label ?? '')) };
  if (key === 'type') return { values: textRanks(rows.map((r) => userTypeLabel(r.userType))) };
  const n = rows.length;
  const values = new Float64Array(n);
  const blank = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    let v: number;
    if (key === 'allocated') v = allocatedValue(row);
    else if (key === 'remaining') v = remainingValue(row);
    else if (key === 'used') v = usedOf(row, periodUsage) ?? Number.NaN;
    else v = row.lastLogin ?? 0;
    if (Number.isNaN(v)) blank[i] = 1;
    else values[i] = v;
  }
  return { values, blank };
}

/**
 * Row indexes in the order of `sort`: ties (and equal values) by the displayed name, then the
 * username, ascending in both directions. `names` is `buildNameOrder(rows)`, kept per index load.
 */
export function sortOrder(
  rows: readonly MemberRow[],
  sort: MemberSort,
  names: NameOrder,
  periodUsage?: PeriodUsage,
): Int32Array {
  const descending = sort.dir === 'desc';
  if (sort.key === 'member') return descending ? names.order.slice().reverse() : names.order;
  const { values, blank } = columnValues(rows, sort.key, periodUsage);
  return orderBy(names, values, { descending, blank });
}

/**
 * Every column's order over one list of rows, each built once and kept, so a sort click is a lookup
 * (plus a linear pass for a descending order). `buildNext` builds them ahead, one column per call,
 * for idle time. The Used column's order also depends on the period usage: it is rebuilt when that
 * changes. A new list of rows (an index load, a change to a member) needs a new `MemberOrders`.
 */
export class MemberOrders {
  private readonly columns = new Map<SortKey, ColumnOrder>();
  private used: { usage: PeriodUsage | undefined; column: ColumnOrder } | undefined;
  private byNameDescending: Int32Array | undefined;

  constructor(
    readonly rows: readonly MemberRow[],
    readonly names: NameOrder,
  ) {}

  /** Row indexes in the order of `sort` (see `sortOrder`). */
  order(sort: MemberSort, periodUsage?: PeriodUsage): Int32Array {
    const descending = sort.dir === 'desc';
    if (sort.key === 'member') {
      if (!descending) return this.names.order;
      return (this.byNameDescending ??= this.names.order.slice().reverse());
    }
    return directed(this.column(sort.key, periodUsage), descending);
  }

  /** Whether a column's order is built (for `used`, with this period usage). */
  has(key: Exclude<SortKey, 'member'>, periodUsage?: PeriodUsage): boolean {
    if (key === 'used') return this.used !== undefined && this.used.usage === periodUsage;
    return this.columns.has(key);
  }

  /** Builds the next column not yet built; false when every one is. */
  buildNext(periodUsage?: PeriodUsage): boolean {
    for (const key of SORT_KEYS) {
      if (key === 'member' || this.has(key, periodUsage)) continue;
      // Sources are joined on later; until then that column is all blank and not worth building.
      if (key === 'source' && !this.rows.some((r) => r.source)) continue;
      this.column(key, periodUsage);
      return true;
    }
    return false;
  }

  private column(key: Exclude<SortKey, 'member'>, periodUsage?: PeriodUsage): ColumnOrder {
    if (key === 'used') {
      if (this.used === undefined || this.used.usage !== periodUsage) {
        const { values, blank } = columnValues(this.rows, key, periodUsage);
        this.used = { usage: periodUsage, column: columnOrder(this.names, values, blank) };
      }
      return this.used.column;
    }
    let column = this.columns.get(key);
    if (!column) {
      const { values, blank } = columnValues(this.rows, key);
      column = columnOrder(this.names, values, blank);
      this.columns.set(key, column);
    }
    return column;
  }
}

/** `rows` in the order of `sort` (see `sortOrder`). */
export function sortRows(
  rows: readonly MemberRow[],
  sort: MemberSort,
  periodUsage?: PeriodUsage,
): MemberRow[] {
  return Array.from(sortOrder(rows, sort, buildNameOrder(rows), periodUsage), (i) => rows[i]!);
}

/** Sum of finite allocations (no limit and budgeting-off members count 0). */
export function sumOfFiniteAllocations(users: readonly MemberRecord[]): number {
  let sum = 0;
  for (const u of users) {
    const a = u.assignedCredits;
    if (a !== null && a !== undefined && a >= 0) sum += a;
  }
  return sum;
}
