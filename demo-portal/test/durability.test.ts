import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runKillCycles } from './crash/harness.ts';

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
});
