import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { User } from '@/lib/arcgis/schemas';
import { membersToCsv, planImport } from './csv';
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

describe('membersToCsv', () => {
  it('writes username,credits first with "no limit" for -1 and 0 as 0', () => {
    const data = Papa.parse<string[]>(membersToCsv(rows)).data;
    expect(data[0]?.slice(0, 2)).toEqual(['username', 'credits']);
    expect(data.slice(1).map((r) => r.slice(0, 2))).toEqual([
      ['ann', '100'],
      ['bob', 'no limit'],
      ['cy', '0'],
    ]);
  });
  it('neutralises a malicious full name', () => {
    const evil = toMemberRow(user('eve', 5, { fullName: '=cmd|calc' }), true);
    expect(membersToCsv([evil])).toContain("'=cmd|calc");
  });
  it('round-trips through planImport with nothing to change', () => {
    expect(planImport(membersToCsv(rows), rows)).toEqual({ changes: [], unchanged: 3, problems: [] });
  });
});

describe('planImport', () => {
  it('plans changes and reports each bad row with its line number', () => {
    const more = [...rows, ...['dan', 'eve', 'fay'].map((n) => toMemberRow(user(n, 10), true))];
    const csv = [
      'username,credits',
      'ann,50',
      'bob,40',
      'cy,no limit',
      'zed,10',
      'ann,60',
      'dan,',
      'eve,-4',
      'fay,abc',
      '',
      ',5',
    ].join('\n');
    const plan = planImport(csv, more);
    expect(plan.changes).toEqual([
      { username: 'ann', from: 100, to: 50 },
      { username: 'bob', from: null, to: 40 },
      { username: 'cy', from: 0, to: null },
    ]);
    expect(plan.problems.map((p) => p.line)).toEqual([5, 6, 7, 8, 9, 11]);
    expect(plan.problems[0]?.message).toMatch(/no member named zed/);
    expect(plan.problems[1]?.message).toMatch(/already appears on line 2/);
    expect(plan.problems[2]?.message).toMatch(/missing/);
    expect(plan.problems[3]?.message).toMatch(/negative/);
    expect(plan.problems[4]?.message).toMatch(/Enter a number/);
    expect(plan.problems[5]?.message).toMatch(/username is missing/);
  });
  it('needs username and credits columns', () => {
    expect(planImport('user,amount\nann,5', rows).problems).toEqual([
      { line: 1, message: 'The header row has no username and credits column.' },
    ]);
  });
});
