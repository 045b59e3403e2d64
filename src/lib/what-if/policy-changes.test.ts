import { describe, expect, it } from 'vitest';
import { emptyPolicyDocument, type PolicyRule } from '@/lib/policies/types';
import { hasPolicies, policyCaps, withRuleAmounts } from './policy-changes';

const meta = { updated: 1, updatedBy: 'admin' };
const creators: PolicyRule = {
  ...meta,
  id: 'r1',
  target: { kind: 'user-type', userTypeId: 'creatorUT' },
  allocation: { kind: 'credits', credits: 200 },
  position: 1,
};
const gis: PolicyRule = {
  ...meta,
  id: 'r2',
  target: { kind: 'group', groupId: 'g1' },
  allocation: { kind: 'credits', credits: 800 },
  position: 2,
};
const doc = { ...emptyPolicyDocument(), rules: [creators, gis] };
const members = [
  { username: 'Ann', userLicenseTypeId: 'creatorUT', assignedCredits: 200 },
  { username: 'Bo', userLicenseTypeId: 'creatorUT', assignedCredits: 800 },
  { username: 'Cy', userLicenseTypeId: 'viewerUT', assignedCredits: 50 },
  { username: 'Off', userLicenseTypeId: 'creatorUT', assignedCredits: null },
];
const membership = new Map([['g1', ['bo']]]);

describe('policyCaps', () => {
  it('moves the members a changed rule decides, and no one else', () => {
    // Bo is a Creator but his group's rule wins; Off has no allocation (budgeting off).
    expect(policyCaps(members, doc, 50, membership, { r1: 500 })).toEqual({ ann: 500 });
    expect(policyCaps(members, doc, 50, membership, { r2: null })).toEqual({ bo: null });
  });

  it('changes nothing without amounts', () => {
    expect(policyCaps(members, doc, 50, membership, {})).toEqual({});
  });
});

describe('withRuleAmounts', () => {
  it('replaces only the named rules’ amounts', () => {
    const next = withRuleAmounts(doc, { r1: null });
    expect(next.rules[0]?.allocation).toEqual({ kind: 'no-limit' });
    expect(next.rules[1]).toBe(gis);
  });
});

describe('hasPolicies', () => {
  it('ignores deleted rules', () => {
    expect(hasPolicies(emptyPolicyDocument())).toBe(false);
    expect(hasPolicies({ rules: [{ ...creators, deleted: true }], overrides: [] })).toBe(false);
    expect(hasPolicies(doc)).toBe(true);
  });
});
