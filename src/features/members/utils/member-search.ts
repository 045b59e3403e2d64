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

export class MemberSearchIndex {
  readonly size: number;
  private readonly text: string;
  /** `starts[i]` is where member i's text begins; `starts[size]` is the text's length. */
  private readonly starts: Int32Array;
  private last: { words: readonly string[]; matches: Int32Array } | undefined;

  constructor(members: readonly SearchableMember[]) {
    this.size = members.length;
    const starts = new Int32Array(members.length + 1);
    const parts: string[] = new Array<string>(members.length);
    let at = 0;
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!;
      // Lower-cased member by member: lower-casing can change a string's length.
      const part = `${m.username}\n${m.fullName}\n${m.email}\n`.toLowerCase();
      parts[i] = part;
      starts[i] = at;
      at += part.length;
    }
    starts[members.length] = at;
    this.text = parts.join('');
    this.starts = starts;
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

  /** Every member whose text holds `word`: one pass over the whole text. */
  private scan(word: string): Int32Array {
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
    return out.slice(0, count);
  }

  /** The members of `candidates` whose text holds every word. */
  private recheck(candidates: Int32Array, words: readonly string[]): Int32Array {
    if (words.length === 0) return candidates;
    // Many candidates: intersecting full scans is faster than testing each member.
    if (candidates.length > this.size / 4) {
      let kept = candidates;
      for (const w of words) kept = intersect(kept, this.scan(w));
      return kept;
    }
    const { text, starts } = this;
    const out = new Int32Array(candidates.length);
    let count = 0;
    for (let k = 0; k < candidates.length; k++) {
      const row = candidates[k]!;
      const own = text.slice(starts[row], starts[row + 1]);
      let ok = true;
      for (const w of words) {
        if (!own.includes(w)) {
          ok = false;
          break;
        }
      }
      if (ok) out[count++] = row;
    }
    return out.slice(0, count);
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
  return out.slice(0, n);
}
