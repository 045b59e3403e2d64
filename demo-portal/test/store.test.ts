import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { call, DAY, makePortal, NOW, tokenFor } from './helpers.ts';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'demo-portal-store-'));
  file = join(dir, 'org.json');
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const selfSchema = z.object({ creditAssignments: z.string(), defaultUserCreditAssignment: z.number() });

describe('persistence', () => {
  it('changes survive a restart with the same state file', async () => {
    const first = makePortal({ stateFile: file });
    const admin = tokenFor(first);
    await call(first, 'portals/self/assignUserCredits', {
      method: 'POST',
      token: admin,
      params: { userAssignments: '[{"username":"demo_member","credits":321}]' },
    });
    await call(first, 'portals/self/update', {
      method: 'POST',
      token: admin,
      params: { defaultUserCreditAssignment: '-1' },
    });
    first.org.addMember({ username: 'late_joiner', firstName: 'Late', lastName: 'Joiner' });
    first.org.advanceDays(3);
    await first.flush();
    expect(existsSync(file)).toBe(true);

    const second = makePortal({ stateFile: file });
    expect(second.org.findMember('demo_member')?.allocation).toEqual({ cap: 321, start: NOW });
    expect(second.org.findMember('late_joiner')?.allocation).toEqual({ cap: -1, start: NOW });
    expect(second.org.now()).toBe(NOW + 3 * DAY);
    const self = selfSchema.parse((await call(second, 'portals/self', { token: tokenFor(second) })).body);
    expect(self.defaultUserCreditAssignment).toBe(-1);
    expect(second.org.availableCredits).toBeCloseTo(first.org.availableCredits, 3);

    const reset = makePortal({ stateFile: file, reset: true });
    expect(reset.org.findMember('late_joiner')).toBeUndefined();
    await reset.flush();
    expect(makePortal({ stateFile: file }).org.findMember('late_joiner')).toBeUndefined();
  });

  it('coalesces bursts of changes and flush() waits for them', async () => {
    const portal = makePortal({ stateFile: file });
    for (let i = 0; i < 50; i++) portal.org.assign([{ username: 'demo_member', credits: i }]);
    await portal.flush();
    const saved = z
      .object({ changes: z.object({ allocations: z.record(z.string(), z.object({ cap: z.number() })) }) })
      .parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(saved.changes.allocations.demo_member?.cap).toBe(49);
  });

  it('a state file from another org (size or seed) is ignored with a warning', async () => {
    const portal = makePortal({ stateFile: file });
    portal.org.assign([{ username: 'demo_member', credits: 7 }]);
    await portal.flush();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const other = makePortal({ stateFile: file, seed: 2 });
    expect(other.org.findMember('demo_member')?.allocation.cap).not.toBe(7);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('another demo org'));
  });

  it('an interrupted write (leftover or truncated temp file) leaves the previous state intact', async () => {
    const portal = makePortal({ stateFile: file });
    portal.org.assign([{ username: 'demo_member', credits: 55 }]);
    await portal.flush();
    const good = readFileSync(file, 'utf8');
    writeFileSync(`${file}.tmp-99999-1`, good.slice(0, Math.floor(good.length / 2)));
    const restarted = makePortal({ stateFile: file });
    expect(restarted.org.findMember('demo_member')?.allocation.cap).toBe(55);
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
    // Writes never leave temp files behind.
    restarted.org.assign([{ username: 'demo_member', credits: 56 }]);
    await restarted.flush();
    expect(readdirSync(dir)).toEqual(['org.json']);
  });

  it('a corrupt state file is set aside and the org starts from the seed', async () => {
    writeFileSync(file, '{"version":1,"members":600,"se');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const portal = makePortal({ stateFile: file });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('unreadable'));
    const corrupt = readdirSync(dir).filter((n) => n.startsWith('org.json.corrupt-'));
    expect(corrupt).toHaveLength(1);
    expect(readFileSync(join(dir, corrupt[0] ?? ''), 'utf8')).toBe('{"version":1,"members":600,"se');
    expect(portal.org.orgSettings.creditAssignments).toBe('enabled');
    await portal.flush();
    expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow();
  });

  it('memory-only portals write nothing', async () => {
    const portal = makePortal();
    portal.org.assign([{ username: 'demo_member', credits: 5 }]);
    await portal.flush();
    expect(readdirSync(dir)).toEqual([]);
  });
});
