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
    let kept = candidates;
    for (const w of words) kept = this.within(kept, w);
    return kept;
  }

  /**
   * The members of `candidates` (ascending) whose text holds `word`. Searches forward from each
   * candidate's start; a hit beyond that member skips every candidate before the member it lies
   * in. So the text is read at most once, nothing is copied, and few candidates read little of it.
   */
  private within(candidates: Int32Array, word: string): Int32Array {
    const { text, starts } = this;
    const out = new Int32Array(candidates.length);
    let count = 0;
    let pos = -1;
    for (let k = 0; k < candidates.length;) {
      const row = candidates[k]!;
      const from = starts[row]!;
      if (pos < from) {
        pos = text.indexOf(word, from);
        if (pos < 0) break;
      }
      if (pos < starts[row + 1]!) {
        out[count++] = row;
        k++;
        continue;
      }
      // The next hit lies past this member: the candidates before the one holding it have none.
      k++;
      while (k < candidates.length && starts[candidates[k]! + 1]! <= pos) k++;
    }
    return out.slice(0, count);
  }
}
