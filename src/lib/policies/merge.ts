import type { EntryMeta, PolicyDocument } from '@/lib/policies/types';

/**
 * Merging two administrators' saves: entry by entry (rules, overrides, settings) by id; of two
 * versions of one entry the newer `updated` wins (ties go to `updatedBy`, then to the incoming
 * side, so the result is the same whoever merges). Deletions are tombstones and win like edits.
 */

function newer<T extends EntryMeta>(stored: T, incoming: T): T {
  if (incoming.updated !== stored.updated) return incoming.updated > stored.updated ? incoming : stored;
  if (incoming.updatedBy !== stored.updatedBy)
    return incoming.updatedBy > stored.updatedBy ? incoming : stored;
  return incoming;
}

export function mergeEntries<T extends EntryMeta>(stored: readonly T[], incoming: readonly T[]): T[] {
  const out = new Map<string, T>();
  for (const e of stored) out.set(e.id, out.has(e.id) ? newer(out.get(e.id) as T, e) : e);
  for (const e of incoming) {
    const s = out.get(e.id);
    out.set(e.id, s ? newer(s, e) : e);
  }
  return [...out.values()];
}

function mergeOptional<T extends EntryMeta>(stored: T | undefined, incoming: T | undefined): T | undefined {
  if (!stored) return incoming;
  if (!incoming) return stored;
  return newer(stored, incoming);
}

/** The document both saves agree on: what is stored in the org merged with this admin's copy. */
export function mergePolicyDocuments(stored: PolicyDocument, incoming: PolicyDocument): PolicyDocument {
  const pricing = mergeOptional(stored.pricing, incoming.pricing);
  const uncovered = mergeOptional(stored.uncovered, incoming.uncovered);
  return {
    ...stored,
    ...incoming,
    rules: mergeEntries(stored.rules, incoming.rules),
    overrides: mergeEntries(stored.overrides, incoming.overrides),
    groupConflict: newer(stored.groupConflict, incoming.groupConflict),
    ...(pricing ? { pricing } : {}),
    ...(uncovered ? { uncovered } : {}),
  };
}

/** Tombstones older than this are dropped when saving (every admin has long since merged them). */
export const TOMBSTONE_TTL_MS = 90 * 24 * 60 * 60 * 1000;

export function pruneTombstones(doc: PolicyDocument, now: number): PolicyDocument {
  const keep = <T extends EntryMeta>(e: T) => !e.deleted || now - e.updated < TOMBSTONE_TTL_MS;
  return { ...doc, rules: doc.rules.filter(keep), overrides: doc.overrides.filter(keep) };
}
