/**
 * `npm start` / `npm run dev`: the console and the demo portal on one HTTPS origin.
 *   PORT             (default 8443)
 *   DEMO_MEMBERS     org size (default 2500, up to 250000)
 *   DEMO_STATE_FILE  where the demo org's changes persist (default .demo-state/org.json)
 *   DEMO_SEED        seed of the generated org (default 1)
 *   DEMO_TEST_CONTROL=1  enables the test-only control routes (/portal/__test/...)
 *   DEMO_FAULTS      JSON array of fault rules (latency, failures, token expiry per route)
 *   DEMO_DURABLE_WRITES=0  answer changes before they are on disk (benchmarks only; a crash can
 *                    then lose acknowledged changes)
 * Flags: --dev (Vite with hot reload), --reset (start the demo org over).
 */
import { resolve } from 'node:path';
import { resetOnSignal, startServer } from './src/server.ts';

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
    process.exit(2);
  }
  return value;
}

const args = new Set(process.argv.slice(2));
const port = intFromEnv('PORT', 8443, 1, 65535);
const members = intFromEnv('DEMO_MEMBERS', 2500, 3, 250_000);
const seed = intFromEnv('DEMO_SEED', 1, 0, 2 ** 31 - 1);
const stateFile = resolve(process.env.DEMO_STATE_FILE || '.demo-state/org.json');
const started = performance.now();

const running = await startServer({
  port,
  mode: args.has('--dev') ? 'dev' : 'static',
  portal: {
    members,
    seed,
    stateFile,
    reset: args.has('--reset'),
    testControl: process.env.DEMO_TEST_CONTROL === '1',
    durability: process.env.DEMO_DURABLE_WRITES === '0' ? 'none' : 'fsync',
  },
}).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('EADDRINUSE')) {
    console.error(`Port ${port} is in use. Stop the other server or set PORT, e.g. PORT=9443 npm start.`);
  } else {
    console.error(message);
  }
  process.exit(1);
});

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `Credit Console is running at ${running.origin}/  (demo org: ${members} members, ready in ${seconds} s)`,
);
console.log(`Demo portal: ${running.origin}/portal  — sign in as demo_admin / demo1234`);
console.log('The certificate is self-signed: your browser will ask you to accept it once.');

// `npm run demo:reset` while this server runs: start the org over here, where it lives.
resetOnSignal(running);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) process.exit(1);
    closing = true;
    void running.close().then(() => process.exit(0));
  });
}
