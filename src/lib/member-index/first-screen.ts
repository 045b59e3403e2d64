import type { MemberRecord } from './record';
import { summaryWithChanges, type AllocationSummary } from './summary';

/** Members kept for the first screen: about what a partial first load shows, enough to fill the table. */
export const FIRST_SCREEN_SIZE = 2_000;

/**
 * What a warm visit shows before it has read the whole kept copy: the first members in the table's
 * name order and the Overview's figures over every member, both as of the kept copy (with the changes
 * this console made since written through). Small enough to read and decode in a few milliseconds.
 */
export interface FirstScreen {
  /** The first `FIRST_SCREEN_SIZE` members by displayed name (or every member of a smaller org). */
  members: MemberRecord[];
  /** The allocation figures over all `count` members. */
  summary: AllocationSummary;
  /** Members in the kept copy. */
  count: number;
  /** When the kept copy was read from the portal (epoch ms). */
  savedAt: number;
}

export interface MemberChange {
  before: MemberRecord;
  after: MemberRecord;
}

/** The first screen of a complete read, given its members already in name order. */
export function firstScreenOf(
  byName: readonly MemberRecord[],
  summary: AllocationSummary,
  savedAt: number,
): FirstScreen {
  return { members: byName.slice(0, FIRST_SCREEN_SIZE), summary, count: byName.length, savedAt };
}

/** The first screen with members changed: those on it replaced, the figures adjusted for every change. */
export function patchFirstScreen(screen: FirstScreen, changes: readonly MemberChange[]): FirstScreen {
  if (changes.length === 0) return screen;
  const byUsername = new Map(changes.map((c) => [c.after.username.toLowerCase(), c.after]));
  return {
    ...screen,
    members: screen.members.map((m) => byUsername.get(m.username.toLowerCase()) ?? m),
    summary: summaryWithChanges(screen.summary, changes),
  };
}
