import { badRequest } from './errors.ts';

/**
 * The part of ArcGIS's search syntax (`q` of `search` and `community/groups`) the demo portal
 * understands: terms joined by AND (or by spaces, which it reads as AND too), each either a
 * fielded term `field:value` / `field:"quoted value"` or free text. Parentheses around the whole
 * query, or around single terms, are accepted. OR and NOT are refused with a clear message.
 */

export interface QueryTerm {
  /** Lower-case field name, or undefined for free text. */
  field: string | undefined;
  /** Lower-case value without quotes. */
  value: string;
}

export const MAX_QUERY_LENGTH = 2048;
const MAX_TERMS = 32;

const TERM = /\s*(?:([A-Za-z]+):)?(?:"([^"]*)"|([^\s"()]+))\s*/y;

export function parseSearchQuery(q: string | undefined, allowedFields: readonly string[]): QueryTerm[] {
  const text = (q ?? '').trim();
  if (text.length > MAX_QUERY_LENGTH)
    throw badRequest(`Invalid 'q': at most ${MAX_QUERY_LENGTH} characters.`);
  const cleaned = text.replace(/[()]/g, ' ');
  const terms: QueryTerm[] = [];
  TERM.lastIndex = 0;
  let at = 0;
  while (at < cleaned.length) {
    TERM.lastIndex = at;
    const m = TERM.exec(cleaned);
    if (!m) {
      if (cleaned.slice(at).trim() === '') break;
      throw badRequest(`Invalid 'q' "${text}": could not read it near "${cleaned.slice(at, at + 20)}".`);
    }
    at = TERM.lastIndex;
    const field = m[1]?.toLowerCase();
    const value = (m[2] ?? m[3] ?? '').toLowerCase();
    if (field === undefined && (value === 'and' || value === '&&')) continue;
    if (field === undefined && (value === 'or' || value === 'not' || value === '||')) {
      throw badRequest(`Invalid 'q' "${text}": the demo portal joins terms with AND only.`);
    }
    if (field !== undefined && !allowedFields.includes(field)) {
      throw badRequest(`Invalid 'q': unknown field "${field}"; use ${allowedFields.join(', ')}.`);
    }
    if (value === '' && field === undefined) continue;
    terms.push({ field, value });
    if (terms.length > MAX_TERMS) throw badRequest(`Invalid 'q': at most ${MAX_TERMS} terms.`);
  }
  return terms;
}

/** `value` with trailing `*` is a prefix; otherwise exact (both lower-case). */
export function matchesExact(candidate: string, value: string): boolean {
  const c = candidate.toLowerCase();
  return value.endsWith('*') ? c.startsWith(value.slice(0, -1)) : c === value;
}

/** Every word of `value` occurs in `candidate` (lower-case). */
export function matchesWords(candidate: string, value: string): boolean {
  const c = candidate.toLowerCase();
  return value
    .split(/\s+/)
    .filter((w) => w !== '')
    .every((w) => c.includes(w.replace(/\*$/, '')));
}
