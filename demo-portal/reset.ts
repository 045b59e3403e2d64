/**
 * `npm run demo:reset`: forget every change made to the demo org (it is rebuilt from the seed).
 * When a demo portal is running on the state file, the running org is reset through that server
 * (it is sent SIGUSR2 and answers by starting over and saving); otherwise the files are removed.
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runningOwner } from './src/store.ts';

const stateFile = resolve(process.env.DEMO_STATE_FILE || '.demo-state/org.json');

function savedAt(): number | undefined {
  try {
    return (JSON.parse(readFileSync(stateFile, 'utf8')) as { savedAt?: number }).savedAt;
  } catch {
    return undefined;
  }
}

const owner = runningOwner(stateFile);
if (owner) {
  const before = savedAt();
  try {
    process.kill(owner.pid, 'SIGUSR2');
  } catch {
    console.error(
      `The demo portal is running (process ${owner.pid}) on ${stateFile} and could not be asked to reset. ` +
        'Reset it from the console (Demo controls → "Reset the demo organization…"), or stop it and run npm run demo:reset again.',
    );
    process.exit(1);
  }
  const deadline = Date.now() + 15_000;
  while (savedAt() === before) {
    if (Date.now() > deadline) {
      console.error(
        `The running demo portal (process ${owner.pid}) did not confirm the reset within 15 s. ` +
          'Check its console output, or stop it and run npm run demo:reset again.',
      );
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(
    `Demo organization reset: the running portal (process ${owner.pid}) started over from the seed.`,
  );
} else {
  await Promise.all([stateFile, `${stateFile}.log`, `${stateFile}.lock`].map((f) => rm(f, { force: true })));
  console.log(`Demo organization reset (removed ${stateFile}). It starts from the seed on the next start.`);
}
