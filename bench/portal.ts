/**
 * Demo portal start-up, memory, latency and throughput against a large org (`BENCH_MEMBERS`), beside a trivial route (`info`)
 * answered by the same server in the same run. The server runs as `npm start` runs it, in its own
 * process; requests go over HTTPS with keep-alive from this process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { resolve } from 'node:path';
import { summarize } from './stats.ts';

export interface PortalBenchOptions {
  root: string;
  port: number;
  members: number;
}

interface Client {
  get(path: string): Promise<{ status: number; body: string }>;
  post(path: string, form: Record<string, string>): Promise<{ status: number; body: string }>;
}

function makeClient(origin: string, ca: string): Client {
  const agent = new Agent({ keepAlive: true, maxSockets: 16, ca });
  const send = (method: string, path: string, body?: string) =>
    new Promise<{ status: number; body: string }>((ok, fail) => {
      const req = request(
        `${origin}${path}`,
        {
          method,
          agent,
          headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', fail);
        },
      );
      req.on('error', fail);
      req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${path}`)));
      req.end(body);
    });
  // A keep-alive socket the server closed as it was reused (its idle timer fires while a large org
  // keeps it busy) resets: send once more on a fresh socket.
  const retried = (method: string, path: string, body?: string) =>
    send(method, path, body)
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ECONNRESET') throw error;
        return send(method, path, body);
      })
      .catch((error: Error) => {
        // Which request failed, without its query (it carries the token).
        throw new Error(`${method} ${path.split('?')[0]}: ${error.message}`, { cause: error });
      });
  return {
    get: (path) => retried('GET', path),
    post: (path, form) => retried('POST', path, new URLSearchParams(form).toString()),
  };
}

async function waitForServer(client: Client, child: ChildProcess, timeoutMs: number) {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`demo portal exited with ${child.exitCode}`);
    try {
      const r = await client.get('/portal/sharing/rest/info?f=json');
      if (r.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('demo portal did not start in time');
}

async function timeSequential(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return samples;
}

async function throughput(concurrency: number, seconds: number, fn: (i: number) => Promise<unknown>) {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await fn(done);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/** CPU seconds (user + system, all threads) a process has used (Linux), or NaN without /proc. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * Reads every page of a member listing, `inFlight` requests at a time, and returns the bodies by
 * page. Fails on any error page.
 */
async function scanPages(client: Client, path: (start: number) => string, total: number, inFlight: number) {
  const starts: number[] = [];
  for (let s = 1; s <= total; s += 100) starts.push(s);
  const bodies = new Array<string>(starts.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < starts.length) {
        const k = next++;
        const r = await client.get(path(starts[k]!));
        if (r.status !== 200 || r.body.startsWith('{"error"')) throw new Error(`page ${starts[k]} failed`);
        bodies[k] = r.body;
      }
    }),
  );
  return bodies;
}

/** Resident memory of a process in MB (Linux), or NaN where /proc is not available. */
function rssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

const WORDS = ['smith', 'maria', 'lee', 'an', 'garcia', 'john', 'publisher', 'kim', 'no-such-person', 'e'];

export async function benchPortal(options: PortalBenchOptions, keepRunning = false) {
  const stateFile = resolve(options.root, `.demo-state/bench-${options.port}.json`);
  await rm(stateFile, { force: true });
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo-portal/serve.ts', '--reset'], {
    cwd: options.root,
    env: {
      ...process.env,
      PORT: String(options.port),
      DEMO_MEMBERS: String(options.members),
      DEMO_STATE_FILE: stateFile,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const spawned = performance.now();
    let ca = '';
    for (let i = 0; i < 200 && !ca; i++) {
      ca = await readFile(resolve(options.root, '.cache/cert/localhost-cert.pem'), 'utf8').catch(() => '');
      if (!ca) await new Promise((r) => setTimeout(r, 50));
    }
    const client = makeClient(`https://localhost:${options.port}`, ca);
    await waitForServer(client, child, 180_000);
    if (child.exitCode !== null) throw new Error(`demo portal exited with ${child.exitCode}`);
    const startupMs = performance.now() - spawned;
    const startupCpuS = cpuSeconds(child.pid);
    const rssAfterStartMb = rssMb(child.pid);

    const tokenResponse = await client.post('/portal/sharing/rest/generateToken', {
      username: 'demo_admin',
      password: 'demo1234',
      f: 'json',
    });
    const token = (JSON.parse(tokenResponse.body) as { token: string }).token;
    const search = (i: number) =>
      client.get(
        `/portal/sharing/rest/portals/self/users/search?f=json&num=100&q=${encodeURIComponent(WORDS[i % WORDS.length]!)}&token=${token}`,
      );
    const info = () => client.get('/portal/sharing/rest/info?f=json');

    // warm-up
    for (let i = 0; i < 50; i++) await Promise.all([search(i), info()]);

    const infoLatency = summarize(await timeSequential(400, info));
    const searchLatency = summarize(await timeSequential(400, search));

    const scanStarted = performance.now();
    let total = 0;
    const first = JSON.parse(
      (await client.get(`/portal/sharing/rest/portals/self/users?f=json&num=100&start=1&token=${token}`))
        .body,
    ) as { total: number };
    total = first.total;
    const starts: number[] = [];
    for (let s = 101; s <= total; s += 100) starts.push(s);
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < starts.length) {
          const s = starts[next++]!;
          const r = await client.get(
            `/portal/sharing/rest/portals/self/users?f=json&num=100&start=${s}&token=${token}`,
          );
          if (r.status !== 200 || r.body.includes('"error"')) throw new Error(`page ${s} failed`);
        }
      }),
    );
    const scanMs = performance.now() - scanStarted;
    const rssAfterScanMb = rssMb(child.pid);

    // The whole org through users/search (what Esri's clients page through), 4 in flight, beside
    // its floors: the same number of trivial requests over the same connections, and the bench
    // turning the very same pages into JSON text (parse, then stringify: what a server does at
    // least once per page).
    const searchPath = (s: number) =>
      `/portal/sharing/rest/portals/self/users/search?f=json&q=*&num=100&start=${s}&token=${token}`;
    const searchScanCpu = cpuSeconds(child.pid);
    const searchScanStarted = performance.now();
    const pagesBodies = await scanPages(client, searchPath, total, 4);
    const searchScanMs = performance.now() - searchScanStarted;
    const searchScanServerCpuS = cpuSeconds(child.pid) - searchScanCpu;
    const searchScanBytes = pagesBodies.reduce((sum, b) => sum + Buffer.byteLength(b), 0);
    const serialiseStarted = performance.now();
    const serialiseCpu = process.cpuUsage();
    let serialisedBytes = 0;
    for (const body of pagesBodies) serialisedBytes += JSON.stringify(JSON.parse(body)).length;
    const serialiseMs = performance.now() - serialiseStarted;
    const { user, system } = process.cpuUsage(serialiseCpu);
    const serialiseCpuS = (user + system) / 1e6;
    if (serialisedBytes === 0) throw new Error('no pages');
    const trivialCpu = cpuSeconds(child.pid);
    const trivialStarted = performance.now();
    let trivialNext = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (trivialNext < pagesBodies.length) {
          trivialNext++;
          await info();
        }
      }),
    );
    const trivialMs = performance.now() - trivialStarted;
    const trivialServerCpuS = cpuSeconds(child.pid) - trivialCpu;

    // Paging the plain member list (what the console's index load does), at random pages.
    const pages = Math.max(1, Math.ceil(total / 100));
    const pageLatency = summarize(
      await timeSequential(200, (i) =>
        client.get(
          `/portal/sharing/rest/portals/self/users?f=json&num=100&start=${((i * 7919) % pages) * 100 + 1}&token=${token}`,
        ),
      ),
    );

    // Usage by member over 30 days: daily buckets (a client's day-by-day report), and the request
    // the Usage page's Top consumers sends (credits by username and org, one bucket per month).
    const end = Date.now();
    const usageReport = async (query: string) => {
      const started = performance.now();
      const r = await client.get(
        `/portal/sharing/rest/portals/self/usage?f=json&startTime=${end - 30 * 86_400_000}&endTime=${end}&${query}&token=${token}`,
      );
      const took = performance.now() - started;
      if (r.status !== 200 || r.body.startsWith('{"error"')) throw new Error('usage report failed');
      const rows = (JSON.parse(r.body) as { data: unknown[] }).data.length;
      return { ms: took, bytes: Buffer.byteLength(r.body), rows };
    };
    const usageDaily = await usageReport('period=1d&groupby=username');
    const usageTop = await usageReport('period=1m&vars=credits&groupby=username,userorgid');
    const usageMs = usageDaily.ms;
    const usageBytes = usageDaily.bytes;
    const rssAfterUsageMb = rssMb(child.pid);

    const infoRps = await throughput(8, 3, info);
    const searchRps = await throughput(8, 3, search);

    const stop = () => {
      child.kill('SIGTERM');
    };
    return {
      startupMs,
      startupCpuS,
      searchScanMs,
      searchScanServerCpuS,
      searchScanBytes,
      searchScanPages: pagesBodies.length,
      serialiseMs,
      serialiseCpuS,
      trivialMs,
      trivialServerCpuS,
      usageDaily,
      usageTop,
      members: total,
      infoLatency,
      searchLatency,
      scanMs,
      scanRequests: starts.length + 1,
      pageLatency,
      usageMs,
      usageBytes,
      rssAfterStartMb,
      rssAfterScanMb,
      rssAfterUsageMb,
      infoRps,
      searchRps,
      stop,
    };
  } catch (error) {
    // A failed run never leaves its server behind (the next run would measure it instead).
    child.kill('SIGTERM');
    throw error;
  } finally {
    if (!keepRunning) child.kill('SIGTERM');
  }
}
