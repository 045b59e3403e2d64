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
 * The rows of `rows` in one order: the member indexes, and (built only when asked, then kept) each
 * row's place in it.
 */
export class SortedRows {
  private ranks: Int32Array | undefined;
  /** The last selection made over these rows (see `selectRows`). */
  lastSelection: { matches: Int32Array | undefined; key: string; list: MemberRowList } | undefined;

  constructor(
    readonly rows: readonly MemberRow[],
    readonly order: Int32Array,
  ) {}

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
 * Marks of the rows one search picked, kept per list of rows and reused by every selection (fresh
 * memory costs more than the search: about 1 ms per 250 kB first written, in the browser). Each
 * selection marks its rows with a new generation; a list whose generation is no longer the current
 * one works its marks out again before reading them (see `MemberRowList`).
 */
class RowMarks {
  private readonly marks: Uint32Array;
  generation = 0;

  constructor(size: number) {
    this.marks = new Uint32Array(size);
  }

  /** Marks `indexes` with a new generation and returns it. */
  mark(indexes: Int32Array): number {
    if (this.generation === 0xffffffff) {
      this.marks.fill(0);
      this.generation = 0;
    }
    const generation = ++this.generation;
    const { marks } = this;
    for (let k = 0; k < indexes.length; k++) marks[indexes[k]!] = generation;
    return generation;
  }

  /** Whether row `i` is marked with `generation`. */
  has(i: number, generation: number): boolean {
    return this.marks[i] === generation;
  }
}

const rowMarksOf = new WeakMap<readonly MemberRow[], RowMarks>();

function rowMarks(rows: readonly MemberRow[]): RowMarks {
  let marks = rowMarksOf.get(rows);
  if (!marks) {
    marks = new RowMarks(rows.length);
    rowMarksOf.set(rows, marks);
  }
  return marks;
}

/** A search's answer worked out again (from the query), for a list whose marks were reused since. */
export type MatchesAgain = () => Int32Array | undefined;

/**
 * The rows the table shows, in order, read as they are needed. A keystroke's list is known to hold
 * `length` rows at once (the matches, when no filter is on), but which row is at position k is only
 * worked out when something reads it: the table's few rows on screen walk a little of the order; a
 * scroll further down, or "select all", walks on (each position once). So a keystroke that matches
 * 200,000 members costs the rows on screen, not a pass over everyone.
 */
export class MemberRowList implements Iterable<MemberRow> {
  /** Row indexes of the positions worked out so far (`known` of them). */
  private readonly picked: Int32Array | undefined;
  private known: number;
  /** Next place in `order` to look at, and the marks of the rows it picks (dropped when done). */
  private next = 0;
  private marked: { marks: RowMarks; generation: number; again: MatchesAgain } | undefined;
  private all: MemberRow[] | undefined;

  private constructor(
    private readonly rows: readonly MemberRow[],
    private readonly order: Int32Array,
    readonly length: number,
    picked: Int32Array | undefined,
    known: number,
  ) {
    this.picked = picked;
    this.known = known;
  }

  /** Every row of `rows`, in `order`. */
  static ordered(rows: readonly MemberRow[], order: Int32Array): MemberRowList {
    return new MemberRowList(rows, order, order.length, undefined, 0);
  }

  /** The rows at these row indexes, already in order. */
  static picked(rows: readonly MemberRow[], indexes: Int32Array): MemberRowList {
    return new MemberRowList(rows, indexes, indexes.length, indexes, indexes.length);
  }

  /** The rows `matches` holds, in `order`: found as they are read (`again` gives them anew). */
  static marked(
    rows: readonly MemberRow[],
    order: Int32Array,
    matches: Int32Array,
    again: MatchesAgain,
  ): MemberRowList {
    const list = new MemberRowList(rows, order, matches.length, new Int32Array(matches.length), 0);
    const marks = rowMarks(rows);
    list.marked = { marks, generation: marks.mark(matches), again };
    return list;
  }

  /** The row at position `k`, or undefined past the end. */
  at(k: number): MemberRow | undefined {
    if (k < 0 || k >= this.length) return undefined;
    const { picked } = this;
    if (!picked) return this.rows[this.order[k]!];
    if (k >= this.known) this.walkTo(k);
    return this.rows[picked[k]!];
  }

  private walkTo(k: number): void {
    const { order, marked, picked } = this;
    if (!marked || !picked) return;
    const { marks } = marked;
    if (marks.generation !== marked.generation) {
      // A later selection reused the marks: this list's rows are marked again first.
      const matches = marked.again();
      if (!matches || matches.length !== this.length)
        throw new Error('The member list changed under a search.');
      marked.generation = marks.mark(matches);
    }
    const { generation } = marked;
    let { next, known } = this;
    while (known <= k && next < order.length) {
      const i = order[next++]!;
      if (marks.has(i, generation)) picked[known++] = i;
    }
    this.next = next;
    this.known = known;
    if (known >= this.length) this.marked = undefined;
  }

  /** Every row, in order (worked out once, then kept). */
  toArray(): readonly MemberRow[] {
    if (this.all) return this.all;
    const out = new Array<MemberRow>(this.length);
    for (let k = 0; k < this.length; k++) out[k] = this.at(k)!;
    this.all = out;
    return out;
  }

  *[Symbol.iterator](): Iterator<MemberRow> {
    for (let k = 0; k < this.length; k++) yield this.at(k)!;
  }

  every(test: (row: MemberRow) => boolean): boolean {
    for (let k = 0; k < this.length; k++) if (!test(this.at(k)!)) return false;
    return true;
  }

  some(test: (row: MemberRow) => boolean): boolean {
    for (let k = 0; k < this.length; k++) if (test(this.at(k)!)) return true;
    return false;
  }

  map<T>(fn: (row: MemberRow, k: number) => T): T[] {
    const out = new Array<T>(this.length);
    for (let k = 0; k < this.length; k++) out[k] = fn(this.at(k)!, k);
    return out;
  }
}

/**
 * The table's view: the rows in `view`'s order that are among `matches` (ascending row indexes from
 * the search, read here and not kept; undefined = no search) and pass the filters. With no filter on,
 * the count is the matches' and the rows are found as they are read (see `MemberRowList`; `again`
 * works the matches out anew, where their marks were reused meanwhile: without it, they are
 * copied); a few matches are put in order by their rank instead of walking the order; a filter walks
 * every row once. With no search and no filter, the list is the sorted rows as they are.
 *
 * The same `matches` (the very same array, which the search gives for the same query) and filters
 * give the same list: a render run twice (React's strict mode) gets one list, not two.
 */
export function selectRows(
  view: SortedRows,
  matches: Int32Array | undefined,
  f: Omit<MemberFilters, 'q'>,
  again?: MatchesAgain,
): MemberRowList {
  const key = `${f.role}\n${f.type}\n${f.status}\n${f.source ?? ''}`;
  const last = view.lastSelection;
  if (last && last.matches === matches && last.key === key) return last.list;
  const list = pickRows(view, matches, f, again);
  view.lastSelection = { matches, key, list };
  return list;
}

function pickRows(
  view: SortedRows,
  matches: Int32Array | undefined,
  f: Omit<MemberFilters, 'q'>,
  again: MatchesAgain | undefined,
): MemberRowList {
  const { rows, order } = view;
  const filtered = Boolean(f.role || f.type || f.status || f.source);
  // Everyone matches (a letter every email's domain holds): the sorted rows as they are.
  if (!filtered && (!matches || matches.length === rows.length)) return MemberRowList.ordered(rows, order);
  // A few matches are sorted by rank; more, with no filter, are found in the order as they are read
  // (a screenful of 10,000 matches walks about 10,000 / 250,000 of the order: no sort at all).
  const few = filtered ? rows.length / 16 : Math.min(1024, rows.length / 16);
  if (matches && matches.length < few) {
    const rank = view.rank;
    const inOrder = matches.slice().sort((a, b) => rank[a]! - rank[b]!);
    if (!filtered) return MemberRowList.picked(rows, inOrder);
    let n = 0;
    for (let k = 0; k < inOrder.length; k++)
      if (matchesFilters(rows[inOrder[k]!]!, f)) inOrder[n++] = inOrder[k]!;
    return MemberRowList.picked(rows, inOrder.subarray(0, n));
  }
  if (!filtered && matches) {
    const kept = again ? undefined : matches.slice();
    return MemberRowList.marked(rows, order, matches, again ?? (() => kept));
  }
  // A filter: every row in order is checked once (the count depends on it).
  const marks = matches ? rowMarks(rows) : undefined;
  const generation = marks && matches ? marks.mark(matches) : 0;
  const out = new Int32Array(matches ? matches.length : rows.length);
  let n = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (marks && !marks.has(i, generation)) continue;
    if (matchesFilters(rows[i]!, f)) out[n++] = i;
  }
  return MemberRowList.picked(rows, out.subarray(0, n));
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

let keptRows: { context: readonly unknown[]; rows: WeakMap<MemberRecord, MemberRow> } | undefined;

/**
 * The table's rows for `users`, from `toRow`. While a first load shows its members so far
 * (`partial`), each member's row is kept for the next list, as long as the `context` the rows are
 * built in (budgeting, role names) stays the same: the same record gives the same row, so what is
 * built from rows (name order) isn't built again for it. The whole list reads the rows kept so far,
 * then they are let go.
 */
export function rowsWhileLoading(
  users: readonly MemberRecord[],
  partial: boolean,
  context: readonly unknown[],
  toRow: (u: MemberRecord) => MemberRow,
): MemberRow[] {
  let kept = keptRows;
  if (kept && (kept.context.length !== context.length || kept.context.some((c, i) => c !== context[i])))
    kept = undefined;
  if (partial) kept ??= { context, rows: new WeakMap() };
  keptRows = partial ? kept : undefined;
  return users.map((u) => {
    let row = kept?.rows.get(u);
    if (!row) {
      row = toRow(u);
      if (partial) kept?.rows.set(u, row);
    }
    return row;
  });
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
