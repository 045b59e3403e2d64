import type { MemberRecord } from './record';

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
  load(): Promise<CachedMembers | undefined>;
  /** Replaces the stored members with a complete read (and drops changes older than it). */
  save(members: readonly MemberRecord[], savedAt: number): Promise<void>;
  /** Writes changed members through, on top of the stored read. */
  patch(members: readonly MemberRecord[]): Promise<void>;
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
  let patches = new Map<string, MemberRecord>();
  return {
    load: () =>
      Promise.resolve(
        stored && { members: withPatches(structuredClone(stored.members), patches), savedAt: stored.savedAt },
      ),
    save: (members, savedAt) => {
      stored = { members: structuredClone([...members]), savedAt };
      patches = new Map();
      return Promise.resolve();
    },
    patch: (members) => {
      for (const m of members) patches.set(m.username.toLowerCase(), structuredClone(m));
      return Promise.resolve();
    },
    clear: () => {
      stored = undefined;
      patches = new Map();
    },
  };
}

const DB_NAME = 'credit-console-members';
/** Bumped at sign-out: a save still running from before stops instead of writing members back. */
let generation = 0;
const META = 'meta';
const CHUNKS = 'chunks';
const PATCHES = 'patches';
/** Members per stored chunk: each is written in a task of its own, so saving never freezes the page. */
const CHUNK = 5000;

function promisify<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('The stored members could not be read.'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('The members could not be stored.'));
    tx.onabort = () => reject(tx.error ?? new Error('The members could not be stored.'));
  });
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  const request = factory.open(DB_NAME, 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    db.createObjectStore(META, { keyPath: 'owner' });
    db.createObjectStore(CHUNKS, { keyPath: ['owner', 'n'] });
    db.createObjectStore(PATCHES, { keyPath: ['owner', 'username'] });
  };
  return promisify(request);
}

interface Meta {
  owner: string;
  savedAt: number;
  chunks: number;
}

/** The cache in IndexedDB, one per portal and user; survives reloads, cleared at sign-out. */
export function createIndexedDbMemberCache(
  portalUrl: string,
  username: string,
  factory: IDBFactory = indexedDB,
): MemberIndexCache {
  const owner = `${portalUrl}\u0001${username}`;
  const chunkRange = IDBKeyRange.bound([owner, 0], [owner, Infinity]);
  const patchRange = IDBKeyRange.bound([owner, ''], [owner, '\uffff']);
  let db: Promise<IDBDatabase> | null = null;
  const database = () => (db ??= openDb(factory));
  // Saves and changes are applied one after another, in the order they were made.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    async load() {
      const tx = (await database()).transaction([META, CHUNKS, PATCHES], 'readonly');
      const meta = (await promisify(tx.objectStore(META).get(owner))) as Meta | undefined;
      if (!meta) return undefined;
      const [chunks, patches] = await Promise.all([
        promisify(tx.objectStore(CHUNKS).getAll(chunkRange)) as Promise<{ members: MemberRecord[] }[]>,
        promisify(tx.objectStore(PATCHES).getAll(patchRange)) as Promise<
          { username: string; member: MemberRecord }[]
        >,
      ]);
      // A save cut short (the tab closed mid-way) leaves chunks without their meta or vice versa.
      if (chunks.length !== meta.chunks) return undefined;
      return {
        members: withPatches(
          chunks.flatMap((c) => c.members),
          new Map(patches.map((p) => [p.username, p.member])),
        ),
        savedAt: meta.savedAt,
      };
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
        let n = 0;
        for (let i = 0; i < members.length; i += CHUNK, n++) {
          if (!current()) return;
          const tx = d.transaction(CHUNKS, 'readwrite');
          tx.objectStore(CHUNKS).put({ owner, n, members: members.slice(i, i + CHUNK) });
          await done(tx);
        }
        if (!current()) return;
        const meta: Meta = { owner, savedAt, chunks: n };
        const last = d.transaction(META, 'readwrite');
        last.objectStore(META).put(meta);
        await done(last);
      });
    },
    patch(members) {
      const started = generation;
      return serial(async () => {
        if (generation !== started) return;
        const tx = (await database()).transaction(PATCHES, 'readwrite');
        const store = tx.objectStore(PATCHES);
        for (const member of members) store.put({ owner, username: member.username.toLowerCase(), member });
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
