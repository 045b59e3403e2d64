import { badRequest } from './errors.ts';
import type { Member } from './member.ts';

/** Member listing and search: query parsing, filters, presorted indexes and paging. */

export const SORT_FIELDS = [
  'username',
  'fullname',
  'created',
  'lastlogin',
  'level',
  'role',
  'mfaenabled',
] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortOrder = 'asc' | 'desc';
export type MemberPredicate = (m: Member) => boolean;
/** A search term: a predicate, a lowercase substring of "username fullname email", or a field pattern. */
export type SearchTerm = MemberPredicate | { text: string } | FieldPattern;

/** The text fields a pattern can name; their lower-case values are kept per field (see MemberIndex). */
export type TextField = 'username' | 'fullname' | 'firstname' | 'lastname' | 'email';

const TEXT_FIELD_VALUE: Record<TextField, (m: Member) => string> = {
  username: (m) => m.usernameLc,
  fullname: (m) => m.fullNameLc,
  firstname: (m) => m.firstNameLc,
  lastname: (m) => m.lastNameLc,
  email: (m) => m.emailLc,
};

/**
 * A wildcard or "contains" term on one text field: `match` tests a lower-case value, and every
 * value it matches contains each of `pieces` (its literal parts), so members can be narrowed to
 * those containing the rarest piece before `match` runs.
 */
export interface FieldPattern {
  field: TextField;
  match: (value: string) => boolean;
  pieces: string[];
}

function isFieldPattern(term: SearchTerm): term is FieldPattern {
  return typeof term === 'object' && 'field' in term;
}
/** AND of ORs of terms; an empty list matches everything. */
export type MemberQuery = SearchTerm[][];

export interface PageRequest {
  /** 1-based. */
  start: number;
  num: number;
  sortField: SortField;
  sortOrder: SortOrder;
}

export interface ListFilters {
  role?: string;
  userLicenseType?: string;
  provider?: string;
  fullname?: string;
  username?: string;
  firstname?: string;
  lastname?: string;
}

const ROLE_ALIASES: Record<string, string> = {
  account_admin: 'org_admin',
  account_publisher: 'org_publisher',
  account_user: 'org_user',
};

function roleMatcher(value: string): MemberPredicate {
  const v = value.toLowerCase();
  const role = ROLE_ALIASES[v] ?? v;
  return (m) => m.role === role || (m.roleId !== undefined && m.roleId.toLowerCase() === v);
}

function allOf(predicates: MemberPredicate[]): MemberPredicate | undefined {
  if (predicates.length === 0) return undefined;
  if (predicates.length === 1) return predicates[0];
  return (m) => predicates.every((p) => p(m));
}

/** Filters of `portals/<id>/users` (AND-ed; text filters are case-insensitive "contains"). */
export function compileListFilters(f: ListFilters): MemberPredicate | undefined {
  const predicates: MemberPredicate[] = [];
  if (f.role) predicates.push(roleMatcher(f.role));
  if (f.userLicenseType) {
    const t = f.userLicenseType.toLowerCase();
    predicates.push((m) => m.userLicenseTypeId.toLowerCase() === t);
  }
  if (f.provider && f.provider.toLowerCase() !== 'arcgis') predicates.push(() => false);
  const contains = (value: string | undefined, field: (m: Member) => string) => {
    if (!value) return;
    const v = value.toLowerCase();
    predicates.push((m) => field(m).includes(v));
  };
  contains(f.fullname, (m) => m.fullNameLc);
  contains(f.username, (m) => m.usernameLc);
  contains(f.firstname, (m) => m.firstNameLc);
  contains(f.lastname, (m) => m.lastNameLc);
  return allOf(predicates);
}

/** A test of a lower-case value against a `field:value` term (`*` any run of characters). */
function wildcardTest(value: string, exactWithoutWildcard: boolean): ((s: string) => boolean) | undefined {
  const v = value.toLowerCase();
  if (v === '*' || v === '') return undefined;
  if (!v.includes('*')) return exactWithoutWildcard ? (s) => s === v : (s) => s.includes(v);
  const parts = v.split('*');
  const head = parts[0] ?? '';
  const tail = parts[parts.length - 1] ?? '';
  const middle = parts.slice(1, -1).filter((p) => p !== '');
  return (s) => {
    if (!s.startsWith(head) || !s.endsWith(tail) || s.length < head.length + tail.length) return false;
    let at = head.length;
    for (const p of middle) {
      const found = s.indexOf(p, at);
      if (found < 0 || found + p.length > s.length - tail.length) return false;
      at = found + p.length;
    }
    return true;
  };
}

function wildcardMatcher(
  value: string,
  field: (m: Member) => string,
  exactWithoutWildcard: boolean,
): MemberPredicate {
  const test = wildcardTest(value, exactWithoutWildcard);
  return test ? (m) => test(field(m)) : () => true;
}

/** A term on a kept text field: its test, and its literal pieces for narrowing. */
function fieldPattern(field: TextField, value: string, exactWithoutWildcard: boolean): SearchTerm {
  const match = wildcardTest(value, exactWithoutWildcard);
  if (!match) return () => true;
  const pieces = value
    .toLowerCase()
    .split('*')
    .filter((p) => p !== '');
  return { field, match, pieces };
}

function fieldTerm(field: string, value: string, orgId: string): SearchTerm {
  switch (field.toLowerCase()) {
    case 'username':
      return fieldPattern('username', value, true);
    case 'fullname':
    case 'firstname':
    case 'lastname':
    case 'email':
      return fieldPattern(field.toLowerCase() as TextField, value, false);
    case 'role':
      return value === '*' ? () => true : roleMatcher(value);
    case 'userlicensetype':
    case 'userlicensetypeid':
    case 'usertype':
      return wildcardMatcher(value, (m) => m.userLicenseTypeId.toLowerCase(), true);
    case 'level':
      return (m) => m.level === value;
    case 'orgid':
      return value === '*' || value.toLowerCase() === orgId.toLowerCase() ? () => true : () => false;
    case 'provider':
      return value === '*' || value.toLowerCase() === 'arcgis' ? () => true : () => false;
    case 'id':
      return (m) => m.id === value.toLowerCase();
    default:
      // Unknown fields are ignored (ArcGIS has many more; none narrow the demo org).
      return () => true;
  }
}

function freeTerm(word: string): SearchTerm {
  const w = word.toLowerCase().replace(/^\*+|\*+$/g, '');
  const pieces = w.split('*').filter((p) => p !== '');
  if (pieces.length === 0) return () => true;
  if (pieces.length === 1) return { text: pieces[0] ?? '' };
  return (m) => pieces.every((p) => m.haystack.includes(p));
}

const TOKEN = /([A-Za-z]+):"([^"]*)"|([A-Za-z]+):(\S+)|"([^"]*)"|(\S+)/g;

/**
 * Bounds of a `users/search` query (`q` and `filter` each): ample for people and for clients'
 * searches, small enough that no query keeps the portal busy for long. Each term is a pass over
 * every member, so the term count bounds the work (32 wildcard terms ≈ 0.3–1 s at 50,000 members,
 * run in slices so other requests are answered meanwhile). Exact usernames (`username:jdoe`, no
 * wildcard) are different: a client re-reading the members it just changed names up to 100 of
 * them in one query, and the names of one OR group become a single set lookup, one pass in all.
 */
export const MAX_QUERY_LENGTH = 16_384;
export const MAX_QUERY_TERMS = 32;
export const MAX_QUERY_USERNAMES = 128;

/**
 * Parses the `q` (and `filter`) syntax of `users/search`: free-text words (all must match
 * username, full name or email, case-insensitive) and fielded terms (`role:org_user`,
 * `userlicensetype:creatorUT`, `username:jdoe`, `fullname:smith`, `email:...`, `level:2`). `OR`
 * joins adjacent terms into one alternative (`role:org_user OR role:org_publisher`); `AND` and
 * parentheses are accepted and ignored. Returns undefined for "match everything".
 */
export function compileSearch(q: string, orgId: string, parameter = 'q'): MemberQuery {
  if (q.length > MAX_QUERY_LENGTH) {
    throw badRequest(
      `Invalid '${parameter}': the query is ${q.length} characters long; at most ${MAX_QUERY_LENGTH} are allowed.`,
    );
  }
  const groups: (SearchTerm | ExactUsername)[][] = [];
  let joinNext = false;
  let terms = 0;
  let usernames = 0;
  const cleaned = q.replace(/[()]/g, ' ');
  for (const match of cleaned.matchAll(TOKEN)) {
    const [, f1, v1, f2, v2, phrase, word] = match;
    if (word === 'OR' || word === '||') {
      joinNext = groups.length > 0;
      continue;
    }
    if (word === 'AND' || word === '&&') continue;
    const field = f1 ?? f2;
    const value = f1 !== undefined ? (v1 ?? '') : (v2 ?? '');
    const exactUsername = field?.toLowerCase() === 'username' && value !== '' && !value.includes('*');
    if (exactUsername && ++usernames > MAX_QUERY_USERNAMES) {
      throw badRequest(
        `Invalid '${parameter}': the query names more than ${MAX_QUERY_USERNAMES} usernames; at most ${MAX_QUERY_USERNAMES} are allowed.`,
      );
    }
    if (!exactUsername && ++terms > MAX_QUERY_TERMS) {
      throw badRequest(
        `Invalid '${parameter}': the query has more than ${MAX_QUERY_TERMS} terms; at most ${MAX_QUERY_TERMS} are allowed.`,
      );
    }
    let term: SearchTerm | ExactUsername;
    if (exactUsername) term = { username: value.toLowerCase() };
    else if (field !== undefined) term = fieldTerm(field, value, orgId);
    else if (phrase !== undefined) term = freeTerm(phrase);
    else term = freeTerm(word ?? '');
    const last = groups[groups.length - 1];
    if (joinNext && last) last.push(term);
    else groups.push([term]);
    joinNext = false;
  }
  return groups.map(lookUpUsernames);
}

/** An exact `username:` term, before its group's names are joined into one lookup. */
interface ExactUsername {
  username: string;
}

function isExactUsername(term: SearchTerm | ExactUsername): term is ExactUsername {
  return typeof term === 'object' && 'username' in term;
}

/** The exact usernames of an OR group as one set lookup: one pass over the members, not one per name. */
function lookUpUsernames(group: (SearchTerm | ExactUsername)[]): SearchTerm[] {
  const names = new Set<string>();
  const rest: SearchTerm[] = [];
  for (const term of group) {
    if (isExactUsername(term)) names.add(term.username);
    else rest.push(term);
  }
  if (names.size === 0) return rest;
  if (names.size === 1) {
    const [only] = names;
    return [...rest, (m: Member) => m.usernameLc === only];
  }
  return [...rest, (m: Member) => names.has(m.usernameLc)];
}

/** The list filters as a query (one AND-ed term). */
export function filtersQuery(f: ListFilters): MemberQuery {
  const p = compileListFilters(f);
  return p ? [[p]] : [];
}

/** Sort keys of every member for one field, read once per sort (not once per comparison). */
function sortKeys(members: readonly Member[], field: SortField): { text?: string[]; num?: Float64Array } {
  switch (field) {
    case 'username':
    case 'mfaenabled':
      return {};
    case 'fullname':
      return { text: members.map((m) => m.fullNameLc) };
    case 'level':
      return { text: members.map((m) => m.level) };
    case 'role':
      return { text: members.map((m) => m.role) };
    case 'created':
      return { num: Float64Array.from(members, (m) => m.created) };
    case 'lastlogin':
      return { num: Float64Array.from(members, (m) => m.lastLogin) };
  }
}

/** Compares members by index: the field's key, then the username (so the order is total). */
function indexComparator(members: readonly Member[], field: SortField): (a: number, b: number) => number {
  const names = members.map((m) => m.usernameLc);
  const byName = (a: number, b: number) => {
    const x = names[a]!;
    const y = names[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const { text, num } = sortKeys(members, field);
  if (text)
    return (a, b) => {
      const x = text[a]!;
      const y = text[b]!;
      return x < y ? -1 : x > y ? 1 : byName(a, b);
    };
  if (num) return (a, b) => num[a]! - num[b]! || byName(a, b);
  return byName;
}

/** Compares one member with another the same way (for inserting a member into a built order). */
function compareMembers(field: SortField, a: Member, b: Member): number {
  const pair = [a, b];
  return indexComparator(pair, field)(0, 1);
}

/** Longest stretch a search runs before letting other requests in (ms). */
const SEARCH_SLICE_MS = 8;
const SEARCH_CACHE_SIZE = 32;

/** Yields to the event loop whenever the current slice has run for `budgetMs`. */
class Slicer {
  private sliceStart = performance.now();
  constructor(private readonly budgetMs: number) {}

  get due(): boolean {
    return performance.now() - this.sliceStart >= this.budgetMs;
  }

  async yield(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
}

/**
 * The members a query matched: a bitmap by member index (undefined = everyone), and per sort
 * field the matching members' indexes in that order, so any page of the results is a slice.
 */
interface Matches {
  bits: Uint8Array | undefined;
  ordered: Map<SortField, Uint32Array>;
}

export interface MemberPageResult {
  total: number;
  members: Member[];
}

/**
 * Presorted member indexes per sort field (built on first use or by `warmUp`, dropped when the org
 * is rebuilt) and the matches of recent queries. A page of any query in any order, once its
 * matches are known, costs only its own members: paging through 250,000 members is one pass to
 * match and one to order, then slices.
 */
export class MemberIndex {
  private readonly sorted = new Map<SortField, Uint32Array>();
  private textCache: { all: string; offsets: Uint32Array } | undefined;
  /** Lower-case values of a text field, kept once a pattern names it (built in slices). */
  private readonly fieldTexts = new Map<TextField, Promise<FieldText>>();
  /** Matches of recent searches and filters by query text, so paging does not search again. */
  private readonly searches = new Map<string, Matches>();
  private generation = 0;
  constructor(private readonly members: () => readonly Member[]) {}

  /** Drops every index (the org was rebuilt); they are built again on first use or by `warmUp`. */
  invalidate(): void {
    this.sorted.clear();
    this.textCache = undefined;
    this.fieldTexts.clear();
    this.searches.clear();
    this.generation++;
  }

  /** Builds the username order and the search text now, so the first search does not wait for them. */
  async warmUp(): Promise<void> {
    const generation = this.generation;
    if (this.members().length === 0) return;
    this.order('username');
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (generation === this.generation) this.text();
  }

  /** A member appended to the org: the indexes built so far take it in place of a rebuild. */
  add(member: Member): void {
    const members = this.members();
    for (const [field, order] of this.sorted) {
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareMembers(field, members[order[mid]!]!, member) <= 0) lo = mid + 1;
        else hi = mid;
      }
      const next = new Uint32Array(order.length + 1);
      next.set(order.subarray(0, lo));
      next[lo] = member.index;
      next.set(order.subarray(lo), lo + 1);
      this.sorted.set(field, next);
    }
    if (this.textCache && member.index === this.textCache.offsets.length - 1) {
      const { all, offsets } = this.textCache;
      const start = offsets[offsets.length - 1]!;
      const haystack = member.haystack;
      const grown = new Uint32Array(offsets.length + 1);
      grown.set(offsets);
      grown[offsets.length] = start + haystack.length + 1;
      this.textCache = { all: `${all}\n${haystack}`, offsets: grown };
    } else this.textCache = undefined;
    this.fieldTexts.clear();
    this.searches.clear();
    this.generation++;
  }

  /**
   * `users/search`: `q` and `filter` are compiled once and their matches kept for the next pages;
   * the matching runs in slices of a few milliseconds so other requests are answered meanwhile.
   */
  search(
    req: PageRequest & { q: string; filter?: string | undefined },
    orgId: string,
  ): Promise<MemberPageResult> {
    return this.cachedPage(`q\u0000${req.q}\u0000${req.filter ?? ''}`, req, () => [
      ...compileSearch(req.q, orgId),
      ...(req.filter ? compileSearch(req.filter, orgId, 'filter') : []),
    ]);
  }

  /** The member list with filters (`portals/self/users`), its matches kept like a search's. */
  list(req: PageRequest, key: string, query: () => MemberQuery): Promise<MemberPageResult> {
    return this.cachedPage(`f\u0000${key}`, req, query);
  }

  private async cachedPage(
    key: string,
    req: PageRequest,
    compile: () => MemberQuery,
  ): Promise<MemberPageResult> {
    let matches = this.searches.get(key);
    if (matches) {
      this.searches.delete(key); // most recently used goes last
    } else {
      const query = compile();
      const generation = this.generation;
      const bits = query.length === 0 ? undefined : await this.matchesInSlices(query);
      if (generation !== this.generation) return this.page(query, req);
      matches = { bits: bits && !allSet(bits) ? bits : undefined, ordered: new Map() };
    }
    this.searches.set(key, matches);
    if (this.searches.size > SEARCH_CACHE_SIZE) this.searches.delete(this.searches.keys().next().value!);
    return this.pageOf(matches, req);
  }

  /**
   * Matches of a query, two bitmaps per search whatever its size (fresh buffers per term would
   * push the garbage collector into full collections of the whole org). A term is only tried on
   * members that its group has not matched yet and that earlier groups left in.
   */
  private async matchesInSlices(query: MemberQuery): Promise<Uint8Array | undefined> {
    const slicer = new Slicer(SEARCH_SLICE_MS);
    const members = this.members();
    const n = members.length;
    let result: Uint8Array | undefined;
    let group = new Uint8Array(n);
    for (const alternatives of query) {
      if (alternatives.length === 0) continue;
      for (const term of alternatives) {
        if (typeof term === 'function') {
          for (let i = 0; i < n; i++) {
            if (group[i] === 0 && (!result || result[i] === 1) && term(members[i]!)) group[i] = 1;
            if ((i & 1023) === 1023 && slicer.due) await slicer.yield();
          }
        } else if (isFieldPattern(term)) {
          await this.markPattern(term, group, result, slicer);
        } else {
          if (slicer.due) await slicer.yield();
          await this.markText(term.text, group, slicer);
        }
      }
      if (!result) {
        result = group;
        group = new Uint8Array(n);
      } else {
        for (let i = 0; i < n; i++) result[i]! &= group[i]!;
        group.fill(0);
      }
      if (slicer.due) await slicer.yield();
    }
    return result;
  }

  /**
   * Sets the group bit of every member (still in `result`) whose field matches the pattern. The
   * members to test are narrowed first to those whose value contains one of the pattern's longer
   * pieces, if that piece is rare enough: one search through the field's joined text instead of
   * a test per member (a query of 32 wildcard terms over 250,000 members is 32 such searches).
   */
  private async markPattern(
    term: FieldPattern,
    group: Uint8Array,
    result: Uint8Array | undefined,
    slicer: Slicer,
  ): Promise<void> {
    const { values, all, offsets } = await this.fieldText(term.field, slicer);
    const n = Math.min(values.length, group.length);
    const test = (i: number) => {
      if (group[i] === 0 && (!result || result[i] === 1) && term.match(values[i]!)) group[i] = 1;
    };
    const pieces = term.pieces
      .filter((p) => !p.includes(FIELD_SEPARATOR))
      .sort((a, b) => b.length - a.length)
      .slice(0, 3);
    const cap = Math.max(64, n >>> 4);
    for (const piece of pieces) {
      if (slicer.due) await slicer.yield();
      const hits = await membersContaining(all, offsets, piece, cap, slicer);
      if (!hits) continue;
      for (const i of hits) if (i < n) test(i);
      return;
    }
    for (let i = 0; i < n; i++) {
      test(i);
      if ((i & 1023) === 1023 && slicer.due) await slicer.yield();
    }
  }

  /** The lower-case values of a text field and their joined text, built once, a slice at a time. */
  private fieldText(field: TextField, slicer: Slicer): Promise<FieldText> {
    let text = this.fieldTexts.get(field);
    if (!text) {
      text = buildFieldText(this.members(), TEXT_FIELD_VALUE[field], slicer);
      this.fieldTexts.set(field, text);
    }
    return text;
  }

  /** Sets the bit of every member whose haystack contains `text`. */
  private async markText(text: string, bits: Uint8Array, slicer: Slicer): Promise<void> {
    const { all, offsets } = this.text();
    let m = 0;
    let hits = 0;
    let at = all.indexOf(text);
    while (at >= 0) {
      while ((offsets[m + 1] ?? Infinity) <= at) m++;
      bits[m] = 1;
      at = all.indexOf(text, offsets[m + 1] ?? all.length);
      if ((++hits & 1023) === 0 && slicer.due) await slicer.yield();
    }
  }

  private order(field: SortField): Uint32Array {
    let order = this.sorted.get(field);
    if (!order) {
      const members = this.members();
      const indexes = new Array<number>(members.length);
      for (let i = 0; i < members.length; i++) indexes[i] = members[i]!.index;
      indexes.sort(indexComparator(members, field));
      order = Uint32Array.from(indexes);
      this.sorted.set(field, order);
    }
    return order;
  }

  /** Concatenated haystacks for fast substring search, with each member's start offset. */
  private text(): { all: string; offsets: Uint32Array } {
    if (!this.textCache) {
      const members = this.members();
      const offsets = new Uint32Array(members.length + 1);
      const parts: string[] = [];
      let at = 0;
      members.forEach((m, i) => {
        const haystack = m.haystack;
        offsets[i] = at;
        parts.push(haystack);
        at += haystack.length + 1;
      });
      offsets[members.length] = at;
      this.textCache = { all: parts.join('\n'), offsets };
    }
    return this.textCache;
  }

  private termBitmap(term: SearchTerm): Uint8Array {
    const members = this.members();
    const bits = new Uint8Array(members.length);
    if (typeof term === 'function') {
      for (let i = 0; i < members.length; i++) if (term(members[i]!)) bits[i] = 1;
      return bits;
    }
    if (isFieldPattern(term)) {
      const value = TEXT_FIELD_VALUE[term.field];
      for (let i = 0; i < members.length; i++) if (term.match(value(members[i]!))) bits[i] = 1;
      return bits;
    }
    const { all, offsets } = this.text();
    let m = 0;
    let at = all.indexOf(term.text);
    while (at >= 0) {
      while ((offsets[m + 1] ?? Infinity) <= at) m++;
      bits[m] = 1;
      at = all.indexOf(term.text, offsets[m + 1] ?? all.length);
    }
    return bits;
  }

  /** Bitmap of matching members (by index), or undefined for "everyone". */
  matches(query: MemberQuery): Uint8Array | undefined {
    let result: Uint8Array | undefined;
    for (const alternatives of query) {
      let group: Uint8Array | undefined;
      for (const term of alternatives) {
        const bits = this.termBitmap(term);
        if (!group) group = bits;
        else for (let i = 0; i < bits.length; i++) group[i]! |= bits[i]!;
      }
      if (!group) continue;
      if (!result) result = group;
      else for (let i = 0; i < group.length; i++) result[i]! &= group[i]!;
    }
    return result;
  }

  page(query: MemberQuery, req: PageRequest): MemberPageResult {
    return this.pageOf({ bits: this.matches(query), ordered: new Map() }, req);
  }

  /** One page: a slice of the matching members in the requested order (built once per order). */
  private pageOf(matches: Matches, req: PageRequest): MemberPageResult {
    const members = this.members();
    const order = matches.bits ? this.matchingOrder(matches, req.sortField) : this.order(req.sortField);
    const n = order.length;
    const from = Math.max(0, req.start - 1);
    const to = Math.min(n, from + Math.max(0, req.num));
    const desc = req.sortOrder === 'desc';
    const page: Member[] = [];
    for (let j = from; j < to; j++) {
      const m = members[order[desc ? n - 1 - j : j]!];
      if (m) page.push(m);
    }
    return { total: n, members: page };
  }

  private matchingOrder(matches: Matches, field: SortField): Uint32Array {
    let ordered = matches.ordered.get(field);
    if (!ordered) {
      const bits = matches.bits!;
      const order = this.order(field);
      let count = 0;
      for (let k = 0; k < order.length; k++) if (bits[order[k]!] === 1) count++;
      ordered = new Uint32Array(count);
      let at = 0;
      for (let k = 0; k < order.length; k++) if (bits[order[k]!] === 1) ordered[at++] = order[k]!;
      matches.ordered.set(field, ordered);
    }
    return ordered;
  }
}

/** A text field's lower-case values by member index, joined with FIELD_SEPARATOR, and where each starts. */
interface FieldText {
  values: string[];
  all: string;
  offsets: Uint32Array;
}

/** Joins a field's values; a piece containing it is never searched for in the joined text. */
const FIELD_SEPARATOR = '\n';

async function buildFieldText(
  members: readonly Member[],
  value: (m: Member) => string,
  slicer: Slicer,
): Promise<FieldText> {
  const n = members.length;
  const values = new Array<string>(n);
  const offsets = new Uint32Array(n + 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const v = value(members[i]!);
    values[i] = v;
    offsets[i] = at;
    at += v.length + 1;
    if ((i & 1023) === 1023 && slicer.due) await slicer.yield();
  }
  offsets[n] = at;
  return { values, all: values.join(FIELD_SEPARATOR), offsets };
}

/**
 * The members whose value contains `piece` (once each, in index order), or undefined as soon as
 * there are more than `cap` of them (the piece is too common to narrow much).
 */
async function membersContaining(
  all: string,
  offsets: Uint32Array,
  piece: string,
  cap: number,
  slicer: Slicer,
): Promise<Uint32Array | undefined> {
  const hits = new Uint32Array(cap);
  const last = offsets.length - 2;
  let count = 0;
  let at = all.indexOf(piece);
  while (at >= 0) {
    // The member whose value holds position `at`: the last offset ≤ at.
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (offsets[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    if (count === cap) return undefined;
    hits[count++] = lo;
    at = all.indexOf(piece, offsets[lo + 1]!);
    if ((count & 1023) === 0 && slicer.due) await slicer.yield();
  }
  return hits.subarray(0, count);
}

/** Whether every member matched (the query narrows nothing). */
function allSet(bits: Uint8Array): boolean {
  for (let i = 0; i < bits.length; i++) if (bits[i] !== 1) return false;
  return true;
}
