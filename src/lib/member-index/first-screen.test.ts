import { describe, expect, it } from 'vitest';
import { createMemoryMemberCache, decodeFirstScreen, encodeFirstScreen, roughlyByName } from './cache';
import { FIRST_SCREEN_SIZE, firstScreenOf, patchFirstScreen } from './first-screen';
import type { MemberRecord } from './record';
import { summarizeAllocations, summaryWithChanges } from './summary';

/** `n` members, read in an order unlike their names', with a mix of caps, no limit and exhausted. */
function org(n: number): MemberRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const k = (i * 7919) % n;
    const member: MemberRecord = { username: `user${k}`, fullName: `Member ${String(k).padStart(5, '0')}` };
    if (k % 3 === 0) return member;
    return { ...member, assignedCredits: 100, availableCredits: k % 5 === 0 ? 0 : 50 };
  });
}

describe('the first screen kept with the copy', () => {
  it('holds the first members by name and the figures over every member', async () => {
    const members = org(2500);
    const cache = createMemoryMemberCache();
    expect(await cache.loadFirstScreen()).toBeUndefined();
    await cache.save(members, 1234);
    const first = await cache.loadFirstScreen();
    expect(first?.count).toBe(2500);
    expect(first?.savedAt).toBe(1234);
    expect(first?.members).toHaveLength(FIRST_SCREEN_SIZE);
    expect(first?.members[0]?.fullName).toBe('Member 00000');
    expect(first?.members.at(-1)?.fullName).toBe('Member 01999');
    expect(first?.summary).toEqual(summarizeAllocations(members));
    expect(first?.summary.members).toBe(2500);
  });

  it('an org smaller than a screen is kept whole', () => {
    const members = org(30);
    const first = firstScreenOf(roughlyByName(members), summarizeAllocations(members), 1);
    expect(first.members).toHaveLength(30);
    expect(first.count).toBe(30);
  });

  it('changes written through update its rows and its figures as summing the changed org would', async () => {
    const members = org(2500);
    const cache = createMemoryMemberCache();
    await cache.save(members, 1);
    const onScreen = members.find((m) => m.fullName === 'Member 00001')!;
    const offScreen = members.find((m) => m.fullName === 'Member 02400')!;
    const changes = [
      { before: onScreen, after: { ...onScreen, assignedCredits: 5, availableCredits: 0 } },
      { before: offScreen, after: { ...offScreen, assignedCredits: 40, availableCredits: 40 } },
    ];
    await cache.patch(changes);
    const changed = members.map((m) => changes.find((c) => c.before === m)?.after ?? m);
    const first = await cache.loadFirstScreen();
    expect(first?.summary).toEqual(summarizeAllocations(changed));
    expect(first?.members.find((m) => m.username === onScreen.username)?.assignedCredits).toBe(5);
    expect(first?.members.some((m) => m.username === offScreen.username)).toBe(false);
    // The whole kept copy agrees with it.
    expect(summarizeAllocations((await cache.load())!.members)).toEqual(first?.summary);
  });

  it('a change back and forth leaves the figures as they were', () => {
    const members = org(100);
    const summary = summarizeAllocations(members);
    const m = members[4]!;
    const capped = { ...m, assignedCredits: 10, availableCredits: 1 };
    const once = summaryWithChanges(summary, [{ before: m, after: capped }]);
    expect(once).not.toEqual(summary);
    expect(summaryWithChanges(once, [{ before: capped, after: m }])).toEqual(summary);
  });

  it('reads back what was stored, as columns, through a structured clone', () => {
    const members = org(50);
    const first = firstScreenOf(roughlyByName(members), summarizeAllocations(members), 99);
    const stored = structuredClone(encodeFirstScreen(first));
    expect(Object.prototype.toString.call(stored.members.lengths)).toBe('[object Int32Array]');
    expect(decodeFirstScreen(stored)).toEqual(first);
    const patched = patchFirstScreen(first, [
      { before: first.members[0]!, after: { ...first.members[0]!, assignedCredits: 1 } },
    ]);
    expect(decodeFirstScreen(encodeFirstScreen(patched))?.members[0]?.assignedCredits).toBe(1);
  });

  it("ignores another version's record and damaged ones: the visit reads the whole copy instead", () => {
    const members = org(50);
    const stored = encodeFirstScreen(firstScreenOf(roughlyByName(members), summarizeAllocations(members), 9));
    expect(decodeFirstScreen({ ...stored, format: 2 })).toBeUndefined();
    expect(decodeFirstScreen({ ...stored, format: undefined })).toBeUndefined();
    expect(decodeFirstScreen({ ...stored, summary: { ...stored.summary, capped: 'x' } })).toBeUndefined();
    expect(decodeFirstScreen({ ...stored, count: 10 })).toBeUndefined();
    expect(decodeFirstScreen({ ...stored, members: members.slice(0, 5) })).toBeUndefined();
    expect(decodeFirstScreen(undefined)).toBeUndefined();
  });
});
