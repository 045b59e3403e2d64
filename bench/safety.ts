/**
 * Demo portal under hostile and crash-safe load, each figure beside its floor in the same run:
 * - users/search by `demo_member` with a 20 kB `q` and with the largest query allowed, against
 *   50,000 members, while one client measures `/info` (floor: /info p99 alone);
 * - assignUserCredits throughput and p95 with durable writes (fsync before the answer) beside the
 *   same server answering before writing (DEMO_DURABLE_WRITES=0).
 * The servers are demo portal child processes (the real HTTPS server, placeholder console).
 * Run alone with `npm run bench:safety`; `npm run bench` runs it too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { percentile, summarize } from './stats.ts';

const root = resolve(import.meta.dirname, '..');

interface Server {
  child: ChildProcess;
  port: number;
  token: string;
  agent: Agent;
}

async function startServer(dir: string, members: number, durable: boolean): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo-portal/test/crash/child.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DEMO_STATE_FILE: join(dir, durable ? 'durable.json' : 'plain.json'),
      DEMO_MEMBERS: String(members),
      CRASH_DIST: join(dir, 'dist'),
      DEMO_DURABLE_WRITES: durable ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout! }).once('line', ok);
    child.once('exit', (code) => fail(new Error(`demo portal exited (${code})`)));
  });
  const { port, token } = JSON.parse(line) as { port: number; token: string };
  return {
    child,
    port,
    token,
    agent: new Agent({ keepAlive: true, rejectUnauthorized: false, maxSockets: 32 }),
  };
}

function send(
  server: Server,
  path: string,
  form?: Record<string, string>,
): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  const body = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: form ? 'POST' : 'GET',
        agent: server.agent,
        headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          ok({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

const INFO = '/portal/sharing/rest/info?f=json';

/** /info latencies measured by one client while `load` runs (or alone). */
async function infoWhile(server: Server, seconds: number, load?: () => Promise<unknown>) {
  const deadline = performance.now() + seconds * 1000;
  let stop = false;
  const loaders = load
    ? Array.from({ length: 2 }, async () => {
        while (!stop) await load();
      })
    : [];
  const samples: number[] = [];
  while (performance.now() < deadline) samples.push((await send(server, INFO)).ms);
  stop = true;
  await Promise.all(loaders);
  const sorted = [...samples].sort((a, b) => a - b);
  return { ...summarize(samples), p99: percentile(sorted, 99) };
}

export interface SafetyBench {
  members: number;
  infoAlone: { median: number; p99: number; n: number };
  longQ: {
    bytes: number;
    status: string;
    latency: ReturnType<typeof summarize>;
    infoP99: number;
    infoN: number;
  };
  heavyQ: {
    bytes: number;
    terms: number;
    latency: ReturnType<typeof summarize>;
    infoP99: number;
    infoN: number;
  };
  assign: {
    durable: { rps: number; p95: number; median: number };
    plain: { rps: number; p95: number; median: number };
  };
}

/** Assign requests from 8 clients for `seconds`; latencies and request count. */
async function assignRound(server: Server, seconds: number, names: string[]) {
  const latencies: number[] = [];
  let i = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (performance.now() < deadline) {
        const username = names[i++ % names.length]!;
        const r = await send(server, '/portal/sharing/rest/portals/self/assignUserCredits', {
          f: 'json',
          token: server.token,
          userAssignments: JSON.stringify([{ username, credits: (i % 500) + 1 }]),
        });
        if (!r.body.includes('"success":true')) throw new Error(`assign failed: ${r.body.slice(0, 200)}`);
        latencies.push(r.ms);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

/**
 * Durable and plain servers measured in alternating one-second rounds, so a busy moment on the
 * machine weighs on both alike.
 */
async function compareAssign(durable: Server, plain: Server, rounds: number, names: string[]) {
  const totals = new Map<Server, { latencies: number[]; seconds: number }>([
    [durable, { latencies: [], seconds: 0 }],
    [plain, { latencies: [], seconds: 0 }],
  ]);
  for (let r = 0; r < rounds; r++) {
    for (const server of r % 2 === 0 ? [durable, plain] : [plain, durable]) {
      const round = await assignRound(server, 1, names);
      const total = totals.get(server)!;
      total.latencies.push(...round.latencies);
      total.seconds += round.seconds;
    }
  }
  const figures = (server: Server) => {
    const { latencies, seconds } = totals.get(server)!;
    const s = summarize(latencies);
    return { rps: latencies.length / seconds, p95: s.p95, median: s.median };
  };
  return { durable: figures(durable), plain: figures(plain) };
}

export async function benchSafety(members = 50_000): Promise<SafetyBench> {
  const dir = mkdtempSync(join(tmpdir(), 'demo-portal-safety-'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>bench</title>');
  const servers: Server[] = [];
  try {
    const durable = await startServer(dir, members, true);
    servers.push(durable);
    const tokenAnswer = await send(durable, '/portal/sharing/rest/generateToken', {
      username: 'demo_member',
      password: 'demo1234',
      referer: 'https://localhost',
      f: 'json',
    });
    const member = (JSON.parse(tokenAnswer.body) as { token?: string }).token;
    if (!member) throw new Error(`no demo_member token: ${tokenAnswer.body.slice(0, 200)}`);
    for (let i = 0; i < 200; i++) await send(durable, INFO); // warm-up

    const infoAlone = await infoWhile(durable, 3);

    // Long queries go in a POST body, as clients send them (Node refuses URLs over 16 kB).
    const search = (q: string) =>
      send(durable, '/portal/sharing/rest/portals/self/users/search', {
        f: 'json',
        num: '100',
        token: member,
        q,
      });
    const longQ = 'smith '.repeat((20 * 1024) / 6);
    const longLatencies: number[] = [];
    let longStatus = '';
    const longInfo = await infoWhile(durable, 5, async () => {
      const r = await search(longQ);
      longStatus = (JSON.parse(r.body) as { error?: { code: number } }).error ? 'refused (400)' : 'answered';
      longLatencies.push(r.ms);
    });

    // The largest query allowed: 32 distinct wildcard terms (31 + one that varies), each a scan of
    // every member.
    const heavy = Array.from(
      { length: 31 },
      (_, i) => `fullname:*${String.fromCharCode(97 + (i % 26))}*${i}*`,
    ).join(' OR ');
    const heavyLatencies: number[] = [];
    let variant = 0;
    const heavyInfo = await infoWhile(durable, 8, async () => {
      // A different query every time, so no cached matches help.
      const r = await search(`${heavy} x${variant++}`);
      if (r.body.includes('"error"')) throw new Error(`heavy query refused: ${r.body.slice(0, 200)}`);
      heavyLatencies.push(r.ms);
    });

    const page = JSON.parse(
      (await send(durable, `/portal/sharing/rest/portals/self/users?f=json&num=100&token=${durable.token}`))
        .body,
    ) as { users: { username: string }[] };
    const names = page.users.map((u) => u.username);
    const plain = await startServer(dir, members, false);
    servers.push(plain);
    await compareAssign(durable, plain, 2, names); // warm-up
    const assign = await compareAssign(durable, plain, 8, names);

    return {
      members,
      infoAlone,
      longQ: {
        bytes: longQ.length,
        status: longStatus,
        latency: summarize(longLatencies),
        infoP99: longInfo.p99,
        infoN: longInfo.n,
      },
      heavyQ: {
        bytes: heavy.length,
        terms: 32,
        latency: summarize(heavyLatencies),
        infoP99: heavyInfo.p99,
        infoN: heavyInfo.n,
      },
      assign,
    };
  } finally {
    for (const s of servers) {
      s.agent.destroy();
      s.child.kill('SIGKILL');
    }
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the figures with their floors; returns the budgets missed. */
export function reportSafety(b: SafetyBench, budget: (label: string, ok: boolean, detail: string) => void) {
  const f = (v: number) => `${v.toFixed(1)} ms`;
  console.log(
    `  machine load average (1 min) after the run: ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
  );
  console.log(
    `  /info alone (floor):              median ${f(b.infoAlone.median)}, p99 ${f(b.infoAlone.p99)} (n=${b.infoAlone.n})`,
  );
  console.log(
    `  20 kB q by demo_member:           ${b.longQ.status}, median ${f(b.longQ.latency.median)}, max ${f(b.longQ.latency.max)} (n=${b.longQ.latency.n}); /info p99 meanwhile ${f(b.longQ.infoP99)} (n=${b.longQ.infoN})`,
  );
  console.log(
    `  largest allowed q (${b.heavyQ.bytes} chars, ${b.heavyQ.terms} wildcard terms), 2 clients back to back: median ${f(b.heavyQ.latency.median)}, max ${f(b.heavyQ.latency.max)} (n=${b.heavyQ.latency.n}); /info p99 meanwhile ${f(b.heavyQ.infoP99)} (n=${b.heavyQ.infoN})`,
  );
  console.log(
    `  assignUserCredits, 8 clients:     durable ${b.assign.durable.rps.toFixed(0)} req/s, median ${f(b.assign.durable.median)}, p95 ${f(b.assign.durable.p95)}; without fsync (floor) ${b.assign.plain.rps.toFixed(0)} req/s, median ${f(b.assign.plain.median)}, p95 ${f(b.assign.plain.p95)}`,
  );
  budget('20 kB q answered within 1 s', b.longQ.latency.max <= 1000, f(b.longQ.latency.max));
  budget('/info p99 < 100 ms during 20 kB q', b.longQ.infoP99 < 100, f(b.longQ.infoP99));
  budget('largest allowed q answered within 1 s', b.heavyQ.latency.max <= 1000, f(b.heavyQ.latency.max));
  budget('/info p99 < 100 ms during the largest allowed q', b.heavyQ.infoP99 < 100, f(b.heavyQ.infoP99));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const members = Number(process.env.BENCH_MEMBERS ?? 50_000);
  const missed: string[] = [];
  console.log(
    `Demo portal safety (${members.toLocaleString('en')} members, HTTPS keep-alive, server in its own process)`,
  );
  const b = await benchSafety(members);
  reportSafety(b, (label, ok, detail) => {
    console.log(`  ${ok ? 'ok  ' : 'MISS'} ${label}: ${detail}`);
    if (!ok) missed.push(label);
  });
  process.exitCode = missed.length ? 1 : 0;
}
