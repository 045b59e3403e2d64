import { describe, expect, it } from 'vitest';
import { createMemoryMemberCache, decodeMembers, encodeMembers, roughlyByName, withPatches } from './cache';
import type { MemberRecord } from './record';

const members: MemberRecord[] = [
  {
    username: 'ingrid.smith',
    fullName: 'Ingrid Smith',
    firstName: 'Ingrid',
    lastName: 'Smith',
    email: 'ingrid@example.org',
    role: 'org_user',
    roleId: 'abc123',
    userLicenseTypeId: 'creatorUT',
    lastLogin: 1_700_000_000_000,
    assignedCredits: 250.5,
    availableCredits: 12,
  },
  // Absent and null fields, text with separators and characters outside the BMP.
  { username: 'zoë_🦊', fullName: null, email: 'a\u0000b\nc', assignedCredits: -1, availableCredits: null },
  { username: 'x', fullName: '', lastLogin: -1 },
];

describe('the kept copy stored as columns', () => {
  it('reads back every member as it was stored, absent and null fields included', () => {
    const decoded = decodeMembers(structuredClone(encodeMembers(members)));
    expect(decoded).toEqual(members);
    expect(decoded?.[1]).not.toHaveProperty('firstName');
    expect(decoded?.[1]).toHaveProperty('fullName', null);
  });

  it('holds no member objects, only a string and typed arrays', () => {
    const encoded = encodeMembers(members);
    expect(typeof encoded.text).toBe('string');
    expect(encoded.lengths).toBeInstanceOf(Int32Array);
    expect(encoded.numbers).toBeInstanceOf(Float64Array);
  });

  it('refuses what an earlier version stored (one object per member) and damaged records', () => {
    expect(decodeMembers(members)).toBeUndefined();
    expect(decodeMembers(undefined)).toBeUndefined();
    const encoded = encodeMembers(members);
    expect(decodeMembers({ ...encoded, text: `${encoded.text}extra` })).toBeUndefined();
    expect(decodeMembers({ ...encoded, count: 5 })).toBeUndefined();
  });

  it('applies changes made since the read, by lower-case username', () => {
    const changed = { ...members[0]!, assignedCredits: 40 };
    const out = withPatches(members, new Map([['ingrid.smith', changed]]));
    expect(out[0]).toBe(changed);
    expect(out[1]).toBe(members[1]);
  });

  it('a memory copy returns what was saved, with later changes, and nothing after clearing', async () => {
    const cache = createMemoryMemberCache();
    await cache.save(members, 5);
    await cache.patch([{ before: members[2]!, after: { ...members[2]!, assignedCredits: 9 } }]);
    const loaded = await cache.load();
    expect(loaded?.savedAt).toBe(5);
    expect(loaded?.members[2]?.assignedCredits).toBe(9);
    cache.clear();
    expect(await cache.load()).toBeUndefined();
  });
});

describe('the order members are kept in', () => {
  it('is by displayed name, then username, whatever order they were read in', () => {
    const read: MemberRecord[] = [
      { username: 'b2', fullName: 'Zoe Adams' },
      { username: 'a1', firstName: 'Amy', lastName: 'Brown' },
      { username: 'C3', fullName: 'amy brown' },
      { username: 'noname' },
    ];
    expect(roughlyByName(read).map((m) => m.username)).toEqual(['a1', 'C3', 'noname', 'b2']);
    expect(read[0]!.username).toBe('b2');
  });
});
