import { describe, expect, it } from 'vitest';
import type { User } from '@/lib/arcgis/schemas';
import { parseCsvText } from '@/lib/csv-parse';
import { readAllocationsFile } from '@/lib/change-plan/allocations-csv';
import { membersToCsv } from './csv';
import { toMemberRow } from './member-rows';

function user(username: string, assignedCredits: number, extra: Partial<User> = {}): User {
  return {
    username,
    fullName: username.toUpperCase(),
    email: `${username}@example.com`,
    role: 'org_user',
    assignedCredits,
    availableCredits: assignedCredits < 0 ? 500 : assignedCredits,
    ...extra,
  };
}
const rows = [user('ann', 100), user('bob', -1), user('cy', 0)].map((u) => toMemberRow(u, true));
const isMember = (u: string) => rows.find((r) => r.username === u.toLowerCase())?.username;

describe('membersToCsv', () => {
  it('writes username,credits first with "no limit" for -1 and 0 as 0', () => {
    const table = parseCsvText(membersToCsv(rows));
    expect(table.header.slice(0, 2)).toEqual(['username', 'credits']);
    expect(table.records.map((r) => r.cells.slice(0, 2))).toEqual([
      ['ann', '100'],
      ['bob', 'no limit'],
      ['cy', '0'],
    ]);
  });
  it('neutralises a malicious full name', () => {
    const evil = toMemberRow(user('eve', 5, { fullName: '=cmd|calc' }), true);
    expect(membersToCsv([evil])).toContain("'=cmd|calc");
  });
  it('imports back as it is', () => {
    const file = readAllocationsFile(parseCsvText(membersToCsv(rows)), isMember);
    expect(file.problems).toEqual([]);
    expect(file.targets.map((t) => [t.username, t.after])).toEqual([
      ['ann', 100],
      ['bob', null],
      ['cy', 0],
    ]);
  });
  it('says it is masked in presentation mode, with no real name in it', () => {
    const text = membersToCsv(rows, true);
    expect(text).not.toMatch(/ann|ANN|bob/);
    const file = readAllocationsFile(parseCsvText(text), isMember);
    expect(file.masked).toBe(true);
    expect(file.targets).toEqual([]);
  });
});
