import { z } from 'zod';
import {
  GROUP_CONFLICT_ID,
  POLICY_DOCUMENT_SCHEMA,
  POLICY_DOCUMENT_VERSION,
  emptyPolicyDocument,
  type PolicyDocument,
} from '@/lib/policies/types';

/** Validates the policy document read from the org item's data; loose so newer fields survive. */

const metaFields = {
  id: z.string().min(1).max(200),
  updated: z.number().finite(),
  updatedBy: z.string().max(256),
  deleted: z.boolean().optional(),
};

export const policyAllocationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('credits'), credits: z.number().finite().min(0) }),
  z.object({ kind: z.literal('no-limit') }),
]);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const resetPeriodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('monthly'), day: z.number().int().min(1).max(31) }),
  z.object({ kind: z.literal('dates'), dates: z.array(isoDate).max(366) }),
  z.object({
    kind: z.literal('fiscal-year'),
    startMonth: z.number().int().min(1).max(12),
    startDay: z.number().int().min(1).max(31),
  }),
]);

export const ruleTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('role'), roleKey: z.string().min(1) }),
  z.object({ kind: z.literal('user-type'), userTypeId: z.string().min(1) }),
  z.object({ kind: z.literal('group'), groupId: z.string().min(1) }),
]);

export const policyRuleSchema = z.looseObject({
  ...metaFields,
  target: ruleTargetSchema,
  targetLabel: z.string().max(500).optional(),
  allocation: policyAllocationSchema,
  position: z.number().finite(),
  reset: resetPeriodSchema.optional(),
  note: z.string().max(2000).optional(),
});

export const memberOverrideSchema = z.looseObject({
  ...metaFields,
  username: z.string().min(1),
  allocation: policyAllocationSchema,
  note: z.string().max(2000).optional(),
});

export const policyDocumentSchema = z.looseObject({
  schema: z.literal(POLICY_DOCUMENT_SCHEMA),
  version: z.literal(POLICY_DOCUMENT_VERSION),
  rules: z.array(policyRuleSchema),
  overrides: z.array(memberOverrideSchema),
  groupConflict: z.looseObject({ ...metaFields, value: z.enum(['highest', 'lowest']) }),
  uncovered: z.looseObject({ ...metaFields, value: z.enum(['org-default', 'keep']) }).optional(),
  pricing: z
    .looseObject({
      ...metaFields,
      pricePerCredit: z.number().finite().positive(),
      currency: z.string().min(3).max(3),
    })
    .optional(),
});

/**
 * The document in an item's data. Empty data (a new item) reads as an empty document; anything
 * that is not a policy document throws, so a save never overwrites data it does not understand.
 */
export function parsePolicyDocument(data: unknown): PolicyDocument {
  if (
    data === null ||
    data === undefined ||
    data === '' ||
    (typeof data === 'object' && Object.keys(data).length === 0)
  ) {
    const empty = emptyPolicyDocument();
    return { ...empty, groupConflict: { ...empty.groupConflict, id: GROUP_CONFLICT_ID } };
  }
  const value: unknown = typeof data === 'string' ? JSON.parse(data) : data;
  return policyDocumentSchema.parse(value);
}
