import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
  mkdirSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { OrgChanges } from './model/org.ts';

/**
 * Persistence of the demo org's changes over the seed (settings, allocation overrides, added
 * members, clock advance) as one JSON file. Writes are atomic (temp file + fsync + rename) and
 * serialized; bursts of changes coalesce into one write.
 */

export const STATE_VERSION = 1;

const allocationSchema = z.object({ cap: z.number(), start: z.number() });

const stateSchema = z.object({
  version: z.literal(STATE_VERSION),
  members: z.number().int(),
  seed: z.number().int(),
  savedAt: z.number(),
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
  }),
});

export interface StoreOptions {
  file: string;
  members: number;
  seed: number;
  /** Coalescing delay for bursts of changes (default 25 ms). */
  debounceMs?: number;
  warn?: (message: string) => void;
}

export type LoadResult =
  | { status: 'missing' }
  | { status: 'loaded'; changes: OrgChanges }
  | { status: 'mismatch' }
  | { status: 'corrupt'; movedTo: string };

export class StateStore {
  private readonly file: string;
  private readonly debounceMs: number;
  private readonly warn: (message: string) => void;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: (() => OrgChanges) | undefined;
  private writing: Promise<void> | undefined;
  private tmpCounter = 0;

  constructor(private readonly options: StoreOptions) {
    this.file = options.file;
    this.debounceMs = options.debounceMs ?? 25;
    this.warn = options.warn ?? ((m) => console.warn(`[demo-portal] ${m}`));
  }

  /** Reads the state file (synchronously: the portal is built synchronously at start-up). */
  load(): LoadResult {
    this.removeLeftoverTempFiles();
    if (!existsSync(this.file)) return { status: 'missing' };
    let parsed: z.infer<typeof stateSchema>;
    try {
      parsed = stateSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch (error) {
      const movedTo = `${this.file}.corrupt-${Date.now()}`;
      try {
        renameSync(this.file, movedTo);
      } catch {
        // Keep going with a fresh org even if the corrupt file cannot be moved.
      }
      this.warn(
        `State file ${this.file} is unreadable (${error instanceof Error ? error.message.split('\n')[0] : 'invalid'}); starting from the seed. The old file was kept as ${movedTo}.`,
      );
      return { status: 'corrupt', movedTo };
    }
    if (parsed.members !== this.options.members || parsed.seed !== this.options.seed) {
      this.warn(
        `State file ${this.file} belongs to another demo org (members ${parsed.members}, seed ${parsed.seed}; now ${this.options.members}, ${this.options.seed}); starting from the seed.`,
      );
      return { status: 'mismatch' };
    }
    const { changes } = parsed;
    return {
      status: 'loaded',
      changes: {
        ...changes,
        added: changes.added.map(({ roleId, ...rest }) =>
          roleId === undefined ? rest : { ...rest, roleId },
        ),
      },
    };
  }

  /** Schedules a write of the latest changes; bursts coalesce. */
  schedule(snapshot: () => OrgChanges): void {
    this.pending = snapshot;
    if (this.timer || this.writing) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, this.debounceMs);
    this.timer.unref?.();
  }

  /** Resolves when every scheduled change is on disk. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.writing && this.pending) void this.drain();
    while (this.writing) await this.writing;
  }

  private drain(): Promise<void> {
    if (this.writing) return this.writing;
    this.writing = (async () => {
      try {
        while (this.pending) {
          const snapshot = this.pending;
          this.pending = undefined;
          try {
            this.writeAtomic(this.serialize(snapshot()));
          } catch (error) {
            this.warn(
              `Could not save the demo org to ${this.file}: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
          // Yield so that changes arriving meanwhile coalesce into the next write.
          await new Promise((r) => setImmediate(r));
        }
      } finally {
        this.writing = undefined;
      }
    })();
    return this.writing;
  }

  private serialize(changes: OrgChanges): string {
    const state: z.infer<typeof stateSchema> = {
      version: STATE_VERSION,
      members: this.options.members,
      seed: this.options.seed,
      savedAt: Date.now(),
      changes,
    };
    return `${JSON.stringify(state, null, 1)}\n`;
  }

  /** temp file in the same directory + fsync + rename: a crash leaves the old file intact. */
  writeAtomic(text: string): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}-${++this.tmpCounter}`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
    try {
      const dirFd = openSync(dirname(this.file), 'r');
      try {
        fsyncSync(dirFd);
      } finally {
        closeSync(dirFd);
      }
    } catch {
      // Directory fsync is best effort (not supported everywhere).
    }
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
