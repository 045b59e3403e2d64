import { describe, expect, it } from 'vitest';
import type { User } from '@/lib/arcgis/schemas';
import { filterRows, sortRows, toMemberRow, userTypeLabel } from './member-rows';

function makeUsers(n: number): User[] {
  return Array.from({ length: n }, (_, i) => ({
    username: `user${i}`,
    fullName: `Person ${i} Lastname${i % 97}`,
    email: `user${i}@example.org`,
    role: i % 10 === 0 ? 'org_admin' : 'org_user',
    userLicenseTypeId: i % 3 === 0 ? 'creatorUT' : 'viewerUT',
    assignedCredits: i % 4 === 0 ? -1 : i % 200,
    availableCredits: i % 4 === 0 ? 1000 : (i % 200) / 2,
  }));
}

describe('member rows', () => {
  it('sorts no limit above every cap and 0 as a real zero', () => {
    const rows = makeUsers(8).map((u) => toMemberRow(u, true));
    const desc = sortRows(rows, { key: 'allocated', dir: 'desc' });
    expect(desc[0]?.limit.kind).toBe('unlimited');
    const asc = sortRows(rows, { key: 'allocated', dir: 'asc' });
    expect(asc[0]?.limit).toMatchObject({ kind: 'capped', assigned: 1 });
  });

  it('filters by status: at risk includes exhausted, exhausted has nothing left', () => {
    const rows = makeUsers(400).map((u) => toMemberRow(u, true));
    const exhausted = filterRows(rows, { q: '', role: '', type: '', status: 'exhausted' });
    const atRisk = filterRows(rows, { q: '', role: '', type: '', status: 'at-risk' });
    for (const r of exhausted) expect(r.limit).toMatchObject({ kind: 'capped', available: 0 });
    expect(atRisk.length).toBeGreaterThanOrEqual(exhausted.length);
  });
  it('counts a member who has used exactly 80 % as at risk, and 79.9 % as not', () => {
    const [eighty, below] = [
      { username: 'eighty', assignedCredits: 50, availableCredits: 10 },
      { username: 'below', assignedCredits: 1000, availableCredits: 201 },
    ].map((u) => toMemberRow(u, true));
    expect(eighty?.status).toBe('at-risk');
    expect(below?.status).toBe('capped');
    const atRisk = filterRows([eighty!, below!], { q: '', role: '', type: '', status: 'at-risk' });
    expect(atRisk.map((r) => r.username)).toEqual(['eighty']);
  });
  it('puts "—" rows after the numbers in both directions, and breaks ties by the displayed name', () => {
    const rows = [
      { username: 'zz_nolimit', fullName: 'Adam No Limit', assignedCredits: -1, availableCredits: 500 },
      { username: 'aa_b', fullName: 'Zoe Tied', assignedCredits: 100, availableCredits: 50 },
      { username: 'bb_a', fullName: 'Anna Tied', assignedCredits: 100, availableCredits: 50 },
      { username: 'cc', fullName: 'Carl Low', assignedCredits: 100, availableCredits: 90 },
    ].map((u) => toMemberRow(u, true));
    const names = (key: 'used', dir: 'asc' | 'desc') => sortRows(rows, { key, dir }).map((r) => r.fullName);
    expect(names('used', 'asc')).toEqual(['Carl Low', 'Anna Tied', 'Zoe Tied', 'Adam No Limit']);
    expect(names('used', 'desc')).toEqual(['Anna Tied', 'Zoe Tied', 'Carl Low', 'Adam No Limit']);
  });

  it('finds a name typed in either order', () => {
    const rows = [
      { username: 'ismith', fullName: 'Ingrid Smith' },
      { username: 'other', fullName: 'Ingrid Other' },
    ].map((u) => toMemberRow(u, true));
    const found = filterRows(rows, { q: 'smith ingrid', role: '', type: '', status: '' });
    expect(found.map((r) => r.username)).toEqual(['ismith']);
  });

  // The keystroke budget over 50,000 members is checked by `npm run bench` (search keystroke median).
});

describe('user type names', () => {
  it("uses today's names for ArcGIS Online's IDs and keeps unknown IDs readable", () => {
    expect(userTypeLabel('GISProfessionalAdvUT')).toBe('Professional Plus');
    expect(userTypeLabel('GISProfessionalStdUT')).toBe('Professional');
    expect(userTypeLabel('fieldWorkerUT')).toBe('Mobile Worker');
    expect(userTypeLabel('editorUT')).toBe('Contributor');
    expect(userTypeLabel('storytellerUT')).toBe('Storyteller');
    expect(userTypeLabel('insightsAnalystUT')).toBe('Insights Analyst');
    expect(userTypeLabel('')).toBe('Unknown');
  });

  it('reads the user type from userLicenseTypeId, never the access type', () => {
    const user: User = { username: 'ann', userType: 'arcgisonly' };
    const row = toMemberRow(user, true);
    expect(row.userType).toBe('');
    expect(userTypeLabel(row.userType)).toBe('Unknown');
  });
});
