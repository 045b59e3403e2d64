/** `npm run demo:reset`: forget every change made to the demo org (it is rebuilt from the seed). */
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';

const stateFile = resolve(process.env.DEMO_STATE_FILE || '.demo-state/org.json');
await rm(stateFile, { force: true });
console.log(`Demo organization reset (removed ${stateFile}). It starts from the seed on the next start.`);
