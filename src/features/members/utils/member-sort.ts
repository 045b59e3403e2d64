/**
 * Sorting a whole org's members fast. Comparing names with `Intl.Collator` a few million times
 * (what sorting 250,000 members takes) costs seconds, so each member's name gets a **collation
 * key** once per index load: a plain string whose code-unit order is the collator's order
 * (accents and case ignored, numbers compared as numbers, punctuation and spaces before digits
 * before letters). Sorting the keys once gives every member a name rank; a column sort is then a
 * sort of an `Int32Array` permutation by one typed array of values, ties broken by the name rank.
 */

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Compares two texts as the table orders them (the collator the keys stand in for). */
export function compareText(a: string, b: string): number {
  return collator.compare(a, b);
}

// Punctuation and spaces, weighted in the collator's own order (they sort before digits).
const PUNCTUATION = (() => {
  const chars: string[] = [];
  for (let c = 0x20; c < 0x7f; c++) {
    const ch = String.fromCharCode(c);
    if (!/[a-z0-9]/i.test(ch)) chars.push(ch);
  }
  const weights = new Map<string, string>();
  let weight = 1;
  let prev: string | undefined;
  for (const ch of chars.sort(collator.compare)) {
    if (prev !== undefined && collator.compare(prev, ch) !== 0) weight++;
    weights.set(ch, String.fromCharCode(weight));
    prev = ch;
  }
  return weights;
})();
const PLAIN = /^[a-z ._-]*$/;
const PLAIN_MARKS = /[ ._-]/g;
const OTHER_PUNCTUATION = String.fromCharCode(PUNCTUATION.size + 1);
const NUMBER_MARK = '\u002f';
// Letters with no decomposition that the collator treats as other letters at base strength.
const FOLDED: Readonly<Record<string, string>> = {
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ı: 'i',
};

function foldLetters(text: string): string {
  const lower = text.toLowerCase();
  // eslint-disable-next-line no-control-regex -- printable ASCII needs no folding
  if (/^[\x00-\x7f]*$/.test(lower)) return lower;
  return lower
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[æœøßłđı]/g, (ch) => FOLDED[ch] ?? ch);
}

/**
 * A string whose code-unit order matches the table's name order: lower-cased, accents removed,
 * each run of digits written as a mark, its length and the digits (so 2 < 10 and 02 = 2).
 * Scripts other than Latin keep their code points, after every Latin letter.
 */
export function collationKey(text: string): string {
  const s = foldLetters(text);
  // Most names and usernames: letters, spaces, dots and underscores, keyed without a walk.
  if (PLAIN.test(s)) return s.replace(PLAIN_MARKS, (ch) => PUNCTUATION.get(ch)!);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      let j = i;
      while (j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x39) j++;
      let digits = s.slice(i, j).replace(/^0+/, '');
      if (digits === '') digits = '0';
      // Lengths above 40 share one weight (no member name holds a 40-digit number).
      out += NUMBER_MARK + String.fromCharCode(0x30 + Math.min(40, digits.length)) + digits;
      i = j - 1;
    } else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x80 && /[\p{L}\p{N}]/u.test(s[i]!))) {
      out += s[i];
    } else if (/\s/.test(s[i]!)) {
      out += PUNCTUATION.get(' ');
    } else {
      out += PUNCTUATION.get(s[i]!) ?? OTHER_PUNCTUATION;
    }
  }
  return out;
}

/** What sorting reads of a member to order them by name. */
export interface NamedMember {
  username: string;
  fullName: string;
}

/**
 * A member's key in name order: the name, then (after a weight below every other) the username: one
 * key for both, since large orgs hold many members of the same name.
 */
function nameKey(m: NamedMember): string {
  return `${collationKey(m.fullName)}\u0000${collationKey(m.username)}`;
}

/**
 * Name keys kept per member object, for lists built again and again from mostly the same members
 * (a first load shows its members so far several times): each member's key is worked out once.
 */
export class NameKeys {
  private readonly keys = new WeakMap<NamedMember, string>();

  of(m: NamedMember): string {
    let key = this.keys.get(m);
    if (key === undefined) {
      key = nameKey(m);
      this.keys.set(m, key);
    }
    return key;
  }
}

let keptKeys: NameKeys | undefined;

/**
 * `buildNameOrder` for the table, whose list a first load builds again and again from mostly the same
 * members (`partial`): each member's name key is kept for the next list; the whole list reads the
 * keys kept so far, then they are let go.
 */
export function nameOrderWhileLoading(members: readonly NamedMember[], partial: boolean): NameOrder {
  if (partial) keptKeys ??= new NameKeys();
  const order = buildNameOrder(members, keptKeys);
  if (!partial) keptKeys = undefined;
  return order;
}

/** Every member's place in name order (full name, then username), computed once per index load. */
export interface NameOrder {
  /** `rank[i]`: member i's position in name order (equal names and usernames share one). */
  rank: Int32Array;
  /** Member indexes in name order. */
  order: Int32Array;
}

export function buildNameOrder(members: readonly NamedMember[], kept?: NameKeys): NameOrder {
  const n = members.length;
  const keys = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const m = members[i]!;
    keys[i] = kept ? kept.of(m) : nameKey(m);
  }
  // A plain array sorts faster than a typed one with a comparator.
  const byName = Array.from({ length: n }, (_, i) => i);
  byName.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const order = Int32Array.from(byName);
  const rank = new Int32Array(n);
  let r = 0;
  for (let k = 1; k < n; k++) {
    if (keys[order[k]!] !== keys[order[k - 1]!]) r = k;
    rank[order[k]!] = r;
  }
  return { rank, order };
}

/**
 * One column's order, from which both directions are read: the member indexes ascending (members
 * whose value is blank after the others), where each run of equal values begins, and where the
 * blanks begin. Descending is the runs taken in reverse, each still in name order, blanks still last.
 */
export interface ColumnOrder {
  ascending: Int32Array;
  /** `runStart[k]` is 1 where position k of `ascending` starts a new value. */
  runStart: Uint8Array;
  /** Members with a value; the blank ones follow them. */
  filled: number;
}

/**
 * A column's order by `values` (blank members, shown as "—", after the others), ties by name order.
 *
 * The distinct values are sorted natively (a `Float64Array`, no comparator); then each member's
 * value becomes its place among them, and a counting sort over those places, walking members in
 * name order, gives the order in two linear passes.
 */
export function columnOrder(names: NameOrder, values: Float64Array, blank?: Uint8Array): ColumnOrder {
  const n = values.length;
  let filled = 0;
  const present = new Float64Array(n);
  for (let i = 0; i < n; i++) if (!blank?.[i]) present[filled++] = values[i]!;
  const sorted = present.subarray(0, filled).sort();
  // The distinct values, ascending.
  let distinct = 0;
  for (let k = 0; k < sorted.length; k++) {
    if (distinct === 0 || sorted[k] !== sorted[distinct - 1]) sorted[distinct++] = sorted[k]!;
  }
  const steps = sorted.subarray(0, distinct);
  const { order } = names;
  const places = new Int32Array(n);
  const counts = new Int32Array(distinct + 2);
  for (let i = 0; i < n; i++) {
    const place = blank?.[i] ? distinct : lowerBound(steps, values[i]!);
    places[i] = place;
    counts[place + 1]!++;
  }
  for (let p = 1; p < counts.length; p++) counts[p]! += counts[p - 1]!;
  const runStart = new Uint8Array(n);
  for (let p = 0; p < distinct; p++) runStart[counts[p]!] = 1;
  // Walking members in name order keeps name order within each value.
  const ascending = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    ascending[counts[places[i]!]!++] = i;
  }
  return { ascending, runStart, filled };
}

/** The member indexes of a column's order in one direction (a linear pass for descending). */
export function directed(column: ColumnOrder, descending: boolean): Int32Array {
  const { ascending, runStart, filled } = column;
  if (!descending) return ascending;
  const out = new Int32Array(ascending.length);
  let at = 0;
  let end = filled;
  for (let k = filled - 1; k >= 0; k--) {
    if (!runStart[k]) continue;
    for (let j = k; j < end; j++) out[at++] = ascending[j]!;
    end = k;
  }
  out.set(ascending.subarray(filled), at);
  return out;
}

/**
 * Member indexes ordered by `values` (ascending, or descending with `descending`), members whose
 * value is blank (shown as "—") after the others in either direction, ties by name order.
 */
export function orderBy(
  names: NameOrder,
  values: Float64Array,
  options: { descending?: boolean; blank?: Uint8Array } = {},
): Int32Array {
  return directed(columnOrder(names, values, options.blank), options.descending ?? false);
}

/** The first position in ascending `sorted` whose value is ≥ `value`. */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Ranks texts with few distinct values (role names, user types) in the collator's order. */
export function textRanks(texts: readonly string[]): Float64Array {
  const distinct = [...new Set(texts)].sort(compareText);
  const rankOf = new Map<string, number>();
  distinct.forEach((t, i) => {
    const prev = distinct[i - 1];
    rankOf.set(t, prev !== undefined && compareText(prev, t) === 0 ? rankOf.get(prev)! : i);
  });
  const out = new Float64Array(texts.length);
  for (let i = 0; i < texts.length; i++) out[i] = rankOf.get(texts[i]!)!;
  return out;
}
