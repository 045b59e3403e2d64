/**
 * A demo portal in its own process, for crash tests: the real HTTPS server over a state file,
 * serving a placeholder console. Prints `{"port", "token"}` (an admin token) on one line once
 * it is listening.
 *   DEMO_STATE_FILE, DEMO_MEMBERS, CRASH_DIST (a directory with an index.html)
 */
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { resetOnSignal, startServer } from '../../src/server.ts';

const running = await startServer({
  port: 0,
  mode: 'static',
  distDir: process.env.CRASH_DIST ?? '',
  certDir: resolve('.cache/cert'),
  portal: {
    members: Number(process.env.DEMO_MEMBERS ?? 600),
    seed: 1,
    stateFile: process.env.DEMO_STATE_FILE ?? '',
    durability: process.env.DEMO_DURABLE_WRITES === '0' ? 'none' : 'fsync',
  },
});
resetOnSignal(running);
const token = running.portal.tokens.issue('access', 'demo_admin', 'crash-test', 3_600_000).token;
const { port } = running.server.address() as AddressInfo;
process.stdout.write(`${JSON.stringify({ port, token })}\n`);

// Never outlive the test or bench that started this server.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 500).unref();
