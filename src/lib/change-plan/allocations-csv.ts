import { parseCreditAmount } from '@/lib/credit-amount';
import { clipText, type CsvProblem, type CsvTable } from '@/lib/csv-parse';
import { toSafeCsv, unneutraliseCell } from '@/lib/csv';
import type { Allocation } from './plan';

/**
 * The one CSV dialect for allocations. Every allocations file the console writes (the member
 * export, the record before turning budgeting off, a preview, an outcome, the journal) has a
 * `username` and a `credits` column (`no limit` for no limit), and any of them imports back as it
 * is: other columns are ignored. Files exported in presentation mode carry aliases in a
 * `masked_username` column instead, and the import says why it can't apply them.
 */

export const NO_LIMIT_CELL = 'no limit';
const NO_LIMIT_WORDS = ['no limit', 'nolimit', 'unlimited', 'none'];
export const MASKED_USERNAME_COLUMN = 'masked_username';

export type CsvCell = string | number;

/** A machine-readable credits cell: a plain number (≤ 3 decimals), `no limit`, or empty when unknown. */
export function creditsCell(value: Allocation | undefined): CsvCell {
  if (value === undefined) return '';
  if (value === null) return NO_LIMIT_CELL;
  return Math.round(value * 1000) / 1000;
}

export interface AllocationsCsvRow {
  /** The real username, or the alias when `masked`. */
  username: string;
  credits: Allocation | undefined;
  /** Further columns, in `columns` order. */
  extra?: readonly CsvCell[];
}

/** Writes rows in the allocations dialect: `username,credits,<columns…>`. */
export function allocationsCsv(
  rows: readonly AllocationsCsvRow[],
  opts: { columns?: readonly string[]; masked?: boolean } = {},
): string {
  const header = [opts.masked ? MASKED_USERNAME_COLUMN : 'username', 'credits', ...(opts.columns ?? [])];
  return toSafeCsv(
    header,
    rows.map((r) => [r.username, creditsCell(r.credits), ...(r.extra ?? [])]),
  );
}

export interface AllocationTarget {
  username: string;
  after: Allocation;
  line: number;
}

/** A problem with one row; `name` is the username as the file wrote it, when the message quotes it. */
export interface AllocationsProblem extends CsvProblem {
  name?: string;
}

export interface AllocationsFile {
  targets: AllocationTarget[];
  problems: AllocationsProblem[];
  /** The file was exported in presentation mode: it names aliases, not members. */
  masked: boolean;
  /**
   * Why the file as a whole can't be used (no username/credits header, a presentation-mode
   * export, no rows under the header); then there are no targets and no row problems.
   */
  fileProblem?: string;
  /**
   * With a missing-columns `fileProblem`: the file's first row as written (cells joined by ", ",
   * shortened), to show what the file has instead. It may name a member: not for presentation mode.
   */
  firstRow?: string;
}

export const MASKED_FILE_MESSAGE =
  'This file was exported in presentation mode: it names members by alias (such as member4821), not by username, so it can’t be applied. Turn presentation mode off, export again, and import that file.';

export const NO_ROWS_MESSAGE =
  'This file has a header row but no members under it: add one row per member (username,credits).';

/** Why a header row is not an allocations header: the columns it lacks and what the file needs. */
export function missingColumnsMessage(hasUsername: boolean, hasCredits: boolean): string {
  const missing = [!hasUsername && '“username”', !hasCredits && '“credits”'].filter(Boolean).join(' and ');
  return (
    `This file has no ${missing} ${!hasUsername && !hasCredits ? 'columns' : 'column'}. An allocations ` +
    'file starts with a header row naming its columns, “username” and “credits” (a number, or “no limit”), ' +
    'then has one member per row; other columns are ignored.'
  );
}

/**
 * Reads an allocations file (already parsed by `parseCsvFile`) into per-member targets, with a
 * line-numbered problem for every row that can't be used, or one `fileProblem` when the file as a
 * whole can't be. `isMember` names the org's members.
 */
export function readAllocationsFile(
  table: CsvTable,
  isMember: (username: string) => string | undefined,
): AllocationsFile {
  const header = table.header.map((h) => unneutraliseCell(h.trim()).toLowerCase());
  const problems: AllocationsProblem[] = [...table.problems];
  const targets: AllocationTarget[] = [];
  const userCol = header.indexOf('username');
  const creditCol = header.indexOf('credits');
  if (userCol < 0 && header.includes(MASKED_USERNAME_COLUMN)) {
    return { targets, problems: [], masked: true, fileProblem: MASKED_FILE_MESSAGE };
  }
  if (userCol < 0 || creditCol < 0) {
    const fileProblem = missingColumnsMessage(userCol >= 0, creditCol >= 0);
    const firstRow = clipText(
      table.header
        .map((h) => h.trim())
        .filter(Boolean)
        .join(', '),
      120,
    );
    return { targets, problems: [], masked: false, fileProblem, firstRow };
  }
  if (table.records.length === 0 && table.problems.length === 0) {
    return { targets, problems: [], masked: false, fileProblem: NO_ROWS_MESSAGE };
  }
  const seen = new Map<string, number>();
  for (const { line, cells } of table.records) {
    const raw = unneutraliseCell((cells[userCol] ?? '').trim());
    const rawCredits = unneutraliseCell((cells[creditCol] ?? '').trim());
    if (!raw) {
      problems.push({ line, message: 'The username is missing.' });
      continue;
    }
    const key = raw.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ line, name: raw, message: `${raw} already appears on line ${first}.` });
      continue;
    }
    seen.set(key, line);
    const username = isMember(raw);
    if (username === undefined) {
      problems.push({ line, name: raw, message: `There is no member named ${raw} in this organization.` });
      continue;
    }
    let after: Allocation;
    if (NO_LIMIT_WORDS.includes(rawCredits.toLowerCase())) after = null;
    else if (rawCredits === '') {
      problems.push({
        line,
        name: raw,
        message: `Credits for ${raw} are missing (write a number or “no limit”).`,
      });
      continue;
    } else {
      const value = parseCreditAmount(rawCredits);
      if ('error' in value) {
        problems.push({ line, name: raw, message: `Credits for ${raw} (“${rawCredits}”): ${value.error}` });
        continue;
      }
      after = value.value;
    }
    targets.push({ username, after, line });
  }
  return { targets, problems, masked: false };
}
