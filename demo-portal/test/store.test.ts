import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { OrgModel } from '../src/model/org.ts';
import { StateStore } from '../src/store.ts';
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
    const saved = readFileSync(file, 'utf8');
    const other = makePortal({ stateFile: file, seed: 2 });
    expect(other.org.findMember('demo_member')?.allocation.cap).not.toBe(7);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('another demo org'));
    // The other org's changes are kept, named after that org, before the new org's file replaces them.
    const backups = readdirSync(dir).filter((n) => n.startsWith('org.json.org-600-members-seed-1-'));
    expect(backups.filter((n) => !n.endsWith('.log'))).toHaveLength(1);
    expect(readFileSync(join(dir, backups.find((n) => !n.endsWith('.log')) ?? ''), 'utf8')).toBe(saved);
  });

  it("starting over (--reset) keeps another org's state file as a backup, and drops this org's", async () => {
    const other = makePortal({ stateFile: file, seed: 2 });
    other.org.assign([{ username: 'demo_member', credits: 9 }]);
    await other.close();
    const saved = readFileSync(file, 'utf8');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fresh = makePortal({ stateFile: file, reset: true });
    const backups = readdirSync(dir).filter((n) => n.startsWith('org.json.org-600-members-seed-2-'));
    expect(backups.filter((n) => !n.endsWith('.log')).map((n) => readFileSync(join(dir, n), 'utf8'))).toEqual(
      [saved],
    );
    fresh.org.assign([{ username: 'demo_member', credits: 10 }]);
    await fresh.close();
    makePortal({ stateFile: file, reset: true });
    expect(readdirSync(dir).filter((n) => n.includes('-seed-1-'))).toEqual([]);
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
    await restarted.close();
    expect(readdirSync(dir).sort()).toEqual(['org.json', 'org.json.log']);
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

const logRecord = (line: string) => /^[0-9a-f]{8} \{"s":\d+/.test(line);

/** Waits until the change log holds `count` records (changes made in-process are written async). */
async function logRecords(count: number): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const log = readFileSync(`${file}.log`, 'utf8');
    if (log.split('\n').filter(logRecord).length >= count) return log;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`the change log never reached ${count} records`);
}

describe('change log', () => {
  it('an acknowledged change is on disk before the answer, without any flush', async () => {
    const portal = makePortal({ stateFile: file });
    const answer = await call(portal, 'portals/self/assignUserCredits', {
      method: 'POST',
      token: tokenFor(portal),
      params: { userAssignments: '[{"username":"demo_member","credits":77}]' },
    });
    expect(answer.body).toMatchObject({ success: true });
    // No flush or close: what a crash right after the answer would leave.
    const lines = readFileSync(`${file}.log`, 'utf8').split('\n').filter(logRecord);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"demo_member":{"cap":77');
    const restarted = makePortal({ stateFile: file });
    expect(restarted.org.findMember('demo_member')?.allocation.cap).toBe(77);
  });

  it('replays every kind of change: settings, allocations, added members, advanced days and resets', async () => {
    const first = makePortal({ stateFile: file });
    first.org.assign([{ username: 'demo_member', credits: 10 }]);
    first.org.resetToSeed();
    first.org.updateSettings({ defaultUserCreditAssignment: 40 });
    first.org.addMember({ username: 'late_joiner', firstName: 'Late', lastName: 'Joiner' });
    first.org.assign([{ username: 'late_joiner', credits: 12 }]);
    first.org.setAvailableCredits(5000);
    first.org.advanceDays(2);
    await logRecords(7);
    const restarted = makePortal({ stateFile: file });
    expect(restarted.org.findMember('demo_member')?.allocation.cap).toBe(
      makePortal().org.findMember('demo_member')?.allocation.cap,
    );
    expect(restarted.org.findMember('late_joiner')?.allocation.cap).toBe(12);
    expect(restarted.org.orgSettings.defaultUserCreditAssignment).toBe(40);
    expect(restarted.org.advancedDays).toBe(2);
    expect(restarted.org.exportChanges()).toEqual(first.org.exportChanges());
  });

  it('a torn last record (crash mid-write) is dropped and the changes before it are kept', async () => {
    const portal = makePortal({ stateFile: file });
    portal.org.assign([{ username: 'demo_member', credits: 31 }]);
    portal.org.assign([{ username: 'demo_member', credits: 32 }]);
    const log = await logRecords(2);
    const last = log.trimEnd().split('\n').at(-1) ?? '';
    expect(logRecord(last)).toBe(true);
    // The last record cut short, as a kill during the write leaves it.
    writeFileSync(`${file}.log`, log.slice(0, log.length - Math.floor(last.length / 2)));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const restarted = makePortal({ stateFile: file });
    expect(restarted.org.findMember('demo_member')?.allocation.cap).toBe(31);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('incomplete or corrupt last record'));
  });

  it('a last record whose checksum does not match is dropped', async () => {
    const portal = makePortal({ stateFile: file });
    portal.org.assign([{ username: 'demo_member', credits: 41 }]);
    portal.org.assign([{ username: 'demo_member', credits: 42 }]);
    const log = await logRecords(2);
    expect(log).toContain('"cap":42');
    writeFileSync(`${file}.log`, log.replace('"cap":42', '"cap":99'));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(makePortal({ stateFile: file }).org.findMember('demo_member')?.allocation.cap).toBe(41);
  });

  it('compacts the log into the state file as it grows, losing nothing', async () => {
    const portal = makePortal({ stateFile: file });
    const token = tokenFor(portal);
    const names = portal.org.members.slice(10, 60).map((m) => m.username);
    // Each record is a few hundred bytes; 4 MB triggers compaction after ~15,000 of them, so
    // compact explicitly between batches here and check the log restarts small.
    for (let round = 0; round < 3; round++) {
      await Promise.all(
        names.map((username, i) =>
          call(portal, 'portals/self/assignUserCredits', {
            method: 'POST',
            token,
            params: { userAssignments: JSON.stringify([{ username, credits: round * 100 + i }]) },
          }),
        ),
      );
      await portal.flush();
      expect(readFileSync(`${file}.log`, 'utf8').split('\n').filter(logRecord)).toEqual([]);
    }
    portal.org.assign([{ username: 'demo_member', credits: 5 }]);
    await logRecords(1);
    const restarted = makePortal({ stateFile: file });
    expect(restarted.org.exportChanges()).toEqual(portal.org.exportChanges());
    expect(restarted.org.findMember(names[7] ?? '')?.allocation.cap).toBe(207);
  });

  it('refuses to open a state file that another running process owns', () => {
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.ppid, started: 0 }));
    expect(() => makePortal({ stateFile: file })).toThrow(/Another demo portal \(process \d+\) is using/);
    // A lock left by a process that is gone does not stand in the way.
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, started: 0 }));
    expect(() => makePortal({ stateFile: file })).not.toThrow();
  });

  it('compacts on its own once the log passes its size threshold', async () => {
    const org = new OrgModel({ members: 600, now: () => NOW });
    const store = new StateStore({ file, members: 600, seed: 1, compactBytes: 4000 });
    store.load();
    store.open(() => org.exportChanges());
    org.onChange((change) => store.append(change));
    const names = org.members.slice(10, 110).map((m) => m.username);
    for (const [i, username] of names.entries()) {
      org.assign([{ username, credits: i }]);
      await store.durable();
    }
    // Compaction runs in the background; wait for the snapshot to catch up.
    for (let i = 0; i < 500; i++) {
      const saved = z.object({ logSeq: z.number() }).parse(JSON.parse(readFileSync(file, 'utf8')));
      if (saved.logSeq >= 80) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(readFileSync(`${file}.log`, 'utf8').length).toBeLessThan(8000);
    const again = new StateStore({ file, members: 600, seed: 1 });
    const loaded = again.load();
    expect(loaded.status).toBe('loaded');
    const restored = new OrgModel({ members: 600, now: () => NOW });
    if (loaded.status === 'loaded') restored.importChanges(loaded.changes);
    expect(restored.exportChanges()).toEqual(org.exportChanges());
    await store.close();
  });
});
