/**
 * Member search over the whole org, built once per index load so a keystroke only scans.
 *
 * Matching rule: the query is split into words at whitespace; a member matches when **every**
 * word is found, in any order, as a substring (case-insensitive) of their username, full name or
 * email — "smith ingrid" finds Ingrid Smith, "ingr smi" too, and a single word behaves as it always
 * has ("garc" finds Garcia, "example.org" finds everyone at that domain). Substrings rather than
 * word starts, because people paste fragments of emails and usernames ("jsmith_", "@dept.").
 * A word never spans two fields.
 *
 * The index is one lower-cased string holding every member's fields, newline-separated (a word
 * never holds whitespace, so a match can't cross fields or members), and the offset of each
 * member in it. One `indexOf` pass over that string finds every member holding a word; a word
 * typed onto the previous query (the usual keystroke) only re-checks the members that matched
 * before.
 *
 * An email domain many members share (an org's own, usually a third of its text) is kept once, not
 * once per member: the member's text keeps the email up to its "@", and a word is looked for in the
 * few shared domains first. Members of a domain holding the word match without their text being
 * read; a word spanning the "@" ("patel@river") matches members of a domain starting with what
 * follows the "@" whose email, up to it, ends with what comes before.
 */

/** What search reads of a member: the slim index record and the table row both fit. */
export interface SearchableMember {
  username: string;
  fullName: string;
  email: string;
}

/** The words of a query: lower-cased, split at whitespace, without repeats or blanks. */
export function searchWords(query: string): string[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  // A word inside another word adds nothing ("an ann" = "ann").
  return [...new Set(words)].filter((w, i, all) => !all.some((o, j) => j !== i && o !== w && o.includes(w)));
}

/** Whether every member matching `next` also matches `prev` (each old word lies inside a new one). */
export function narrows(prev: readonly string[], next: readonly string[]): boolean {
  return prev.every((p) => next.some((n) => n.includes(p)));
}

/** Members who must share an email domain for it to be kept once (see the file's comment). */
const SHARED_DOMAIN = 16;

/** A character's bit: a–z their own (0–25), then digits, a few marks, and all the rest. */
function charBit(c: number): number {
  if (c >= 0x61 && c <= 0x7a) return c - 0x61;
  if (c >= 0x30 && c <= 0x39) return 26;
  if (c === 0x2e) return 27; // .
  if (c === 0x40) return 28; // @
  if (c === 0x5f) return 29; // _
  if (c === 0x2d) return 30; // -
  return 31;
}

/**
 * Character pairs: each pair of letters a–z has a bit of its own (676); every other pair (a digit,
 * a mark, a letter outside a–z) shares one of `OTHER_PAIRS` bits with others.
 */
const OTHER_PAIRS = 60;
/** 32-bit words of pair bits per member: 736 bits. */
const PAIR_WORDS = 23;

function pairBit(a: number, b: number): number {
  const x = charBit(a);
  const y = charBit(b);
  if (x < 26 && y < 26) return x * 26 + y;
  return 676 + ((a * 31 + b) % OTHER_PAIRS);
}

/** Whether the bits alone answer `word`: one letter a–z, or two. */
function answeredByBits(word: string): boolean {
  return (
    charBit(word.charCodeAt(0)) < 26 &&
    (word.length === 1 || (word.length === 2 && charBit(word.charCodeAt(1)) < 26))
  );
}

/**
 * Marks `text`'s characters into `chars[i]`, and its character pairs into `pairs`: pair bit b of
 * member i is bit `b & 31` of `pairs[(b >>> 5) * size + i]` (one plane of `size` words per 32
 * pairs, so a word's one or two pairs are read from one or two runs of memory).
 */
function markText(text: string, chars: Uint32Array, pairs: Uint32Array, i: number, size: number): void {
  let bits = 0;
  let prev = -1;
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x0a) {
      prev = -1;
      continue;
    }
    bits |= 1 << charBit(c);
    if (prev >= 0) {
      const pair = pairBit(prev, c);
      pairs[(pair >>> 5) * size + i]! |= 1 << (pair & 31);
    }
    prev = c;
  }
  chars[i]! |= bits;
}

export class MemberSearchIndex {
  readonly size: number;
  private readonly text: string;
  /** `starts[i]` is where member i's text begins; `starts[size]` is the text's length. */
  private readonly starts: Int32Array;
  /**
   * Per member, which characters their text holds (`charBit`, one word each, side by side so the
   * first letter typed reads 4 bytes a member) and, in `pairs`, which character pairs (`pairBit`,
   * laid out as `markText` says). A member lacking a word's characters or pairs can't hold the
   * word, so it is passed over without reading its text; a word of one letter, or of two letters
   * a–z, is answered by these bits alone.
   */
  private readonly chars: Uint32Array;
  private readonly pairs: Uint32Array;
  /** The shared email domains, and each member's (-1: their email is whole in their text). */
  private readonly domains: readonly string[];
  private readonly domainOf: Int32Array;
  private last: { words: readonly string[]; matches: Int32Array } | undefined;
  /** Lists of `size + 1` members reused for answers (see `match`). */
  private readonly pool: Int32Array[] = [];
  /** While `answer` runs: every list is new. */
  private owned = false;

  constructor(members: readonly SearchableMember[]) {
    const n = members.length;
    this.size = n;
    // Lower-cased member by member: lower-casing can change a string's length.
    const emails = new Array<string>(n);
    const sharing = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const email = members[i]!.email.toLowerCase();
      emails[i] = email;
      const at = email.indexOf('@');
      if (at < 0 || at !== email.lastIndexOf('@') || at === email.length - 1) continue;
      const domain = email.slice(at + 1);
      sharing.set(domain, (sharing.get(domain) ?? 0) + 1);
    }
    const domainIds = new Map<string, number>();
    const domains: string[] = [];
    for (const [domain, count] of sharing) {
      if (count < SHARED_DOMAIN) continue;
      domainIds.set(domain, domains.length);
      domains.push(domain);
    }
    const domainOf = new Int32Array(n).fill(-1);
    const starts = new Int32Array(n + 1);
    const chars = new Uint32Array(n);
    const pairs = new Uint32Array(n * PAIR_WORDS);
    const parts: string[] = new Array<string>(n);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const m = members[i]!;
      let email = emails[i]!;
      if (domains.length > 0) {
        const sign = email.indexOf('@');
        const id = sign < 0 ? undefined : domainIds.get(email.slice(sign + 1));
        if (id !== undefined) {
          domainOf[i] = id;
          email = email.slice(0, sign + 1);
        }
      }
      const part = `${m.username}\n${m.fullName}\n`.toLowerCase() + `${email}\n`;
      parts[i] = part;
      starts[i] = at;
      at += part.length;
      markText(part, chars, pairs, i, n);
    }
    starts[n] = at;
    this.text = parts.join('');
    this.starts = starts;
    this.chars = chars;
    this.pairs = pairs;
    this.domains = domains;
    this.domainOf = domainOf;
  }

  /**
   * How a word is found in the shared domains: which domains hold it (or, for a word with an "@",
   * start with what follows it) and what the email must end with before the "@" (`tail`, "" for a
   * word without one). Undefined when no shared domain can hold it.
   */
  private viaDomain(word: string): { hits: Uint8Array; tail: string } | undefined {
    const { domains } = this;
    if (domains.length === 0) return undefined;
    const sign = word.indexOf('@');
    const after = sign < 0 ? word : word.slice(sign + 1);
    // A domain holds no "@": a word with two can only be in a member's own text.
    if (sign >= 0 && after.includes('@')) return undefined;
    const hits = new Uint8Array(domains.length);
    let any = false;
    for (let d = 0; d < domains.length; d++) {
      if (sign < 0 ? domains[d]!.includes(after) : domains[d]!.startsWith(after)) {
        hits[d] = 1;
        any = true;
      }
    }
    return any ? { hits, tail: sign < 0 ? '' : `${word.slice(0, sign)}@\n` } : undefined;
  }

  /** Whether member `row`'s shared-domain email holds the word `via` was worked out for. */
  private domainHolds(row: number, via: { hits: Uint8Array; tail: string }): boolean {
    const d = this.domainOf[row]!;
    if (d < 0 || via.hits[d] !== 1) return false;
    // The text ends with the email up to its "@" and a newline: it must end with the word's start.
    return via.tail === '' || this.text.startsWith(via.tail, this.starts[row + 1]! - via.tail.length);
  }

  /**
   * Indexes (ascending) of the members matching every word, or undefined for no words (everyone).
   * Remembers the answer, so the next call for a longer query re-checks only these members, and
   * the same query again is answered at once.
   *
   * The answer is a view of a list this index reuses: it holds until the next call, so read it (or
   * copy what you keep) before searching again. Lists of a whole org are kept and reused because
   * fresh memory costs more than the search itself: about 1 ms per 250 kB first written.
   */
  match(words: readonly string[]): Int32Array | undefined {
    if (words.length === 0) {
      this.last = undefined;
      return undefined;
    }
    const prev = this.last;
    if (prev && prev.words.length === words.length && prev.words.every((w, i) => w === words[i]))
      return prev.matches;
    let matches: Int32Array;
    if (prev && narrows(prev.words, words)) {
      matches = this.recheck(prev.matches, words, prev.matches);
    } else {
      // The longest word first: it usually matches the fewest members.
      const [first, ...rest] = [...words].sort((a, b) => b.length - a.length);
      matches = this.recheck(this.scan(first!, []), rest, undefined);
    }
    this.last = { words: [...words], matches };
    return matches;
  }

  /**
   * The members matching every word in memory of their own (not reused), without changing what
   * `match` remembers: for an answer kept past the next search.
   */
  answer(words: readonly string[]): Int32Array | undefined {
    if (words.length === 0) return undefined;
    const saved = this.last;
    this.last = undefined;
    this.owned = true;
    try {
      return this.match(words);
    } finally {
      this.owned = false;
      this.last = saved;
    }
  }

  /** A list of `size + 1` members for an answer, not the memory of any list in `busy`. */
  private scratch(busy: readonly (Int32Array | undefined)[]): Int32Array {
    if (this.owned) return new Int32Array(this.size + 1);
    for (const list of this.pool) if (!busy.some((b) => b?.buffer === list.buffer)) return list;
    const list = new Int32Array(this.size + 1);
    this.pool.push(list);
    return list;
  }

  /**
   * Every member whose text holds `word`: a word of one or two letters from the bits each member
   * has; a longer one by one pass over the whole text, from each hit to the next member's start.
   */
  private scan(word: string, busy: readonly (Int32Array | undefined)[]): Int32Array {
    if (answeredByBits(word)) return this.within(undefined, word, busy);
    const via = this.viaDomain(word);
    if (via) return this.within(undefined, word, busy, via);
    const { text, starts } = this;
    const out = this.scratch(busy);
    let count = 0;
    let row = 0;
    let pos = text.indexOf(word);
    while (pos >= 0) {
      // Positions only grow, so the member holding `pos` is found by walking forward.
      while (starts[row + 1]! <= pos) row++;
      out[count++] = row;
      pos = text.indexOf(word, starts[row + 1]);
    }
    return out.subarray(0, count);
  }

  /** The members of `candidates` whose text holds every word (`last`: the answer kept meanwhile). */
  private recheck(
    candidates: Int32Array,
    words: readonly string[],
    last: Int32Array | undefined,
  ): Int32Array {
    let kept = candidates;
    for (const w of words) {
      // Many candidates: a pass over everyone, then the common part, is quicker than each in turn.
      if (kept.length > this.size / 4) {
        const hits = this.scan(w, [last, kept]);
        kept = intersect(kept, hits, this.scratch([last, kept, hits]));
      } else kept = this.within(kept, w, [last, kept]);
    }
    return kept;
  }

  /**
   * The members of `candidates` (ascending; undefined = everyone) whose text holds `word`. Members
   * without the word's characters and pairs are passed over. Of the others, a few are checked each
   * in its own text; many, by searching the text forward from each one's start, a hit beyond that
   * member skipping every candidate before the member it lies in (the text read at most once).
   */
  private within(
    candidates: Int32Array | undefined,
    word: string,
    busy: readonly (Int32Array | undefined)[],
    via = this.viaDomain(word),
  ): Int32Array {
    const { text, starts, chars, pairs, size } = this;
    const count = candidates ? candidates.length : size;
    const sparse = count < size / 4;
    const out = this.scratch(busy);
    let found = 0;
    if (answeredByBits(word)) {
      const first = word.charCodeAt(0);
      // The first letters typed (the slowest keystrokes: most members match): one bit a member.
      const pair = word.length === 1 ? charBit(first) : pairBit(first, word.charCodeAt(1));
      const plane =
        word.length === 1 ? chars : pairs.subarray((pair >>> 5) * size, ((pair >>> 5) + 1) * size);
      const bit = pair & 31;
      if (!candidates && !via) {
        // Without a branch: which members hold the letters is as good as random to the processor.
        for (let row = 0; row < count; row++) {
          out[found] = row;
          found += (plane[row]! >>> bit) & 1;
        }
        return out.subarray(0, found);
      }
      for (let k = 0; k < count; k++) {
        const row = candidates ? candidates[k]! : k;
        if (((plane[row]! >>> bit) & 1) !== 0 || (via && this.domainHolds(row, via))) out[found++] = row;
      }
      return out.subarray(0, found);
    }
    // The characters and the pair planes the word needs bits of (n letters: at most n - 1 pairs).
    const needChars = new Uint32Array(1);
    const need = new Uint32Array(PAIR_WORDS);
    markText(word, needChars, need, 0, 1);
    const bits = needChars[0]!;
    const planes: number[] = [];
    const masks: number[] = [];
    for (let w = 0; w < PAIR_WORDS; w++) {
      if (need[w] === 0) continue;
      planes.push(w * size);
      masks.push(need[w]!);
    }
    const needed = planes.length;
    let pos = -1;
    for (let k = 0; k < count;) {
      const row = candidates ? candidates[k]! : k;
      if (via && this.domainHolds(row, via)) {
        out[found++] = row;
        k++;
        continue;
      }
      let may = (bits & ~chars[row]!) === 0;
      for (let j = 0; may && j < needed; j++) may = (masks[j]! & ~pairs[planes[j]! + row]!) === 0;
      if (!may) {
        k++;
        continue;
      }
      const from = starts[row]!;
      if (sparse) {
        // Few candidates: read only their own text (a search forward could read far past them).
        if (text.slice(from, starts[row + 1]).includes(word)) out[found++] = row;
        k++;
        continue;
      }
      if (pos < from) {
        pos = text.indexOf(word, from);
        if (pos < 0) {
          if (!via) break;
          // No text further on holds the word; a shared domain still may.
          pos = text.length;
        }
      }
      if (pos < starts[row + 1]!) {
        out[found++] = row;
        k++;
        continue;
      }
      // The next hit lies past this member: the candidates before the one holding it have none in
      // their text (a shared domain may still hold it).
      for (k++; k < count; k++) {
        const next = candidates ? candidates[k]! : k;
        if (starts[next + 1]! > pos) break;
        if (via && this.domainHolds(next, via)) out[found++] = next;
      }
    }
    return out.subarray(0, found);
  }
}

/** Both ascending lists' common values, written into `out`. */
function intersect(a: Int32Array, b: Int32Array, out: Int32Array): Int32Array {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, n);
}
