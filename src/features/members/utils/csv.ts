import Papa from 'papaparse';
import { toSafeCsv, unneutraliseCell } from '@/lib/csv';
import { parseAllocation } from '../api/allocation-schema';
import type { AllocationChange } from './changes';
import { currentAllocation } from './changes';
import type { MemberRow } from './member-rows';
import { userTypeLabel } from './member-rows';

export const NO_LIMIT_WORDS = ['no limit', 'nolimit', 'unlimited', 'none'];

function creditsCell(row: MemberRow): string | number {
  if (row.limit.kind === 'unlimited') return 'no limit';
  if (row.limit.kind === 'capped') return row.limit.assigned;
  return '';
}

/** The member view as CSV (`username,credits` first, so the file can be edited and imported back). */
export function membersToCsv(rows: readonly MemberRow[]): string {
  return toSafeCsv(
    ['username', 'credits', 'full_name', 'email', 'role', 'user_type', 'used', 'remaining', 'last_sign_in'],
    rows.map((r) => [
      r.username,
      creditsCell(r),
      r.fullName,
      r.email,
      r.roleName,
      userTypeLabel(r.userType),
      r.limit.kind === 'capped' ? r.limit.used : '',
      r.limit.kind === 'capped' ? r.limit.available : r.limit.kind === 'unlimited' ? 'no limit' : '',
      r.lastLogin === undefined ? '' : new Date(r.lastLogin).toISOString(),
    ]),
  );
}

export interface ImportProblem {
  line: number;
  message: string;
}

export interface ImportPlan {
  changes: AllocationChange[];
  unchanged: number;
  problems: ImportProblem[];
}

/** Parses and validates a `username,credits` CSV against the member index, with line numbers. */
export function planImport(text: string, rows: readonly MemberRow[]): ImportPlan {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const lines = parsed.data;
  const problems: ImportProblem[] = [];
  const changes: AllocationChange[] = [];
  let unchanged = 0;
  const header = (lines[0] ?? []).map((h) => h.trim().toLowerCase());
  const userCol = header.indexOf('username');
  const creditCol = header.indexOf('credits');
  if (userCol < 0 || creditCol < 0) {
    const missing = [userCol < 0 ? 'username' : null, creditCol < 0 ? 'credits' : null]
      .filter(Boolean)
      .join(' and ');
    return {
      changes,
      unchanged,
      problems: [{ line: 1, message: `The header row has no ${missing} column.` }],
    };
  }
  const byName = new Map(rows.map((r) => [r.username.toLowerCase(), r]));
  const seen = new Map<string, number>();
  lines.slice(1).forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const username = unneutraliseCell((cells[userCol] ?? '').trim());
    const rawCredits = unneutraliseCell((cells[creditCol] ?? '').trim());
    if (!username) {
      problems.push({ line, message: 'The username is missing.' });
      return;
    }
    const key = username.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ line, message: `${username} already appears on line ${first}.` });
      return;
    }
    seen.set(key, line);
    const row = byName.get(key);
    if (!row) {
      problems.push({ line, message: `There is no member named ${username} in this organization.` });
      return;
    }
    let to: number | null;
    if (NO_LIMIT_WORDS.includes(rawCredits.toLowerCase())) to = null;
    else if (rawCredits === '') {
      problems.push({ line, message: `Credits for ${username} are missing (write a number or "no limit").` });
      return;
    } else {
      const value = parseAllocation(rawCredits);
      if ('error' in value) {
        problems.push({ line, message: `Credits for ${username} (“${rawCredits}”): ${value.error}` });
        return;
      }
      to = value.value;
    }
    const from = currentAllocation(row);
    if (from === to) unchanged += 1;
    else changes.push({ username: row.username, from, to });
  });
  return { changes, unchanged, problems };
}
