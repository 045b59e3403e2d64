/**
 * Where the member index kept in this browser lives in IndexedDB, and how it is read back: in the
 * kept copy worker (see `serveKeptCopy`), or in the page where none starts. Imports nothing heavy,
 * so the worker stays small.
 */

export const DB_NAME = 'credit-console-members';
/**
 * 4: changes are kept as one record per write (its members as columns), not one record per member.
 * 3: the meta record carries the first screen (see `FirstScreen`). 2: members stored as columns (see
 * `encodeMembers`); 1: one object per member. A copy kept by an earlier version is dropped when the
 * database is upgraded: the next load reads the portal.
 */
export const DB_VERSION = 4;
export const META = 'meta';
export const CHUNKS = 'chunks';
export const PATCHES = 'patches';

export function promisify<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('The stored members could not be read.'));
  });
}

export function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('The members could not be stored.'));
    tx.onabort = () => reject(tx.error ?? new Error('The members could not be stored.'));
  });
}

export function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  const request = factory.open(DB_NAME, DB_VERSION);
  request.onupgradeneeded = () => {
    const db = request.result;
    // An earlier version's copy is in a shape this one doesn't read: start over.
    for (const name of [...db.objectStoreNames]) db.deleteObjectStore(name);
    db.createObjectStore(META, { keyPath: 'owner' });
    db.createObjectStore(CHUNKS, { keyPath: ['owner', 'n'] });
    // Each write of changes: `seq` orders them (a later write wins), `members` as `encodeMembers` columns.
    db.createObjectStore(PATCHES, { keyPath: ['owner', 'seq'] });
  };
  return promisify(request).then((db) => {
    // Another tab upgrading or deleting the database: let it (this one reopens when it next needs to).
    db.onversionchange = () => db.close();
    return db;
  });
}

export const ownerOf = (portalUrl: string, username: string) => `${portalUrl}\u0001${username}`;
export const chunkRangeOf = (owner: string) => IDBKeyRange.bound([owner, 0], [owner, Infinity]);
export const patchRangeOf = (owner: string) => IDBKeyRange.bound([owner, -Infinity], [owner, Infinity]);

/** The end of a kept copy's read: when it was read from the portal, its chunks, and changes since. */
export interface KeptCopyEnd {
  savedAt: number;
  /** How many chunks the copy's meta record says it has (a save cut short leaves fewer). */
  chunks: number;
  /** Each write of changes since, as stored (`encodeMembers` columns), oldest first. */
  patches: unknown[];
}

/**
 * Reads one owner's kept copy in a single read-only transaction, handing over each stored chunk of
 * members (still encoded) as it comes off the cursor; undefined when there is none. Runs in the kept
 * copy worker, or in the page where no worker starts.
 */
export async function readKeptCopy(
  db: IDBDatabase,
  owner: string,
  onChunk: (stored: unknown) => void,
): Promise<KeptCopyEnd | undefined> {
  const tx = db.transaction([META, CHUNKS, PATCHES], 'readonly');
  const meta = (await promisify(tx.objectStore(META).get(owner))) as Meta | undefined;
  if (!meta) return undefined;
  await new Promise<void>((resolve, reject) => {
    const cursor = tx.objectStore(CHUNKS).openCursor(chunkRangeOf(owner));
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at) return resolve();
      onChunk((at.value as { members?: unknown }).members);
      at.continue();
    };
    cursor.onerror = () => reject(cursor.error ?? new Error('The stored members could not be read.'));
  });
  const patches = (await promisify(tx.objectStore(PATCHES).getAll(patchRangeOf(owner)))) as {
    members: unknown;
  }[];
  return { savedAt: meta.savedAt, chunks: meta.chunks, patches: patches.map((p) => p.members) };
}

/** The messages between the page and the kept copy worker. */
export type ToKeptCopyWorker = { type: 'read'; owner: string };
export type FromKeptCopyWorker =
  | { type: 'chunk'; members: unknown }
  | { type: 'end'; end: KeptCopyEnd | undefined }
  | { type: 'failed'; message: string };

/** A worker (or one end of a message channel in tests) that answers `ToKeptCopyWorker`. */
export interface KeptCopyReader {
  postMessage(message: ToKeptCopyWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate(): void;
}

/** The worker's side: reads the copy asked for and posts each chunk, its typed arrays transferred. */
export function serveKeptCopy(
  port: {
    postMessage(message: FromKeptCopyWorker, transfer: Transferable[]): void;
    addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  },
  factory: IDBFactory,
): void {
  port.addEventListener('message', (event: MessageEvent) => {
    const message = event.data as ToKeptCopyWorker;
    if (message?.type !== 'read') return;
    void (async () => {
      const db = await openDb(factory);
      try {
        const end = await readKeptCopy(db, message.owner, (members) =>
          port.postMessage({ type: 'chunk', members }, transferablesOf(members)),
        );
        port.postMessage({ type: 'end', end }, []);
      } finally {
        db.close();
      }
    })().catch((e: unknown) =>
      port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) }, []),
    );
  });
}

// The typed arrays of stored columns (see `EncodedMembers`), each buffer once.
function transferablesOf(stored: unknown): Transferable[] {
  if (typeof stored !== 'object' || stored === null) return [];
  const { lengths, numbers, kinds } = stored as Record<string, { buffer?: unknown } | undefined>;
  return [lengths?.buffer, numbers?.buffer, kinds?.buffer].filter(
    (b, i, all): b is ArrayBuffer => b instanceof ArrayBuffer && all.indexOf(b) === i,
  );
}

/** The meta record of one owner's copy (the first screen as `cache.ts` stores it). */
export interface Meta {
  owner: string;
  savedAt: number;
  chunks: number;
  first?: unknown;
}
