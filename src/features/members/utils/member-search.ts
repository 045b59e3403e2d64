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

/** 32-bit words of the character-pair filter (128 bits). */
const BIGRAM_WORDS = 4;

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

/** Marks `text`'s characters and character pairs into `into` from `at` (see `marks`). */
function markText(text: string, into: Uint32Array, at: number): void {
  let chars = 0;
  let prev = -1;
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x0a) {
      prev = -1;
      continue;
    }
    chars |= 1 << charBit(c);
    if (prev >= 0) {
      const pair = (prev * 31 + c) & 127;
      into[at + 1 + (pair >>> 5)]! |= 1 << (pair & 31);
    }
    prev = c;
  }
  into[at]! |= chars;
}

/** Words per member in `MemberSearchIndex.marks`: the characters, then the bigram bits. */
const STRIDE = 1 + BIGRAM_WORDS;

export class MemberSearchIndex {
  readonly size: number;
  private readonly text: string;
  /** `starts[i]` is where member i's text begins; `starts[size]` is the text's length. */
  private readonly starts: Int32Array;
  /**
   * Per member, `STRIDE` words: which characters their text holds (`charBit`), then a 128-bit
   * filter of the character pairs it holds (`pairBit`). A member lacking a word's characters or
   * pairs can't hold the word, so it is passed over without reading its text; a one-letter word
   * is answered by the characters alone.
   */
  private readonly marks: Uint32Array;
  private last: { words: readonly string[]; matches: Int32Array } | undefined;

  constructor(members: readonly SearchableMember[]) {
    this.size = members.length;
    const starts = new Int32Array(members.length + 1);
    const marks = new Uint32Array(members.length * STRIDE);
    const parts: string[] = new Array<string>(members.length);
    let at = 0;
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!;
      // Lower-cased member by member: lower-casing can change a string's length.
      const part = `${m.username}\n${m.fullName}\n${m.email}\n`.toLowerCase();
      parts[i] = part;
      starts[i] = at;
      at += part.length;
      markText(part, marks, i * STRIDE);
    }
    starts[members.length] = at;
    this.text = parts.join('');
    this.starts = starts;
    this.marks = marks;
  }

  /**
   * Indexes (ascending) of the members matching every word, or undefined for no words (everyone).
   * Remembers the answer, so the next call for a longer query re-checks only these members.
   */
  match(words: readonly string[]): Int32Array | undefined {
    if (words.length === 0) {
      this.last = undefined;
      return undefined;
    }
    const prev = this.last;
    let matches: Int32Array;
    if (prev && narrows(prev.words, words)) {
      matches = this.recheck(prev.matches, words);
    } else {
      // The longest word first: it usually matches the fewest members.
      const [first, ...rest] = [...words].sort((a, b) => b.length - a.length);
      matches = this.recheck(this.scan(first!), rest);
    }
    this.last = { words: [...words], matches };
    return matches;
  }

  /**
   * Every member whose text holds `word`: a one-letter word from the characters each member holds;
   * a longer one by one pass over the whole text, from each hit to the next member's start.
   */
  private scan(word: string): Int32Array {
    if (word.length === 1 && charBit(word.charCodeAt(0)) < 26) return this.within(undefined, word);
    const { text, starts, size } = this;
    const out = new Int32Array(size);
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

  /** The members of `candidates` whose text holds every word. */
  private recheck(candidates: Int32Array, words: readonly string[]): Int32Array {
    let kept = candidates;
    for (const w of words) {
      // Many candidates: a pass over everyone, then the common part, is quicker than each in turn.
      kept = kept.length > this.size / 4 ? intersect(kept, this.scan(w)) : this.within(kept, w);
    }
    return kept;
  }

  /**
   * The members of `candidates` (ascending; undefined = everyone) whose text holds `word`. Members
   * without the word's characters and pairs are passed over. Of the others, a few are checked each
   * in its own text; many, by searching the text forward from each one's start, a hit beyond that
   * member skipping every candidate before the member it lies in (the text read at most once).
   */
  private within(candidates: Int32Array | undefined, word: string): Int32Array {
    const { text, starts, marks } = this;
    const count = candidates ? candidates.length : this.size;
    const need = new Uint32Array(STRIDE);
    markText(word, need, 0);
    // A single letter is answered by the characters each member holds.
    const isLetter = word.length === 1 && charBit(word.charCodeAt(0)) < 26;
    const sparse = count < this.size / 4;
    const out = new Int32Array(count);
    let found = 0;
    if (isLetter && !candidates) {
      // The first letter typed (the slowest keystroke: most members match): one bit of each member.
      const bit = need[0]!;
      for (let row = 0, at = 0; row < count; row++, at += STRIDE)
        if ((marks[at]! & bit) !== 0) out[found++] = row;
      return out.subarray(0, found);
    }
    let pos = -1;
    for (let k = 0; k < count;) {
      const row = candidates ? candidates[k]! : k;
      const at = row * STRIDE;
      let may = true;
      for (let w = 0; w < STRIDE; w++) {
        if ((need[w]! & ~marks[at + w]!) !== 0) {
          may = false;
          break;
        }
      }
      if (!may || isLetter) {
        if (may) out[found++] = row;
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
        if (pos < 0) break;
      }
      if (pos < starts[row + 1]!) {
        out[found++] = row;
        k++;
        continue;
      }
      // The next hit lies past this member: the candidates before the one holding it have none.
      k++;
      if (candidates) while (k < count && starts[candidates[k]! + 1]! <= pos) k++;
      else while (k < count && starts[k + 1]! <= pos) k++;
    }
    return out.subarray(0, found);
  }
}

/** Both ascending lists' common values. */
function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
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
