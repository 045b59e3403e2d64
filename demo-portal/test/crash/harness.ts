/**
 * Kill -9 cycles against a demo portal child process: writers assign ever-growing credits to
 * members of their own, the child is SIGKILLed at a random moment, restarted on the same state
 * file, and every acknowledged allocation is looked up. Used by the Vitest durability test (a few
 * kills) and by `npm run bench:durability` (the soak).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface KillCycleOptions {
  /** Working directory for the state file and placeholder console. */
  dir: string;
  kills: number;
  writers: number;
  members?: number;
  /** Random run time before each kill, in ms. */
  minRunMs?: number;
  maxRunMs?: number;
  /** DEMO_DURABLE_WRITES=0 in the child (to show what the test catches). */
  durable?: boolean;
  log?: (line: string) => void;
}

export interface KillCycleResult {
  kills: number;
  acknowledged: number;
  /** Acknowledged allocations found missing (older than acknowledged) after a restart. */
  lost: number;
  worstCycleLost: number;
  /** Requests that failed because the server was killed under them (never acknowledged). */
  interrupted: number;
}

export interface Child {
  process: ChildProcess;
  port: number;
  token: string;
}

const root = resolve(import.meta.dirname, '../../..');

/** Starts a demo portal child process on `dir`/org.json. */
export async function startChild(dir: string, members: number, durable: boolean): Promise<Child> {
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>crash test</title>');
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo-portal/test/crash/child.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DEMO_STATE_FILE: join(dir, 'org.json'),
      DEMO_MEMBERS: String(members),
      CRASH_DIST: join(dir, 'dist'),
      DEMO_DURABLE_WRITES: durable ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((ok, fail) => {
    lines.once('line', ok);
    child.once('exit', (code) => fail(new Error(`demo portal child exited (${code}): ${stderr}`)));
  });
  const { port, token } = JSON.parse(first) as { port: number; token: string };
  return { process: child, port, token };
}

export function killChild(child: Child): Promise<void> {
  return new Promise((ok) => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      ok();
      return;
    }
    child.process.once('exit', () => ok());
    child.process.kill('SIGKILL');
  });
}

export function post(
  agent: Agent,
  port: number,
  path: string,
  form: Record<string, string>,
): Promise<string> {
  const body = new URLSearchParams(form).toString();
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

function get(agent: Agent, port: number, path: string): Promise<string> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

/** Every member's assigned credits, through the REST API of the restarted portal. */
export async function readAllocations(child: Child): Promise<Map<string, number>> {
  const agent = new Agent({ keepAlive: true, rejectUnauthorized: false });
  const caps = new Map<string, number>();
  try {
    for (let start = 1; start > 0;) {
      const page = JSON.parse(
        await get(
          agent,
          child.port,
          `/portal/sharing/rest/portals/self/users?f=json&num=100&start=${start}&token=${child.token}`,
        ),
      ) as { nextStart: number; users: { username: string; assignedCredits?: number }[] };
      for (const u of page.users) caps.set(u.username, u.assignedCredits ?? -1);
      start = page.nextStart;
    }
  } finally {
    agent.destroy();
  }
  return caps;
}

export async function runKillCycles(options: KillCycleOptions): Promise<KillCycleResult> {
  const members = options.members ?? 600;
  const minRun = options.minRunMs ?? 100;
  const maxRun = options.maxRunMs ?? 800;
  const durable = options.durable ?? true;
  const log = options.log ?? (() => {});
  /** username → credits acknowledged since the last restart (each writer's credits only grow). */
  const acknowledged = new Map<string, number[]>();
  let acknowledgedCount = 0;
  let interrupted = 0;
  let lost = 0;
  let worstCycleLost = 0;
  let child = await startChild(options.dir, members, durable);
  // Writers own disjoint members: demo_user_… names come from the first page of the org.
  const names = [...(await readAllocations(child)).keys()]
    .filter((n) => !n.startsWith('demo_'))
    .slice(0, 200);
  let counter = 0;

  for (let cycle = 1; cycle <= options.kills; cycle++) {
    const agent = new Agent({ keepAlive: true, rejectUnauthorized: false, maxSockets: options.writers });
    const current = child;
    let stop = false;
    const writers = Array.from({ length: options.writers }, async (_, w) => {
      for (let n = 0; !stop; n++) {
        const own = names.filter((_, i) => i % options.writers === w);
        const username = own[n % own.length]!;
        const credits = ++counter;
        try {
          const text = await post(
            agent,
            current.port,
            '/portal/sharing/rest/portals/self/assignUserCredits',
            {
              f: 'json',
              token: current.token,
              userAssignments: JSON.stringify([{ username, credits }]),
            },
          );
          if (!text.includes('"success":true')) throw new Error(text.slice(0, 200));
          const list = acknowledged.get(username) ?? [];
          list.push(credits);
          acknowledged.set(username, list);
          acknowledgedCount++;
        } catch {
          interrupted++;
          return;
        }
      }
    });
    const runMs = minRun + Math.random() * (maxRun - minRun);
    await new Promise((r) => setTimeout(r, runMs));
    await killChild(current);
    stop = true;
    await Promise.all(writers);
    agent.destroy();

    child = await startChild(options.dir, members, durable);
    const caps = await readAllocations(child);
    // An acknowledged allocation is lost when the member now holds an older (smaller) value.
    let cycleLost = 0;
    for (const [username, list] of acknowledged) {
      const kept = caps.get(username) ?? -1;
      cycleLost += list.filter((credits) => credits > kept).length;
    }
    acknowledged.clear();
    lost += cycleLost;
    worstCycleLost = Math.max(worstCycleLost, cycleLost);
    log(
      `kill ${cycle}/${options.kills} after ${Math.round(runMs)} ms: ${acknowledgedCount} acknowledged so far, ${cycleLost} lost`,
    );
  }
  await killChild(child);
  return { kills: options.kills, acknowledged: acknowledgedCount, lost, worstCycleLost, interrupted };
}
