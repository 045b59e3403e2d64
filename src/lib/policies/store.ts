import type { ArcGISClient, CallOptions } from '@/lib/arcgis/request';
import {
  loadItemDocument,
  saveMergedDocument,
  searchItems,
  type Item,
  type MergedSaveOptions,
} from '@/lib/arcgis/items';
import { mergeEntries, mergePolicyDocuments, pruneTombstones } from '@/lib/policies/merge';
import { parsePolicyDocument } from '@/lib/policies/schema';
import {
  emptyPolicyDocument,
  type EntryMeta,
  type GroupConflictSetting,
  type MemberOverride,
  type PolicyDocument,
  type PolicyRule,
  type PricingSetting,
} from '@/lib/policies/types';

/**
 * Where the organization keeps its policies: the JSON data of one item in an administrator's
 * content. The item type is "Application", a generic app item: `addItem`/`update` take its data as
 * `text`, it needs no file or URL, and no ArcGIS viewer tries to open it as a map or web app (as it
 * would a "Web Map" or "Web Mapping Application"). A tag and a type keyword mark it as Credit
 * Console's; the notebook export finds it the same way (type + tag).
 */
export const POLICY_ITEM_TYPE = 'Application';
export const POLICY_ITEM_TAG = 'credit-console-policies';
export const POLICY_ITEM_TITLE = 'Credit Console allocation policies';

export interface StoredPolicies {
  /** The item holding them; `null` until the first save creates it. */
  item: Pick<Item, 'id' | 'owner'> | null;
  doc: PolicyDocument;
}

/** Who is saving, and in which organization (`portals/self` `user.username` and `id`). */
export interface PolicyAdmin {
  username: string;
  orgId?: string | null;
}

async function findPolicyItems(client: ArcGISClient, me: PolicyAdmin, opts: CallOptions): Promise<Item[]> {
  return searchItems(
    client,
    { type: POLICY_ITEM_TYPE, tag: POLICY_ITEM_TAG, owner: me.username, orgId: me.orgId ?? undefined },
    opts,
  );
}

/** Reads the org's policies (an empty document when none were saved yet). */
export async function loadPolicies(
  client: ArcGISClient,
  me: PolicyAdmin,
  opts: CallOptions = {},
): Promise<StoredPolicies> {
  return loadItemDocument(
    client,
    () => findPolicyItems(client, me, opts),
    parsePolicyDocument,
    () => emptyPolicyDocument(),
    opts,
  );
}

/** What one save changes: the entries this admin added, edited or deleted (tombstones). */
export interface PolicyChanges {
  rules?: PolicyRule[];
  overrides?: MemberOverride[];
  groupConflict?: GroupConflictSetting;
  pricing?: PricingSetting;
}

function applyChanges(doc: PolicyDocument, changes: PolicyChanges): PolicyDocument {
  return mergePolicyDocuments(doc, {
    ...doc,
    rules: mergeEntries(doc.rules, changes.rules ?? []),
    overrides: mergeEntries(doc.overrides, changes.overrides ?? []),
    groupConflict: changes.groupConflict ?? doc.groupConflict,
    ...(changes.pricing ? { pricing: changes.pricing } : {}),
  });
}

/** Every changed entry is in `doc` at least as new as this admin's version. */
function containsChanges(doc: PolicyDocument, changes: PolicyChanges): boolean {
  const has = (list: readonly EntryMeta[], e: EntryMeta) =>
    list.some((x) => x.id === e.id && x.updated >= e.updated);
  return (
    (changes.rules ?? []).every((r) => has(doc.rules, r)) &&
    (changes.overrides ?? []).every((o) => has(doc.overrides, o)) &&
    (!changes.groupConflict || doc.groupConflict.updated >= changes.groupConflict.updated) &&
    (!changes.pricing || (doc.pricing?.updated ?? -Infinity) >= changes.pricing.updated)
  );
}

const serialize = (doc: PolicyDocument) => JSON.stringify(doc);

export interface SaveOptions extends MergedSaveOptions {
  /** Epoch ms now, for pruning old tombstones. */
  now?: number;
}

/**
 * Saves this admin's changes without losing another admin's: re-reads what the org has, merges by
 * entry (newest `updated` wins, deletions as tombstones), writes, then re-reads once more and, if a
 * concurrent save overwrote this one, merges and writes again (`saveMergedDocument`). Creates the
 * item on the first save.
 */
export async function savePolicyChanges(
  client: ArcGISClient,
  me: PolicyAdmin,
  changes: PolicyChanges,
  opts: SaveOptions = {},
): Promise<StoredPolicies> {
  const now = opts.now ?? Date.now();
  return saveMergedDocument(
    client,
    {
      owner: me.username,
      newItem: {
        title: POLICY_ITEM_TITLE,
        type: POLICY_ITEM_TYPE,
        tags: [POLICY_ITEM_TAG],
        typeKeywords: ['Credit Console', POLICY_ITEM_TAG],
        snippet:
          'Allocation policies for Credit Console (rules by role, user type and group; member overrides).',
      },
      load: () => loadPolicies(client, me, opts),
      empty: () => emptyPolicyDocument(now, me.username),
      apply: (doc) => pruneTombstones(applyChanges(doc, changes), now),
      contains: (doc) => containsChanges(doc, changes),
      serialize,
      conflictMessage: 'Another administrator kept saving the policies at the same time. Try again.',
    },
    opts,
  );
}
