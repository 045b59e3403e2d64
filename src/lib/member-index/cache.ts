import { firstScreenOf, patchFirstScreen, type FirstScreen, type MemberChange } from './first-screen';
import type { MemberRecord } from './record';
import { isAllocationSummary, summarizeAllocations, type AllocationSummary } from './summary';
import {
  CHUNKS,
  META,
  PATCHES,
  chunkRangeOf,
  done,
  promisify,
  openDb,
  ownerOf,
  patchRangeOf,
  readKeptCopy,
  type FromKeptCopyWorker,
  type KeptCopyEnd,
  type KeptCopyReader,
  type Meta,
} from './store';

/**
 * The member index kept in this browser between visits, per portal and user: the last complete read
 * of every member, plus the changes this console made since (written through as they happen).
 */
export interface CachedMembers {
  members: MemberRecord[];
  /** When the members were read from the portal (epoch ms). */
  savedAt: number;
}

export interface MemberIndexCache {
  /** The small first screen kept with the copy (see `FirstScreen`): readable long before `load`. */
  loadFirstScreen(): Promise<FirstScreen | undefined>;
  load(): Promise<CachedMembers | undefined>;
  /** Replaces the stored members with a complete read (and drops changes older than it). */
  save(members: readonly MemberRecord[], savedAt: number): Promise<void>;
  /** Writes changed members through, on top of the stored read (and its first screen). */
  patch(changes: readonly MemberChange[]): Promise<void>;
}

/** Applies stored changes (by lowercase username) to a stored read. */
export function withPatches(
  members: readonly MemberRecord[],
  patches: ReadonlyMap<string, MemberRecord>,
): MemberRecord[] {
  if (patches.size === 0) return [...members];
  return members.map((m) => patches.get(m.username.toLowerCase()) ?? m);
}

/** A cache kept in memory (tests; browsers without IndexedDB). */
export function createMemoryMemberCache(): MemberIndexCache & { clear(): void } {
  let stored: CachedMembers | undefined;
  let first: FirstScreen | undefined;
  let patches = new Map<string, MemberRecord>();
  return {
    loadFirstScreen: () => Promise.resolve(first && structuredClone(first)),
    load: () =>
      Promise.resolve(
        stored && { members: withPatches(structuredClone(stored.members), patches), savedAt: stored.savedAt },
      ),
    save: (members, savedAt) => {
      stored = { members: structuredClone([...members]), savedAt };
      first = structuredClone(firstScreenOf(roughlyByName(members), summarizeAllocations(members), savedAt));
      patches = new Map();
      return Promise.resolve();
    },
    patch: (changes) => {
      for (const { after } of changes) patches.set(after.username.toLowerCase(), structuredClone(after));
      if (first) first = structuredClone(patchFirstScreen(first, changes));
      return Promise.resolve();
    },
    clear: () => {
      stored = undefined;
      first = undefined;
      patches = new Map();
    },
  };
}

/** The first screen's stored shape; one of another shape is not read (a fresh read replaces it). */
const FIRST_SCREEN_FORMAT = 3;
/** Bumped at sign-out: a save still running from before stops instead of writing members back. */
let generation = 0;
/** Members per stored chunk: each is written in a task of its own, so saving never freezes the page. */
const CHUNK = 10_000;

const TEXT_FIELDS = [
  'username',
  'fullName',
  'firstName',
  'lastName',
  'email',
  'role',
  'roleId',
  'userLicenseTypeId',
] as const satisfies readonly (keyof MemberRecord)[];
const NUMBER_FIELDS = [
  'lastLogin',
  'assignedCredits',
  'availableCredits',
] as const satisfies readonly (keyof MemberRecord)[];
// A text field's stored length when it holds no text.
const ABSENT = -1;
const NULL = -2;
// A number field's kind.
const IS_NUMBER = 0;
const IS_ABSENT = 1;
const IS_NULL = 2;

/**
 * Members as a few columns rather than one object each: every text field's values back to back in
 * one string with their lengths, every number in one typed array. Reading 250,000 members back is
 * then a copy of a few large values, not the structured clone of 250,000 objects.
 */
export interface EncodedMembers {
  count: number;
  /** Every text field of every member, member by member, in `TEXT_FIELDS` order. */
  text: string;
  /** Each of those values' length (`ABSENT`/`NULL` for none). */
  lengths: Int32Array;
  /** Every number field of every member, in `NUMBER_FIELDS` order. */
  numbers: Float64Array;
  /** Whether each of those is a number, absent or null. */
  kinds: Uint8Array;
}

export function encodeMembers(members: readonly MemberRecord[]): EncodedMembers {
  const count = members.length;
  const lengths = new Int32Array(count * TEXT_FIELDS.length);
  const numbers = new Float64Array(count * NUMBER_FIELDS.length);
  const kinds = new Uint8Array(count * NUMBER_FIELDS.length);
  const parts: string[] = [];
  let t = 0;
  let k = 0;
  for (const m of members) {
    for (const field of TEXT_FIELDS) {
      const value = m[field];
      if (value === undefined) lengths[t++] = ABSENT;
      else if (value === null) lengths[t++] = NULL;
      else {
        lengths[t++] = value.length;
        parts.push(value);
      }
    }
    for (const field of NUMBER_FIELDS) {
      const value = m[field];
      if (value === undefined) kinds[k] = IS_ABSENT;
      else if (value === null) kinds[k] = IS_NULL;
      else numbers[k] = value;
      k++;
    }
  }
  return { count, text: parts.join(''), lengths, numbers, kinds };
}

/** The members `encodeMembers` stored; undefined for anything that isn't such a record. */
export function decodeMembers(encoded: unknown): MemberRecord[] | undefined {
  if (!isEncoded(encoded)) return undefined;
  const { count, text, lengths, numbers, kinds } = encoded;
  if (lengths.length !== count * TEXT_FIELDS.length || numbers.length !== count * NUMBER_FIELDS.length)
    return undefined;
  if (kinds.length !== numbers.length) return undefined;
  const out = new Array<MemberRecord>(count);
  let at = 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < count; i++) {
    const m: Record<string, unknown> = {};
    for (const field of TEXT_FIELDS) {
      const length = lengths[t++]!;
      if (length >= 0) {
        m[field] = text.slice(at, at + length);
        at += length;
      } else if (length === NULL) m[field] = null;
    }
    for (const field of NUMBER_FIELDS) {
      const kind = kinds[k]!;
      if (kind === IS_NUMBER) m[field] = numbers[k];
      else if (kind === IS_NULL) m[field] = null;
      k++;
    }
    if (typeof m.username !== 'string') return undefined;
    out[i] = m as unknown as MemberRecord;
  }
  return at === text.length ? out : undefined;
}

function isEncoded(value: unknown): value is EncodedMembers {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<EncodedMembers>;
  return (
    typeof v.count === 'number' &&
    typeof v.text === 'string' &&
    isArrayOf(v.lengths, 'Int32Array') &&
    isArrayOf(v.numbers, 'Float64Array') &&
    isArrayOf(v.kinds, 'Uint8Array')
  );
}

// By tag, not `instanceof`: a structured clone may come from another realm.
function isArrayOf(value: unknown, tag: string): boolean {
  return Object.prototype.toString.call(value) === `[object ${tag}]`;
}

/**
 * The members in about the order the table first shows them (displayed name, then username,
 * lower-cased): stored that way, the next visit's name sort finds them nearly in order already,
 * which costs it one pass instead of a full sort. Only the speed depends on it, never the order shown.
 */
export function roughlyByName(members: readonly MemberRecord[]): MemberRecord[] {
  const keys = members.map((m) => {
    const name = m.fullName ?? ([m.firstName, m.lastName].filter(Boolean).join(' ') || m.username);
    return `${name.toLowerCase()}\u0000${m.username.toLowerCase()}`;
  });
  const order = Array.from({ length: members.length }, (_, i) => i);
  order.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return order.map((i) => members[i]!);
}

/** The first screen as stored in the meta record: its members as columns. */
export interface StoredFirstScreen {
  format: number;
  members: EncodedMembers;
  summary: AllocationSummary;
  count: number;
  savedAt: number;
}

export function encodeFirstScreen(screen: FirstScreen): StoredFirstScreen {
  return {
    format: FIRST_SCREEN_FORMAT,
    members: encodeMembers(screen.members),
    summary: screen.summary,
    count: screen.count,
    savedAt: screen.savedAt,
  };
}

/** The first screen `encodeFirstScreen` stored; undefined for another version's or a damaged one. */
export function decodeFirstScreen(stored: unknown): FirstScreen | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const s = stored as Partial<StoredFirstScreen>;
  if (s.format !== FIRST_SCREEN_FORMAT || !isAllocationSummary(s.summary)) return undefined;
  if (typeof s.count !== 'number' || typeof s.savedAt !== 'number') return undefined;
  const members = decodeMembers(s.members);
  if (!members || members.length > s.count || s.summary.members !== s.count) return undefined;
  return { members, summary: s.summary, count: s.count, savedAt: s.savedAt };
}

/** Reading 250,000 members back takes about a second; a read still going after this has stalled. */
const KEPT_COPY_READ_LIMIT_MS = 30_000;

function startKeptCopyWorker(): KeptCopyReader | undefined {
  if (typeof Worker === 'undefined') return undefined;
  try {
    return new Worker(new URL('./kept-copy.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return undefined;
  }
}

/**
 * Reads the kept copy through a worker: 'fallback' when none starts (or it fails before answering),
 * so the page reads it itself; a worker that fails part-way reads as no copy (the portal is read).
 */
function readThroughWorker(
  startReader: () => KeptCopyReader | undefined,
  owner: string,
  onChunk: (stored: unknown) => void,
): Promise<KeptCopyEnd | undefined | 'fallback'> {
  const reader = startReader();
  if (!reader) return Promise.resolve('fallback');
  let heard = false;
  let limit: ReturnType<typeof setTimeout> | undefined;
  return new Promise<KeptCopyEnd | undefined | 'fallback'>((resolve) => {
    let settled = false;
    const settle = (outcome: KeptCopyEnd | undefined | 'fallback') => {
      settled = true;
      resolve(outcome);
    };
    // A read that never ends (storage stuck behind another tab) must not hold the member list back:
    // past the limit it counts as no copy, and the portal is read.
    limit = setTimeout(() => settle(undefined), KEPT_COPY_READ_LIMIT_MS);
    reader.addEventListener('error', (event: Event) => {
      event.preventDefault();
      settle(heard ? undefined : 'fallback');
    });
    reader.addEventListener('message', (event: MessageEvent) => {
      if (settled) return;
      const message = event.data as FromKeptCopyWorker;
      if (message.type === 'chunk') {
        heard = true;
        onChunk(message.members);
      } else if (message.type === 'end') settle(message.end);
      else settle(heard ? undefined : 'fallback');
    });
    reader.postMessage({ type: 'read', owner });
  }).finally(() => {
    clearTimeout(limit);
    reader.terminate();
  });
}

/** The cache in IndexedDB, one per portal and user; survives reloads, cleared at sign-out. */
export function createIndexedDbMemberCache(
  portalUrl: string,
  username: string,
  factory: IDBFactory = indexedDB,
  startReader: () => KeptCopyReader | undefined = startKeptCopyWorker,
): MemberIndexCache {
  const owner = ownerOf(portalUrl, username);
  const chunkRange = chunkRangeOf(owner);
  const patchRange = patchRangeOf(owner);
  let db: Promise<IDBDatabase> | null = null;
  const database = () =>
    (db ??= openDb(factory).then((d) => {
      // Closed for another tab's upgrade or sign-out: the next read or write opens it again.
      d.addEventListener('versionchange', () => (db = null));
      return d;
    }));
  // Saves and changes are applied one after another, in the order they were made.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    async loadFirstScreen() {
      const tx = (await database()).transaction(META, 'readonly');
      const meta = (await promisify(tx.objectStore(META).get(owner))) as Meta | undefined;
      return decodeFirstScreen(meta?.first);
    },
    async load() {
      const chunks: MemberRecord[][] = [];
      let damaged = false;
      const onChunk = (stored: unknown) => {
        const decoded = damaged ? undefined : decodeMembers(stored);
        if (decoded) chunks.push(decoded);
        else damaged = true;
      };
      // Off the main thread where a worker starts: reading back 250,000 members is about a second of
      // IndexedDB deserialising, which would hold up every render meanwhile. Each chunk then costs
      // the page a few milliseconds to decode, one message at a time.
      let end = await readThroughWorker(startReader, owner, onChunk);
      if (end === 'fallback') end = await readKeptCopy(await database(), owner, onChunk);
      // A save cut short (the tab closed mid-way) leaves chunks without their meta or vice versa.
      if (!end || damaged || chunks.length !== end.chunks) return undefined;
      const members: MemberRecord[] = [];
      for (const chunk of chunks) for (const m of chunk) members.push(m);
      // Writes in the order they were made (their keys ascend): a member's latest change wins.
      const changed = new Map<string, MemberRecord>();
      for (const write of end.patches) {
        const decoded = decodeMembers(write);
        if (!decoded) return undefined;
        for (const m of decoded) changed.set(m.username.toLowerCase(), m);
      }
      if (changed.size === 0) return { members, savedAt: end.savedAt };
      return { members: withPatches(members, changed), savedAt: end.savedAt };
    },
    save(members, savedAt) {
      const started = generation;
      return serial(async () => {
        const d = await database();
        const current = () => generation === started;
        // The meta goes first and comes back last: a save cut short reads as no cache at all.
        const clear = d.transaction([META, CHUNKS, PATCHES], 'readwrite');
        clear.objectStore(META).delete(owner);
        clear.objectStore(CHUNKS).delete(chunkRange);
        clear.objectStore(PATCHES).delete(patchRange);
        await done(clear);
        const ordered = roughlyByName(members);
        let n = 0;
        for (let i = 0; i < ordered.length; i += CHUNK, n++) {
          if (!current()) return;
          const tx = d.transaction(CHUNKS, 'readwrite');
          tx.objectStore(CHUNKS).put({ owner, n, members: encodeMembers(ordered.slice(i, i + CHUNK)) });
          await done(tx);
        }
        if (!current()) return;
        const first = encodeFirstScreen(firstScreenOf(ordered, summarizeAllocations(members), savedAt));
        const meta: Meta = { owner, savedAt, chunks: n, first };
        const last = d.transaction(META, 'readwrite');
        last.objectStore(META).put(meta);
        await done(last);
      });
    },
    patch(changes) {
      const started = generation;
      return serial(async () => {
        if (generation !== started) return;
        const tx = (await database()).transaction([META, PATCHES], 'readwrite');
        const store = tx.objectStore(PATCHES);
        // One record for the whole write, after the last one kept: a run's 100,000 changes are one
        // value of a few columns to store, not 100,000 objects.
        const last = store.openKeyCursor(patchRange, 'prev');
        last.onsuccess = () => {
          const key = last.result?.key as [string, number] | undefined;
          const seq = key ? key[1] + 1 : 0;
          store.put({ owner, seq, members: encodeMembers(changes.map((c) => c.after)) });
        };
        // The first screen follows in the same transaction: it never shows figures the copy doesn't hold.
        const metaStore = tx.objectStore(META);
        const request = metaStore.get(owner);
        request.onsuccess = () => {
          const meta = request.result as Meta | undefined;
          const first = meta && decodeFirstScreen(meta.first);
          if (!meta || !first) return;
          metaStore.put({ ...meta, first: encodeFirstScreen(patchFirstScreen(first, changes)) });
        };
        await done(tx);
      });
    },
  };
}

/** Forgets every member index kept in this browser (sign-out). */
export async function clearStoredMemberIndexes(factory: IDBFactory | undefined = globalThis.indexedDB) {
  generation += 1;
  if (!factory) return;
  const d = await openDb(factory);
  try {
    const tx = d.transaction([META, CHUNKS, PATCHES], 'readwrite');
    for (const name of [META, CHUNKS, PATCHES]) tx.objectStore(name).clear();
    await done(tx);
  } finally {
    d.close();
  }
}
