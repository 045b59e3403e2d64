import {
  closeSync,
  existsSync,
  fdatasync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  write,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { PortalError } from './model/errors.ts';
import { appendNotifications } from './model/notifications.ts';
import type { OrgChangeRecord, OrgChanges } from './model/org.ts';
import { errorBody, JSON_CONTENT_TYPE } from './routes/http.ts';

/**
 * Persistence of the demo org's changes over the seed (settings, allocation overrides, added
 * members, clock advance), durable before a change is acknowledged:
 *
 * - `org.json` is a snapshot (written atomically: temp file + fsync + rename) that names the last
 *   change-log record it includes (`logSeq`).
 * - `org.json.log` is an append-only change log, one checksummed record per change. A change is
 *   acknowledged only once its record is fsync'd; records of concurrent requests share one write
 *   and one fsync (group commit).
 * - Once the log grows past a threshold, and on flush/close, the org is compacted into a new
 *   snapshot in the background and the log restarts with the records the snapshot lacks.
 * - On start, the snapshot is read and the log records after it replayed; a torn or corrupt last
 *   record (a crash mid-write) is detected by its checksum or missing newline and dropped.
 * - `org.json.lock` names the process that owns the files, so `npm run demo:reset` and a second
 *   server can tell that the org is in use.
 */

export const STATE_VERSION = 1;

const allocationSchema = z.object({ cap: z.number(), start: z.number() });

const itemSchema = z.object({
  id: z.string(),
  owner: z.string(),
  title: z.string(),
  type: z.string(),
  typeKeywords: z.array(z.string()),
  tags: z.array(z.string()),
  description: z.string().nullable(),
  snippet: z.string().nullable(),
  access: z.enum(['private', 'shared', 'org', 'public']),
  created: z.number(),
  modified: z.number(),
  text: z.string().nullable(),
});

const notificationSchema = z.object({
  id: z.string(),
  created: z.number(),
  from: z.string(),
  channel: z.enum(['builtin', 'email']),
  subject: z.string(),
  message: z.string(),
  users: z.array(z.string()),
  clientId: z.string().optional(),
});

const stateSchema = z.object({
  version: z.literal(STATE_VERSION),
  members: z.number().int(),
  seed: z.number().int(),
  savedAt: z.number(),
  /** The last change-log record this snapshot includes (absent in files written before the log). */
  logSeq: z.number().int().min(0).optional(),
  changes: z.object({
    settings: z.object({
      creditAssignments: z.enum(['enabled', 'disabled']),
      defaultUserCreditAssignment: z.number(),
    }),
    purchasedDeltaMilli: z.number(),
    allocations: z.record(z.string(), allocationSchema),
    added: z.array(
      z.object({
        username: z.string(),
        firstName: z.string(),
        lastName: z.string(),
        email: z.string(),
        role: z.enum(['org_admin', 'org_publisher', 'org_user']),
        roleId: z.string().optional(),
        userLicenseTypeId: z.string(),
        created: z.number(),
        allocation: allocationSchema,
      }),
    ),
    advancedDays: z.number().int().min(0),
    items: z.record(z.string(), itemSchema).optional(),
    notifications: z.array(notificationSchema).optional(),
  }),
});

const changesSchema = stateSchema.shape.changes;
const changeRecordSchema = changesSchema.extend({
  reset: z.literal(true).optional(),
  items: z.record(z.string(), itemSchema.nullable()).optional(),
});
const logHeaderSchema = z.object({ log: z.literal(1), members: z.number().int(), seed: z.number().int() });
const logRecordSchema = z.object({ s: z.number().int().min(1), c: changeRecordSchema });
const lockSchema = z.object({ pid: z.number().int(), started: z.number() });

type ParsedChanges = z.infer<typeof changesSchema>;

/** Log compaction starts once the log holds this many bytes (and always on flush/close). */
export const DEFAULT_COMPACT_BYTES = 4 * 1024 * 1024;

export interface StoreOptions {
  file: string;
  members: number;
  seed: number;
  /**
   * `fsync` (default): a change is acknowledged once its log record is on disk. `none`: records
   * are written without waiting or fsync (only for benchmarks comparing the two).
   */
  durability?: 'fsync' | 'none';
  /** Log size that triggers a background compaction (default 4 MB). */
  compactBytes?: number;
  warn?: (message: string) => void;
}

export type LoadResult =
  | { status: 'missing' }
  | { status: 'loaded'; changes: OrgChanges; replayed: number; droppedBytes: number }
  | { status: 'mismatch'; backup: string }
  | { status: 'corrupt'; movedTo: string };

/** `<crc32 of the JSON, 8 hex digits> <JSON>\n` */
function frame(value: unknown): string {
  const json = JSON.stringify(value);
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

/** The JSON of a framed line, or undefined when its checksum does not match. */
function unframe(line: string): unknown {
  const space = line.indexOf(' ');
  if (space !== 8) return undefined;
  const json = line.slice(9);
  if (crc32(json).toString(16).padStart(8, '0') !== line.slice(0, 8)) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

function withoutEmptyRoleIds(added: ParsedChanges['added']): OrgChanges['added'] {
  return added.map(({ roleId, ...rest }) => (roleId === undefined ? rest : { ...rest, roleId }));
}

function toOrgChanges(changes: ParsedChanges): OrgChanges {
  const { items, notifications, ...rest } = changes;
  return {
    ...rest,
    added: withoutEmptyRoleIds(changes.added),
    ...(items ? { items } : {}),
    ...(notifications ? { notifications: notifications.map(withoutEmptyClientId) } : {}),
  };
}

function withoutEmptyClientId<T extends { clientId?: string | undefined }>(n: T): T & { clientId?: string } {
  const { clientId, ...rest } = n;
  return (clientId === undefined ? rest : { ...rest, clientId }) as T & { clientId?: string };
}

/** Folds one logged change into the accumulated changes (in place). */
export function applyChangeRecord(into: OrgChanges, record: OrgChangeRecord): void {
  if (record.reset) {
    into.allocations = {};
    into.added = [];
    delete into.items;
    delete into.notifications;
  }
  if (record.items) {
    const items = { ...into.items };
    for (const [id, item] of Object.entries(record.items)) {
      if (item) items[id] = item;
      else delete items[id];
    }
    into.items = items;
  }
  if (record.notifications) {
    into.notifications = appendNotifications(into.notifications ?? [], record.notifications);
  }
  into.settings = { ...record.settings };
  into.purchasedDeltaMilli = record.purchasedDeltaMilli;
  into.advancedDays = record.advancedDays;
  Object.assign(into.allocations, record.allocations);
  if (record.added.length > 0) {
    const at = new Map(into.added.map((a, i) => [a.username, i]));
    for (const a of record.added) {
      const i = at.get(a.username);
      if (i === undefined) {
        at.set(a.username, into.added.length);
        into.added.push(a);
      } else into.added[i] = a;
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process that owns a state file's lock, if it is still running. */
export function runningOwner(file: string): { pid: number; started: number } | undefined {
  try {
    const lock = lockSchema.parse(JSON.parse(readFileSync(`${file}.lock`, 'utf8')));
    return isProcessAlive(lock.pid) ? lock : undefined;
  } catch {
    return undefined;
  }
}

function writeChunk(fd: number, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  return new Promise((resolve, reject) => {
    const next = (offset: number) => {
      if (offset >= bytes.length) {
        resolve();
        return;
      }
      write(fd, bytes, offset, bytes.length - offset, null, (error, written) => {
        if (error) reject(error);
        else next(offset + written);
      });
    };
    next(0);
  });
}

function dataSync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}

function fsyncDirectory(dir: string): void {
  try {
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Directory fsync is best effort (not supported everywhere).
  }
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class StateStore {
  private readonly file: string;
  private readonly logFile: string;
  private readonly lockFile: string;
  private readonly durability: 'fsync' | 'none';
  private readonly compactBytes: number;
  private readonly warn: (message: string) => void;
  private snapshotOf: (() => OrgChanges) | undefined;
  private fd: number | undefined;
  private tmpCounter = 0;
  /** Last record appended / on disk / included in the snapshot. */
  private seq = 0;
  private durableSeq = 0;
  private snapshotSeq = 0;
  private pending: { seq: number; line: string }[] = [];
  private waiters: Waiter[] = [];
  private logBytes = 0;
  private loop: Promise<void> | undefined;
  /** Records appended since the running compaction's snapshot was taken. */
  private sinceSnapshot: { seq: number; line: string }[] | undefined;
  private compaction: Promise<void> | undefined;
  private swap: { seq: number; done: () => void; failed: (e: Error) => void } | undefined;
  private broken: Error | undefined;
  private closed = false;

  constructor(private readonly options: StoreOptions) {
    this.file = options.file;
    this.logFile = `${options.file}.log`;
    this.lockFile = `${options.file}.lock`;
    this.durability = options.durability ?? 'fsync';
    this.compactBytes = options.compactBytes ?? DEFAULT_COMPACT_BYTES;
    this.warn = options.warn ?? ((m) => console.warn(`[demo-portal] ${m}`));
  }

  /** Whether answers wait for changes to be on disk. */
  get waitsForDisk(): boolean {
    return this.durability === 'fsync';
  }

  /** The number of the last change handed to the store. */
  get lastSeq(): number {
    return this.seq;
  }

  /**
   * Reads the snapshot and replays the change log (synchronously: the portal is built
   * synchronously at start-up). Refuses when another running process owns the files.
   */
  load(): LoadResult {
    this.checkOwner();
    this.removeLeftoverTempFiles();
    if (!existsSync(this.file)) {
      if (existsSync(this.logFile)) {
        // A log without its snapshot: the snapshot was removed to start over. Keep the log aside.
        const movedTo = `${this.logFile}.orphan-${Date.now()}`;
        this.moveAside(this.logFile, movedTo);
        this.warn(`Change log ${this.logFile} has no state file beside it; it was kept as ${movedTo}.`);
      }
      return { status: 'missing' };
    }
    let parsed: z.infer<typeof stateSchema>;
    try {
      parsed = stateSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch (error) {
      const movedTo = `${this.file}.corrupt-${Date.now()}`;
      this.moveAside(this.file, movedTo);
      this.moveAside(this.logFile, `${movedTo}.log`);
      this.warn(
        `State file ${this.file} is unreadable (${errorText(error) || 'invalid'}); starting from the seed. The old file was kept as ${movedTo}.`,
      );
      return { status: 'corrupt', movedTo };
    }
    if (parsed.members !== this.options.members || parsed.seed !== this.options.seed) {
      const backup = `${this.file}.org-${parsed.members}-members-seed-${parsed.seed}-${Date.now()}`;
      this.moveAside(this.file, backup);
      this.moveAside(this.logFile, `${backup}.log`);
      this.warn(
        `State file ${this.file} belongs to another demo org (members ${parsed.members}, seed ${parsed.seed}; now ${this.options.members}, ${this.options.seed}); starting from the seed. The other org's changes were kept as ${backup}.`,
      );
      return { status: 'mismatch', backup };
    }
    const changes = toOrgChanges(parsed.changes);
    this.seq = parsed.logSeq ?? 0;
    const { replayed, droppedBytes } = this.replayLog(changes);
    this.durableSeq = this.seq;
    this.snapshotSeq = parsed.logSeq ?? 0;
    return { status: 'loaded', changes, replayed, droppedBytes };
  }

  /**
   * Starting over (`--reset`): this org's saved changes are dropped, but another org's state
   * file is kept as a backup before the fresh one replaces it.
   */
  discard(): void {
    this.checkOwner();
    let other: { members: number; seed: number } | undefined;
    try {
      const saved = z
        .object({ members: z.number(), seed: z.number() })
        .parse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (saved.members !== this.options.members || saved.seed !== this.options.seed) other = saved;
    } catch {
      return;
    }
    if (!other) return;
    const backup = `${this.file}.org-${other.members}-members-seed-${other.seed}-${Date.now()}`;
    this.moveAside(this.file, backup);
    this.moveAside(this.logFile, `${backup}.log`);
    this.warn(`Starting over: the state file of another demo org was kept as ${backup}.`);
  }

  /** Applies the log's records after the snapshot; cuts off a torn or corrupt tail. */
  private replayLog(changes: OrgChanges): { replayed: number; droppedBytes: number } {
    if (!existsSync(this.logFile)) return { replayed: 0, droppedBytes: 0 };
    const bytes = readFileSync(this.logFile);
    let offset = 0;
    let replayed = 0;
    let header = true;
    while (offset < bytes.length) {
      const end = bytes.indexOf(0x0a, offset);
      if (end < 0) break; // the last record was cut short
      const value = unframe(bytes.subarray(offset, end).toString('utf8'));
      if (header) {
        const parsedHeader = logHeaderSchema.safeParse(value);
        if (
          !parsedHeader.success ||
          parsedHeader.data.members !== this.options.members ||
          parsedHeader.data.seed !== this.options.seed
        )
          break;
        header = false;
      } else {
        const record = logRecordSchema.safeParse(value);
        if (!record.success) break;
        if (record.data.s > this.seq) {
          const { reset, added, items, notifications, ...rest } = record.data.c;
          applyChangeRecord(changes, {
            ...rest,
            ...(reset ? { reset } : {}),
            added: withoutEmptyRoleIds(added),
            ...(items ? { items } : {}),
            ...(notifications ? { notifications: notifications.map(withoutEmptyClientId) } : {}),
          });
          this.seq = record.data.s;
          replayed++;
        } else if (replayed > 0) break; // out of order: not a record this store wrote
      }
      offset = end + 1;
    }
    const droppedBytes = bytes.length - offset;
    if (droppedBytes > 0) {
      this.warn(
        `Change log ${this.logFile}: dropped ${droppedBytes} bytes of an incomplete or corrupt last record (a change interrupted by a crash, never acknowledged).`,
      );
    }
    return { replayed, droppedBytes };
  }

  /**
   * Starts logging: writes a fresh snapshot of the org as loaded (replayed log included), starts
   * an empty log and takes the lock. `snapshot` gives the org's changes for compactions.
   */
  open(snapshot: () => OrgChanges): void {
    this.checkOwner();
    this.snapshotOf = snapshot;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.lockFile, `${JSON.stringify({ pid: process.pid, started: Date.now() })}\n`, {
      mode: 0o600,
    });
    this.writeAtomic(this.serialize(snapshot(), this.seq));
    this.snapshotSeq = this.seq;
    this.durableSeq = this.seq;
    this.fd = this.startLog([]);
  }

  /** Writes a new log (header + the given lines) atomically and opens it for appends. */
  private startLog(lines: readonly string[]): number {
    const text = frame({ log: 1, members: this.options.members, seed: this.options.seed }) + lines.join('');
    this.replaceFile(this.logFile, text);
    this.logBytes = Buffer.byteLength(text);
    const appendFd = openSync(this.logFile, 'a', 0o600);
    return appendFd;
  }

  /** Logs one change (its record is written by the next group commit). */
  append(record: OrgChangeRecord): void {
    if (this.closed || this.fd === undefined) return;
    const seq = ++this.seq;
    const entry = { seq, line: frame({ s: seq, c: record }) };
    this.pending.push(entry);
    this.sinceSnapshot?.push(entry);
    this.kick();
  }

  /** Resolves once every change logged so far is on disk (rejects if it cannot be saved). */
  durable(): Promise<void> {
    const seq = this.seq;
    if (this.durableSeq >= seq) return Promise.resolve();
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.waiters.push({ seq, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.loop) return;
    this.loop = this.run().finally(() => {
      this.loop = undefined;
      if ((this.pending.length > 0 || this.swap) && this.fd !== undefined && !this.broken) this.kick();
    });
  }

  /** The writer: one write + fsync per batch of pending records; log swaps between batches. */
  private async run(): Promise<void> {
    while ((this.pending.length > 0 || this.swap) && this.fd !== undefined && !this.broken) {
      if (this.swap) {
        this.swapLog();
        continue;
      }
      const batch = this.pending;
      this.pending = [];
      const upto = batch[batch.length - 1]!.seq;
      const text = batch.map((e) => e.line).join('');
      try {
        await writeChunk(this.fd, text);
        if (this.durability === 'fsync') await dataSync(this.fd);
      } catch (error) {
        this.broken = new Error(`the change log ${this.logFile} cannot be written (${errorText(error)})`);
        this.warn(`Could not save the demo org: ${this.broken.message}. Changes are no longer saved.`);
        break;
      }
      this.logBytes += Buffer.byteLength(text);
      this.durableSeq = upto;
      this.settle();
      if (this.logBytes > this.compactBytes && !this.compaction) void this.compact().catch(() => {});
    }
    if (this.broken) {
      const error = this.broken;
      for (const w of this.waiters.splice(0)) w.reject(error);
      this.swap?.failed(error);
      this.swap = undefined;
    }
  }

  private settle(): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.seq <= this.durableSeq) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }

  /**
   * Writes a snapshot of the org in the background, then (between two group commits) restarts the
   * log with the records the snapshot does not include.
   */
  private compact(): Promise<void> {
    if (this.compaction) return this.compaction;
    const snapshotOf = this.snapshotOf;
    if (!snapshotOf || this.fd === undefined) return Promise.resolve();
    const seq = this.seq;
    const text = this.serialize(snapshotOf(), seq);
    this.sinceSnapshot = [];
    this.compaction = (async () => {
      try {
        await this.writeAtomicAsync(text);
        await new Promise<void>((done, failed) => {
          this.swap = { seq, done, failed };
          this.kick();
        });
        this.snapshotSeq = seq;
      } catch (error) {
        this.warn(`Could not compact the demo org's change log: ${errorText(error)}`);
        throw error;
      } finally {
        this.sinceSnapshot = undefined;
        this.compaction = undefined;
      }
    })();
    return this.compaction;
  }

  /** Runs inside the writer, so no append is in flight while the log file is replaced. */
  private swapLog(): void {
    const swap = this.swap!;
    this.swap = undefined;
    try {
      // Records after the snapshot that are already on disk move to the new log; records still
      // pending are written to it by the next batch.
      const keep = (this.sinceSnapshot ?? [])
        .filter((e) => e.seq > swap.seq && e.seq <= this.durableSeq)
        .map((e) => e.line);
      const old = this.fd;
      this.fd = this.startLog(keep);
      if (old !== undefined) closeSync(old);
      swap.done();
    } catch (error) {
      swap.failed(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Resolves when every change is on disk and compacted into the state file. */
  async flush(): Promise<void> {
    await this.durable();
    if (this.compaction) await this.compaction.catch(() => {});
    if (this.seq > this.snapshotSeq) await this.compact();
  }

  /** Flushes, closes the log and releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.flush();
    } finally {
      this.closed = true;
      while (this.loop) await this.loop;
      if (this.fd !== undefined) closeSync(this.fd);
      this.fd = undefined;
      try {
        if (runningOwner(this.file)?.pid === process.pid) unlinkSync(this.lockFile);
      } catch {
        // Already gone.
      }
    }
  }

  private checkOwner(): void {
    const owner = runningOwner(this.file);
    if (owner && owner.pid !== process.pid) {
      throw new Error(
        `Another demo portal (process ${owner.pid}) is using ${this.file}. Stop it first, or give this one its own DEMO_STATE_FILE. (If no demo portal is running, delete ${this.lockFile}.)`,
      );
    }
  }

  private moveAside(from: string, to: string): void {
    if (!existsSync(from)) return;
    try {
      renameSync(from, to);
    } catch {
      // Keep going with a fresh org even if the old file cannot be moved.
    }
  }

  private serialize(changes: OrgChanges, logSeq: number): string {
    const state: z.infer<typeof stateSchema> = {
      version: STATE_VERSION,
      members: this.options.members,
      seed: this.options.seed,
      savedAt: Date.now(),
      logSeq,
      changes,
    };
    return `${JSON.stringify(state, null, 1)}\n`;
  }

  /** temp file in the same directory + fsync + rename: a crash leaves the old file intact. */
  writeAtomic(text: string): void {
    mkdirSync(dirname(this.file), { recursive: true });
    this.replaceFile(this.file, text);
  }

  /** Replaces `target` (beside the state file) with `text`, durably: temp file, fsync, rename. */
  private replaceFile(target: string, text: string): void {
    const tmp = `${this.file}.tmp-${process.pid}-${++this.tmpCounter}`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
    fsyncDirectory(dirname(this.file));
  }

  /** As writeAtomic, with the write and fsync off the event loop. */
  private async writeAtomicAsync(text: string): Promise<void> {
    const tmp = `${this.file}.tmp-${process.pid}-${++this.tmpCounter}`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      await writeChunk(fd, text);
      await dataSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
    fsyncDirectory(dirname(this.file));
  }

  /** Temp files of interrupted writes are never read; remove them. */
  private removeLeftoverTempFiles(): void {
    const dir = dirname(this.file);
    const prefix = `${basename(this.file)}.tmp-`;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (!name.startsWith(prefix)) continue;
      try {
        unlinkSync(join(dir, name));
      } catch {
        // Another process may own it; leave it.
      }
    }
  }
}

/**
 * Answers a request that changed the org only once the change is on disk; if it cannot be saved,
 * the answer is an error, never a success.
 */
export function acknowledgeWhenDurable(store: StateStore): MiddlewareHandler {
  return async (c, next) => {
    const before = store.lastSeq;
    await next();
    if (!store.waitsForDisk || store.lastSeq === before) return;
    try {
      await store.durable();
    } catch (error) {
      const failure = new PortalError(
        500,
        'The change was applied but could not be saved by the demo portal; it may be lost on restart.',
        [errorText(error)],
      );
      c.res = new Response(errorBody(failure), {
        status: 500,
        headers: { 'Content-Type': JSON_CONTENT_TYPE },
      });
    }
  };
}
