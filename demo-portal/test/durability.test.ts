import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { killChild, post, readAllocations, runKillCycles, startChild } from './crash/harness.ts';

/**
 * Kill -9 a demo portal child process while four writers assign credits, restart it on the
 * same state file and look every acknowledged allocation up. A few kills keep this quick; the
 * soak (`npm run bench:durability`) runs twenty or more.
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'demo-portal-crash-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('durable writes', () => {
  it('loses no acknowledged allocation when the server is killed mid-stream', async () => {
    const result = await runKillCycles({ dir, kills: 3, writers: 4, minRunMs: 300, maxRunMs: 900 });
    // The writers really wrote, and the kills really cut requests off.
    expect(result.acknowledged).toBeGreaterThan(20);
    expect(result.lost).toBe(0);
  }, 120_000);

  it('npm run demo:reset resets the running org through the server, and the reset is kept', async () => {
    const child = await startChild(dir, 600, true);
    const agent = new Agent({ keepAlive: false, rejectUnauthorized: false });
    let restarted: Awaited<ReturnType<typeof startChild>> | undefined;
    try {
      const seeded = (await readAllocations(child)).get('demo_member');
      const answer = await post(agent, child.port, '/portal/sharing/rest/portals/self/assignUserCredits', {
        f: 'json',
        token: child.token,
        userAssignments: JSON.stringify([{ username: 'demo_member', credits: 4321 }]),
      });
      expect(answer).toContain('"success":true');
      expect((await readAllocations(child)).get('demo_member')).toBe(4321);

      const reset = spawnSync(process.execPath, ['--import', 'tsx', 'demo-portal/reset.ts'], {
        cwd: resolve(import.meta.dirname, '../..'),
        env: { ...process.env, DEMO_STATE_FILE: join(dir, 'org.json') },
        encoding: 'utf8',
      });
      expect(reset.stderr).toBe('');
      expect(reset.stdout).toContain(`the running portal (process ${child.process.pid}) started over`);
      expect((await readAllocations(child)).get('demo_member')).toBe(seeded);

      // Killed right after: the reset was saved, not undone by the old state.
      await killChild(child);
      restarted = await startChild(dir, 600, true);
      expect((await readAllocations(restarted)).get('demo_member')).toBe(seeded);
    } finally {
      agent.destroy();
      await killChild(child);
      if (restarted) await killChild(restarted);
    }
  }, 60_000);

  it('npm run demo:reset removes the saved org when no server runs', () => {
    const file = join(dir, 'org.json');
    spawnSync(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(file)}, '{}')`]);
    const reset = spawnSync(process.execPath, ['--import', 'tsx', 'demo-portal/reset.ts'], {
      cwd: resolve(import.meta.dirname, '../..'),
      env: { ...process.env, DEMO_STATE_FILE: file },
      encoding: 'utf8',
    });
    expect(reset.stdout).toContain('Demo organization reset (removed');
    expect(existsSync(file)).toBe(false);
  });
});
