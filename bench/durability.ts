/**
 * `npm run bench:durability`: the kill -9 soak. A demo portal child process is SIGKILLed at random
 * moments while 4 writers assign credits; after each restart every acknowledged allocation is
 * looked up. Budget: 0 acknowledged changes lost over ≥ 20 kills. `--no-fsync` runs the same soak
 * against a server that answers before writing (to show what the soak catches).
 *   SOAK_KILLS (default 20), SOAK_WRITERS (default 4)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKillCycles } from '../demo-portal/test/crash/harness.ts';

const kills = Number(process.env.SOAK_KILLS ?? 20);
const writers = Number(process.env.SOAK_WRITERS ?? 4);
const durable = !process.argv.includes('--no-fsync');
const dir = mkdtempSync(join(tmpdir(), 'demo-portal-soak-'));
console.log(
  `Kill -9 soak: ${kills} kills at random moments (100–1500 ms of writing), ${writers} writers, ${durable ? 'durable writes' : 'NO fsync before answering'}`,
);
try {
  const started = performance.now();
  const result = await runKillCycles({
    dir,
    kills,
    writers,
    durable,
    minRunMs: 100,
    maxRunMs: 1500,
    log: (line) => console.log(`  ${line}`),
  });
  const ok = result.lost === 0 && result.kills >= 20;
  console.log(
    `  ${ok ? 'ok  ' : 'MISS'} ${result.kills} kills, ${result.acknowledged} acknowledged allocations, ${result.lost} lost (worst kill ${result.worstCycleLost}); ${result.interrupted} requests cut off unanswered; ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
