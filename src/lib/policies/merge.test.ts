import { describe, expect, it } from 'vitest';
import { mergePolicyDocuments, pruneTombstones, TOMBSTONE_TTL_MS } from './merge';
import { parsePolicyDocument } from './schema';
import {
  emptyPolicyDocument,
  UNCOVERED_ID,
  uncoveredOf,
  type PolicyDocument,
  type PolicyRule,
} from './types';

function rule(id: string, credits: number, updated: number, extra: Partial<PolicyRule> = {}): PolicyRule {
  return {
    id,
    updated,
    updatedBy: 'a',
    target: { kind: 'user-type', userTypeId: 'creatorUT' },
    allocation: { kind: 'credits', credits },
    position: 1,
    ...extra,
  };
}
const withRules = (rules: PolicyRule[]): PolicyDocument => ({ ...emptyPolicyDocument(), rules });

describe('merging two saves', () => {
  it('keeps both admins’ new rules', () => {
    const base = [rule('shared', 10, 1)];
    const mine = withRules([...base, rule('mine', 1, 5)]);
    const theirs = withRules([...base, rule('theirs', 2, 6)]);
    const merged = mergePolicyDocuments(theirs, mine);
    expect(merged.rules.map((r) => r.id).sort()).toEqual(['mine', 'shared', 'theirs']);
  });

  it('takes the newer edit of the same rule, whichever side merges', () => {
    const older = withRules([rule('x', 10, 1)]);
    const newer = withRules([rule('x', 99, 2)]);
    expect(mergePolicyDocuments(older, newer).rules[0]?.allocation).toEqual({ kind: 'credits', credits: 99 });
    expect(mergePolicyDocuments(newer, older).rules[0]?.allocation).toEqual({ kind: 'credits', credits: 99 });
  });

  it('keeps a deletion against an older copy that still has the rule', () => {
    const deleted = withRules([rule('x', 10, 5, { deleted: true })]);
    const stale = withRules([rule('x', 10, 1)]);
    expect(mergePolicyDocuments(deleted, stale).rules[0]?.deleted).toBe(true);
  });

  it('merges the group conflict setting by time', () => {
    const a = emptyPolicyDocument(1, 'a');
    const b = {
      ...emptyPolicyDocument(2, 'b'),
      groupConflict: { ...emptyPolicyDocument(2, 'b').groupConflict, value: 'lowest' as const },
    };
    expect(mergePolicyDocuments(b, a).groupConflict.value).toBe('lowest');
  });

  it('drops tombstones only after they are old', () => {
    const doc = withRules([
      rule('old', 1, 0, { deleted: true }),
      rule('new', 1, TOMBSTONE_TTL_MS, { deleted: true }),
    ]);
    expect(pruneTombstones(doc, TOMBSTONE_TTL_MS + 1).rules.map((r) => r.id)).toEqual(['new']);
  });
});

describe('reading stored data', () => {
  it('reads empty data as an empty document', () => {
    expect(parsePolicyDocument('').rules).toEqual([]);
    expect(parsePolicyDocument({}).groupConflict.value).toBe('highest');
  });

  it('refuses data that is not a policy document', () => {
    expect(() => parsePolicyDocument({ hello: 'world' })).toThrow();
    expect(() => parsePolicyDocument(withRules([rule('x', -5, 1)]))).toThrow();
  });

  it('round-trips a document through JSON text', () => {
    const doc = withRules([rule('x', 5, 1, { reset: { kind: 'monthly', day: 1 } })]);
    expect(parsePolicyDocument(JSON.stringify(doc))).toEqual(doc);
  });
});

describe('the “members no rule covers” setting', () => {
  const uncovered = (value: 'org-default' | 'keep', updated: number) => ({
    id: UNCOVERED_ID,
    updated,
    updatedBy: 'a',
    value,
  });

  it('merges like the conflict setting: the newer wins, and a save without it keeps the stored one', () => {
    const stored: PolicyDocument = { ...emptyPolicyDocument(), uncovered: uncovered('keep', 5) };
    expect(mergePolicyDocuments(stored, emptyPolicyDocument()).uncovered?.value).toBe('keep');
    const older = { ...emptyPolicyDocument(), uncovered: uncovered('org-default', 3) };
    expect(mergePolicyDocuments(stored, older).uncovered?.value).toBe('keep');
    expect(mergePolicyDocuments(older, stored).uncovered?.value).toBe('keep');
  });

  it('reads from the stored document, and is absent (org default) in documents saved before it', () => {
    const doc = parsePolicyDocument(
      JSON.stringify({ ...emptyPolicyDocument(), uncovered: uncovered('keep', 1) }),
    );
    expect(uncoveredOf(doc)).toBe('keep');
    expect(uncoveredOf(parsePolicyDocument(JSON.stringify(emptyPolicyDocument())))).toBe('org-default');
    expect(() =>
      parsePolicyDocument(
        JSON.stringify({
          ...emptyPolicyDocument(),
          uncovered: { ...uncovered('keep', 1), value: 'sometimes' },
        }),
      ),
    ).toThrow();
  });
});
