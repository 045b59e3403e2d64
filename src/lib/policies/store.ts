import { ApiError } from '@/lib/arcgis/errors';
import type { ArcGISClient, CallOptions } from '@/lib/arcgis/request';
import {
  addTextItem,
  deleteItem,
  getItemData,
  pickOldestItem,
  searchItems,
  shareItemWithOrg,
  updateItemText,
  type Item,
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
  type UncoveredSetting,
} from '@/lib/policies/types';

/**
 * Where the organization keeps its policies: the JSON data of one item in an administrator's
 * content, shared with the organization so every administrator (and the credit managers who read
 * them) finds the same item, whoever created it. The item type is "Application", a generic app item: `addItem`/`update` take its data as
 * `text`, it needs no file or URL, and no ArcGIS viewer tries to open it as a map or web app (as it
 * would a "Web Map" or "Web Mapping Application"). A tag and a type keyword mark it as Credit
 * Console's; the notebook export finds it the same way (type + tag).
 */
export const POLICY_ITEM_TYPE = 'Application';
export const POLICY_ITEM_TAG = 'credit-console-policies';
export const POLICY_ITEM_TITLE = 'Credit Console allocation policies';

export interface StoredPolicies {
  /** The item holding them; `null` until the first save creates it. */
  item: Pick<Item, 'id' | 'owner' | 'access'> | null;
  doc: PolicyDocument;
}

/** Who is saving, and in which organization (`portals/self` `user.username` and `id`). */
export interface PolicyAdmin {
  username: string;
  orgId?: string | null;
  /**
   * False when the signed-in member is known not to be an administrator: the first save then
   * refuses rather than create the org's policies in a non-administrator's content.
   */
  isAdministrator?: boolean;
}

/** What a member who may not change the org's policies is told, instead of the portal's bare 403. */
export const POLICY_PERMISSION_MESSAGE =
  "Only an administrator can change the organization's policies: your role cannot update items another member owns. Ask an administrator, or sign in as one.";

/** A save the portal (or the console, knowing the member's role) refused for lack of privileges. */
export class PolicyPermissionError extends Error {
  override name = 'PolicyPermissionError';
  constructor() {
    super(POLICY_PERMISSION_MESSAGE);
  }
}

/** The portal's 403 as the sentence above; every other error unchanged. */
function asPermissionError(e: unknown): unknown {
  return e instanceof ApiError && e.code === 403 ? new PolicyPermissionError() : e;
}

/**
 * The org's policy items, whoever owns them (type + tag + `orgid`); only the signed-in member's own
 * when the organization is unknown.
 */
async function findPolicyItems(client: ArcGISClient, me: PolicyAdmin, opts: CallOptions): Promise<Item[]> {
  const orgId = me.orgId ?? undefined;
  return searchItems(
    client,
    {
      type: POLICY_ITEM_TYPE,
      tag: POLICY_ITEM_TAG,
      ...(orgId ? { orgId } : { owner: me.username }),
    },
    opts,
  );
}

/** Reads the org's policies (an empty document when none were saved yet). */
export async function loadPolicies(
  client: ArcGISClient,
  me: PolicyAdmin,
  opts: CallOptions = {},
): Promise<StoredPolicies> {
  const item = pickOldestItem(await findPolicyItems(client, me, opts));
  if (!item) return { item: null, doc: emptyPolicyDocument() };
  const doc = parsePolicyDocument(await getItemData(client, item.id, opts));
  return { item: { id: item.id, owner: item.owner, access: item.access ?? null }, doc };
}

/** What one save changes: the entries this admin added, edited or deleted (tombstones). */
export interface PolicyChanges {
  rules?: PolicyRule[];
  overrides?: MemberOverride[];
  groupConflict?: GroupConflictSetting;
  uncovered?: UncoveredSetting;
  pricing?: PricingSetting;
}

function applyChanges(doc: PolicyDocument, changes: PolicyChanges): PolicyDocument {
  return mergePolicyDocuments(doc, {
    ...doc,
    rules: mergeEntries(doc.rules, changes.rules ?? []),
    overrides: mergeEntries(doc.overrides, changes.overrides ?? []),
    groupConflict: changes.groupConflict ?? doc.groupConflict,
    ...(changes.pricing ? { pricing: changes.pricing } : {}),
    ...(changes.uncovered ? { uncovered: changes.uncovered } : {}),
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
    (!changes.pricing || (doc.pricing?.updated ?? -Infinity) >= changes.pricing.updated) &&
    (!changes.uncovered || (doc.uncovered?.updated ?? -Infinity) >= changes.uncovered.updated)
  );
}

const serialize = (doc: PolicyDocument) => JSON.stringify(doc);

export interface SaveOptions extends CallOptions {
  /** Epoch ms now, for pruning old tombstones. */
  now?: number;
  /** Wait before re-reading to check the save stuck. */
  settleMs?: number;
  /** Attempts to write the merged document. */
  attempts?: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Saves this admin's changes without losing another admin's: re-reads what the org has, merges by
 * entry (newest `updated` wins, deletions as tombstones), writes, then re-reads once more and, if a
 * concurrent save overwrote this one, merges and writes again. ArcGIS items have no conditional
 * update, so this narrows the window rather than closing it. Creates the item on the first save.
 */
export async function savePolicyChanges(
  client: ArcGISClient,
  me: PolicyAdmin,
  changes: PolicyChanges,
  opts: SaveOptions = {},
): Promise<StoredPolicies> {
  try {
    return await saveMerged(client, me, changes, opts);
  } catch (e) {
    throw asPermissionError(e);
  }
}

async function saveMerged(
  client: ArcGISClient,
  me: PolicyAdmin,
  changes: PolicyChanges,
  opts: SaveOptions,
): Promise<StoredPolicies> {
  const now = opts.now ?? Date.now();
  const settleMs = opts.settleMs ?? 250;
  const attempts = opts.attempts ?? 3;
  let stored = await loadPolicies(client, me, opts);

  if (!stored.item) {
    if (me.isAdministrator === false) throw new PolicyPermissionError();
    const doc = applyChanges(emptyPolicyDocument(now, me.username), changes);
    const id = await addTextItem(
      client,
      me.username,
      {
        title: POLICY_ITEM_TITLE,
        type: POLICY_ITEM_TYPE,
        tags: [POLICY_ITEM_TAG],
        typeKeywords: ['Credit Console', POLICY_ITEM_TAG],
        snippet:
          'Allocation policies for Credit Console (rules by role, user type and group; member overrides).',
        text: serialize(doc),
      },
      opts,
    );
    // Two first saves at once make two items: settle on the oldest and fold ours into it.
    const again = await loadPolicies(client, me, opts);
    if (again.item && again.item.id !== id) {
      await deleteItem(client, me.username, id, opts).catch(() => undefined);
      stored = again;
    } else {
      await shareItemWithOrg(client, me.username, id, opts);
      return { item: { id, owner: me.username, access: 'org' }, doc };
    }
  }

  for (let attempt = 1; ; attempt++) {
    const item = stored.item;
    if (!item) throw new Error('The policies item disappeared while saving.');
    // An item saved before it was shared (or unshared since) is shared again, through its owner.
    if (item.access === 'private' || item.access === 'shared') {
      await shareItemWithOrg(client, item.owner, item.id, opts);
    }
    const next = pruneTombstones(applyChanges(stored.doc, changes), now);
    await updateItemText(client, item.owner, item.id, serialize(next), opts);
    if (settleMs > 0) await pause(settleMs);
    const check = await loadPolicies(client, me, opts);
    if (check.item && check.item.id === item.id && containsChanges(check.doc, changes)) return check;
    if (attempt >= attempts)
      throw new Error('Another administrator kept saving the policies at the same time. Try again.');
    stored = check;
  }
}
