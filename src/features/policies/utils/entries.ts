import type { EntryMeta, PolicyRule } from '@/lib/policies/types';

/** A fresh id for a new rule. */
export function newEntryId(): string {
  return `rule:${crypto.randomUUID()}`;
}

export function stamp(by: string, now = Date.now()): Pick<EntryMeta, 'updated' | 'updatedBy'> {
  return { updated: now, updatedBy: by };
}

/** The entry, deleted (a tombstone that merges like an edit). */
export function tombstone<T extends EntryMeta>(entry: T, by: string, now = Date.now()): T {
  return { ...entry, ...stamp(by, now), deleted: true };
}

/** A position after every rule. */
export function nextPosition(rules: readonly PolicyRule[]): number {
  return rules.reduce((max, r) => Math.max(max, r.position), 0) + 1;
}

/**
 * Moves `rules[index]` one place up or down by giving it a position between its new neighbours:
 * only the moved rule changes, so a concurrent edit of another rule merges cleanly.
 */
export function movedRule(
  rules: readonly PolicyRule[],
  index: number,
  direction: -1 | 1,
): PolicyRule | undefined {
  const rule = rules[index];
  const target = index + direction;
  if (!rule || target < 0 || target >= rules.length) return undefined;
  const neighbour = rules[target];
  const beyond = rules[target + direction];
  if (!neighbour) return undefined;
  const position = beyond ? (neighbour.position + beyond.position) / 2 : neighbour.position + direction;
  return { ...rule, position };
}
