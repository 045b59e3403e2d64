import { describe, expect, it } from 'vitest';
import { driftOf, effectiveAllocations, orgDefaultValue, planForPolicies, ruleCoverage } from './engine';
import { sourceLabel } from './labels';
import {
  emptyPolicyDocument,
  overrideIdOf,
  type MemberOverride,
  type PolicyAllocation,
  type PolicyDocument,
  type PolicyMember,
  type PolicyRule,
  type RuleTarget,
  UNCOVERED_ID,
} from './types';

const credits = (n: number): PolicyAllocation => ({ kind: 'credits', credits: n });
const noLimit: PolicyAllocation = { kind: 'no-limit' };
let seq = 0;
function rule(target: RuleTarget, allocation: PolicyAllocation, extra: Partial<PolicyRule> = {}): PolicyRule {
  seq += 1;
  return { id: `r${seq}`, updated: 1, updatedBy: 'admin', target, allocation, position: seq, ...extra };
}
function override(username: string, allocation: PolicyAllocation): MemberOverride {
  return { id: overrideIdOf(username), updated: 1, updatedBy: 'admin', username, allocation };
}
function doc(
  rules: PolicyRule[],
  overrides: MemberOverride[] = [],
  conflict: 'highest' | 'lowest' = 'highest',
): PolicyDocument {
  const d = emptyPolicyDocument();
  return { ...d, rules, overrides, groupConflict: { ...d.groupConflict, value: conflict } };
}
const member = (username: string, fields: Partial<PolicyMember> = {}): PolicyMember => ({
  username,
  role: 'org_user',
  userLicenseTypeId: 'creatorUT',
  assignedCredits: 500,
  ...fields,
});

const creators = rule({ kind: 'user-type', userTypeId: 'creatorUT' }, credits(500));
const viewers = rule({ kind: 'user-type', userTypeId: 'viewerUT' }, credits(0));
const gisDept = rule({ kind: 'group', groupId: 'g-gis' }, noLimit);
const projects = rule({ kind: 'group', groupId: 'g-proj' }, credits(200));
const publishers = rule({ kind: 'role', roleKey: 'org_publisher' }, credits(100));
const creditManagers = rule({ kind: 'role', roleKey: 'custom-cm' }, credits(50));

function byName(results: ReturnType<typeof effectiveAllocations>) {
  return new Map(results.map((r) => [r.username, r]));
}

describe('effective allocations', () => {
  it('follows override > group > user type > role > org default', () => {
    const policies = doc([publishers, creators, gisDept], [override('dana', credits(1000))]);
    const members = [
      member('dana', { role: 'org_publisher' }),
      member('gina', { role: 'org_publisher' }),
      member('carl', { role: 'org_publisher' }),
      member('pat', { role: 'org_publisher', userLicenseTypeId: 'fieldWorkerUT' }),
      member('uma', { userLicenseTypeId: 'fieldWorkerUT' }),
    ];
    const groups = new Map([['g-gis', ['dana', 'GINA']]]);
    const r = byName(effectiveAllocations(members, policies, 25, groups));
    expect(r.get('dana')).toMatchObject({ effective: 1000, source: { kind: 'override' } });
    expect(r.get('gina')).toMatchObject({
      effective: null,
      source: { kind: 'rule', ruleId: gisDept.id, level: 'group' },
    });
    expect(r.get('carl')).toMatchObject({ effective: 500, source: { kind: 'rule', ruleId: creators.id } });
    expect(r.get('pat')).toMatchObject({ effective: 100, source: { kind: 'rule', ruleId: publishers.id } });
    expect(r.get('uma')).toMatchObject({ effective: 25, source: { kind: 'org-default' } });
  });

  it('resolves a member in two groups by the conflict setting', () => {
    const members = [member('both')];
    const groups = new Map([
      ['g-gis', ['both']],
      ['g-proj', ['both']],
    ]);
    const highest = effectiveAllocations(members, doc([projects, gisDept]), 0, groups)[0];
    expect(highest).toMatchObject({ effective: null, source: { ruleId: gisDept.id } });
    const lowest = effectiveAllocations(members, doc([projects, gisDept], [], 'lowest'), 0, groups)[0];
    expect(lowest).toMatchObject({ effective: 200, source: { ruleId: projects.id } });
  });

  it('matches custom roles by role id, not by the built-in role they extend', () => {
    const policies = doc([creditManagers, publishers]);
    const members = [
      member('cm', { role: 'org_publisher', roleId: 'custom-cm', userLicenseTypeId: 'viewerUT' }),
      member('pub', { role: 'org_publisher', userLicenseTypeId: 'viewerUT' }),
    ];
    const r = byName(effectiveAllocations(members, policies, 0));
    expect(r.get('cm')).toMatchObject({ effective: 50, source: { ruleId: creditManagers.id } });
    expect(r.get('pub')).toMatchObject({ effective: 100, source: { ruleId: publishers.id } });
  });

  it('gives the earlier rule when two rules of one level cover a member', () => {
    const second = rule({ kind: 'user-type', userTypeId: 'creatorUT' }, credits(900), { position: 0 });
    const r = effectiveAllocations([member('a')], doc([creators, second]), 0)[0];
    expect(r).toMatchObject({ effective: 900, source: { ruleId: second.id } });
  });

  it('ignores deleted rules and overrides (tombstones)', () => {
    const gone = { ...creators, id: 'gone', deleted: true, allocation: credits(1) };
    const r = effectiveAllocations(
      [member('a')],
      doc([gone], [{ ...override('a', credits(7)), deleted: true }]),
      30,
    )[0];
    expect(r).toMatchObject({ effective: 30, source: { kind: 'org-default' } });
  });
});

describe('drift', () => {
  it('compares no limit (-1) and zero correctly', () => {
    const policies = doc([creators, viewers, gisDept]);
    const members = [
      member('capped-right', { assignedCredits: 500 }),
      member('capped-wrong', { assignedCredits: 499 }),
      member('viewer-zero', { userLicenseTypeId: 'viewerUT', assignedCredits: 0 }),
      member('viewer-unlimited', { userLicenseTypeId: 'viewerUT', assignedCredits: -1 }),
      member('gis-unlimited', { assignedCredits: -1 }),
      member('gis-capped', { assignedCredits: 500 }),
    ];
    const groups = new Map([['g-gis', ['gis-unlimited', 'gis-capped']]]);
    const drifted = driftOf(effectiveAllocations(members, policies, 0, groups)).map((d) => d.username);
    expect(drifted).toEqual(['capped-wrong', 'viewer-unlimited', 'gis-capped']);
  });

  it('never reports drift while budgeting is off (no allocation fields)', () => {
    const r = effectiveAllocations(
      [member('a', { assignedCredits: undefined }), member('b', { assignedCredits: null })],
      doc([creators]),
      0,
    );
    expect(r.every((x) => !x.drift && x.current === undefined)).toBe(true);
  });

  it('reads the org default -1 as no limit', () => {
    expect(orgDefaultValue(-1)).toBeNull();
    expect(orgDefaultValue(0)).toBe(0);
    const r = effectiveAllocations([member('u', { assignedCredits: -1 })], doc([]), orgDefaultValue(-1))[0];
    expect(r).toMatchObject({ effective: null, drift: false });
  });
});

describe('coverage and labels', () => {
  it('counts the members a rule covers and the members it decides', () => {
    const members = [member('a'), member('b'), member('c', { userLicenseTypeId: 'viewerUT' })];
    const groups = new Map([['g-gis', ['a']]]);
    const coverage = ruleCoverage(members, doc([creators, viewers, gisDept]), 0, groups);
    expect(coverage.get(creators.id)).toEqual({ covers: 2, applies: 1 });
    expect(coverage.get(viewers.id)).toEqual({ covers: 1, applies: 1 });
    expect(coverage.get(gisDept.id)).toEqual({ covers: 1, applies: 1 });
  });

  it('says where a limit comes from', () => {
    const policies = doc([creators, gisDept], [override('dana', credits(1000))]);
    const members = [
      member('carl'),
      member('dana'),
      member('gina', { assignedCredits: -1 }),
      member('vic', { userLicenseTypeId: 'viewerUT', assignedCredits: 30 }),
      member('manual', { assignedCredits: 12 }),
    ];
    const groupNames = new Map([['g-gis', 'GIS-Dept']]);
    const results = effectiveAllocations(members, policies, 30, new Map([['g-gis', ['gina']]]));
    expect(results.map((r) => sourceLabel(r, policies, { groups: groupNames }))).toEqual([
      'Policy: Creator → 500',
      'Manual — differs from policy',
      'Policy: GIS-Dept → No limit',
      'Org default',
      'Manual — differs from policy',
    ]);
    expect(sourceLabel({ ...results[1]!, drift: false }, policies)).toBe('Override');
  });
});

describe('apply policies', () => {
  it('plans exactly the drifted members, to their effective allocation', () => {
    const members = [
      member('ok', { assignedCredits: 500 }),
      member('low', { assignedCredits: 20 }),
      member('viewer', { userLicenseTypeId: 'viewerUT', assignedCredits: -1 }),
      member('off', { assignedCredits: undefined }),
    ];
    const plan = planForPolicies(effectiveAllocations(members, doc([creators, viewers]), 0));
    expect(plan.kind).toBe('policies');
    expect(plan.changes).toEqual([
      { username: 'low', before: 20, after: 500 },
      { username: 'viewer', before: null, after: 0 },
    ]);
  });
});

describe('members no rule covers', () => {
  const keep = (d: PolicyDocument): PolicyDocument => ({
    ...d,
    uncovered: { id: UNCOVERED_ID, updated: 2, updatedBy: 'admin', value: 'keep' },
  });
  const members = [
    member('cora', { assignedCredits: 500 }),
    member('vic', { userLicenseTypeId: 'viewerUT', assignedCredits: 40 }),
    member('una', { userLicenseTypeId: 'fieldWorkerUT', assignedCredits: 75 }),
    member('nolan', { userLicenseTypeId: 'fieldWorkerUT', assignedCredits: -1 }),
    member('off', { userLicenseTypeId: 'fieldWorkerUT', assignedCredits: null }),
  ];

  it('get the org default unless the policies say otherwise (as before the setting existed)', () => {
    const results = byName(effectiveAllocations(members, doc([creators, viewers]), 100));
    expect(results.get('una')).toMatchObject({
      effective: 100,
      source: { kind: 'org-default' },
      drift: true,
    });
    expect(results.get('nolan')).toMatchObject({ effective: 100, drift: true });
  });

  it('keep their current allocation when set to keep: never drift, and not in the plan', () => {
    const policies = keep(doc([creators, viewers]));
    const results = effectiveAllocations(members, policies, 100);
    const by = byName(results);
    expect(by.get('una')).toMatchObject({
      effective: 75,
      current: 75,
      source: { kind: 'kept' },
      drift: false,
    });
    expect(by.get('nolan')).toMatchObject({ effective: null, source: { kind: 'kept' }, drift: false });
    // Budgeting off (nothing to keep): what the org default says, and no drift either.
    expect(by.get('off')).toMatchObject({ effective: 100, source: { kind: 'org-default' }, drift: false });
    // Covered members still follow their rule.
    expect(by.get('vic')).toMatchObject({ effective: 0, drift: true });
    expect(driftOf(results).map((r) => r.username)).toEqual(['vic']);
    expect(planForPolicies(results).changes.map((c) => c.username)).toEqual(['vic']);
    expect(sourceLabel(by.get('una')!, policies)).toBe('Not covered — kept');
  });

  it('an override still wins over keeping', () => {
    const policies = keep(doc([creators], [override('una', credits(10))]));
    const una = byName(effectiveAllocations(members, policies, 100)).get('una');
    expect(una).toMatchObject({ effective: 10, source: { kind: 'override' }, drift: true });
  });
});
