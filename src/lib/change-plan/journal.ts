import type { MemberOutcome, OutcomeCounts } from './execute';
import type { Allocation, ChangePlan } from './plan';

/**
 * The journal: a record of every change this console made — when, by whom, on which portal, the plan
 * and each member's outcome — kept in this browser (IndexedDB) per portal and user.
 */

export interface AllocationRunEntry {
  type: 'allocations';
  id: string;
  portalUrl: string;
  username: string;
  startedAt: number;
  finishedAt?: number;
  /** `running` left behind by a closed page reads as interrupted. */
  state: 'running' | 'finished' | 'cancelled';
  plan: ChangePlan;
  /** One per member of the plan, once known. */
  outcomes: MemberOutcome[];
  counts: OutcomeCounts;
  /** Members left out of an undo because their allocation changed since. */
  skipped?: { username: string; reason: string }[];
}

export type SettingName = 'budgeting' | 'default-allocation';

export interface SettingEntry {
  type: 'setting';
  id: string;
  portalUrl: string;
  username: string;
  startedAt: number;
  finishedAt: number;
  state: 'finished';
  setting: SettingName;
  /** Budgeting: 1 = on, 0 = off. Default allocation: credits or null for no limit. */
  before: Allocation;
  after: Allocation;
}

export type JournalEntry = AllocationRunEntry | SettingEntry;

export interface JournalStore {
  /** Adds or replaces an entry (by id). */
  put(entry: JournalEntry): Promise<void>;
  /** Newest first. */
  list(): Promise<JournalEntry[]>;
}

export function newEntryId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function newestFirst(a: JournalEntry, b: JournalEntry): number {
  return b.startedAt - a.startedAt;
}

/** A journal kept in memory (tests; browsers without IndexedDB). */
export function createMemoryJournal(): JournalStore {
  const entries = new Map<string, JournalEntry>();
  return {
    put: (entry) => {
      entries.set(entry.id, structuredClone(entry));
      return Promise.resolve();
    },
    list: () => Promise.resolve([...entries.values()].map((e) => structuredClone(e)).sort(newestFirst)),
  };
}

const DB_NAME = 'credit-console-journal';
const STORE = 'entries';

function promisify<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('The journal could not be read.'));
  });
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  const request = factory.open(DB_NAME, 1);
  request.onupgradeneeded = () => {
    const store = request.result.createObjectStore(STORE, { keyPath: 'id' });
    store.createIndex('owner', 'owner');
  };
  return promisify(request);
}

/** The journal in IndexedDB, one list per portal and user; survives reloads. */
export function createIndexedDbJournal(
  portalUrl: string,
  username: string,
  factory: IDBFactory = indexedDB,
): JournalStore {
  const owner = `${portalUrl}\u0001${username}`;
  let db: Promise<IDBDatabase> | null = null;
  const database = () => (db ??= openDb(factory));
  return {
    async put(entry) {
      const tx = (await database()).transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put({ ...entry, owner });
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('The journal could not be saved.'));
      });
    },
    async list() {
      const tx = (await database()).transaction(STORE, 'readonly');
      const rows = await promisify(tx.objectStore(STORE).index('owner').getAll(owner));
      return (rows as (JournalEntry & { owner?: string })[])
        .map(({ owner: _owner, ...entry }) => entry as JournalEntry)
        .sort(newestFirst);
    },
  };
}

/** IndexedDB where the browser has it, memory otherwise. */
export function createJournal(portalUrl: string, username: string): JournalStore {
  return typeof indexedDB === 'undefined'
    ? createMemoryJournal()
    : createIndexedDbJournal(portalUrl, username);
}
