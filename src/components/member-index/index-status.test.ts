import { describe, expect, it } from 'vitest';
import { keptFirstScreenText } from './index-status';

const MINUTE = 60_000;

describe("the status of a warm visit's first screen", () => {
  it('says how many of how many members show, from where, how old, and what happens next', () => {
    expect(keptFirstScreenText({ shown: 2000, total: 250_000 }, 0, 12 * MINUTE, true)).toBe(
      "Showing 2,000 of 250,000 members from this browser's copy, updated 12 minutes ago — reading the rest…",
    );
  });

  it('says so when the rest could not be read', () => {
    expect(keptFirstScreenText({ shown: 2000, total: 250_000 }, 0, 3 * 60 * MINUTE, false)).toBe(
      "Showing 2,000 of 250,000 members from this browser's copy, updated 3 hours ago — the rest could not be read",
    );
  });

  it('a small org kept whole says all', () => {
    expect(keptFirstScreenText({ shown: 40, total: 40 }, 0, 30_000, true)).toBe(
      "Showing all 40 members from this browser's copy, updated just now — checking the portal for changes…",
    );
  });
});
