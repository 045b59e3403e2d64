import {
  loadItemDocument,
  saveMergedDocument,
  searchItems,
  type ItemDocument,
  type MergedSaveOptions,
} from '@/lib/arcgis/items';
import type { ArcGISClient, CallOptions } from '@/lib/arcgis/request';
import type { AllocationRunEntry, JournalEntry } from './journal';
import { DAY_MS } from '@/lib/time';

/**
 * The organization's copy of the change journal: the data of one item every administrator's console
 * (and the scheduled notebook) reads and writes, so each sees the others' runs and resets. Each
 * browser keeps its own full journal (IndexedDB); the org copy is bounded (see the limits below) and
 * merged entry by entry, so two consoles writing at once keep both their entries.
 *
 * Item type "Application", like the policies: its data can be sent as `text`, it needs no URL or
 * file, and no viewer tries to open it. A tag and a type keyword mark it.
 */
export const JOURNAL_ITEM_TYPE = 'Application';
export const JOURNAL_ITEM_TAG = 'credit-console-journal';
export const JOURNAL_ITEM_TITLE = 'Credit Console change journal';
export const JOURNAL_FORMAT = 'credit-console-journal';

/**
 * Bounds of the org copy, chosen so the item stays small enough to read on every page load and well
 * inside what an item's text data may hold (the demo portal, like a request body, caps it at 512 KB):
 * - a run's per-member plan and outcomes are shared up to {@link MEMBER_CAP} members (about 100 bytes a
 *   member, so at most ~200 KB for one run); beyond it only its summary and counts are shared and the
 *   members stay in the browser that ran it;
 * - entries older than {@link MAX_AGE_DAYS} days (a fiscal year and a little more, so a yearly reset's
 *   last run is always known) or past the newest {@link MAX_ENTRIES} are dropped when writing (an
 *   entry's summary is about 400 bytes, so 1,000 of them fill most of the document on their own);
 * - if the whole document would still pass {@link MAX_BYTES}, the oldest entries lose their members
 *   first, then whole oldest entries go.
 */
export const MEMBER_CAP = 2_000;
export const MAX_AGE_DAYS = 400;
export const MAX_ENTRIES = 1_000;
export const MAX_BYTES = 480 * 1024;

/** Where an org entry was made. */
export type JournalSource = 'console' | 'notebook';

/** An entry as the org copy keeps it. */
export type OrgJournalEntry = JournalEntry & {
  source?: JournalSource;
  /** Set when the members were left out (over the cap, or to keep the item small). */
  membersOmitted?: boolean;
  /** How many members the run's plan had (kept when the members are left out). */
  memberCount?: number;
};

export interface OrgJournalDocument {
  format: typeof JOURNAL_FORMAT;
  version: 1;
  entries: OrgJournalEntry[];
}

export function emptyOrgJournal(): OrgJournalDocument {
  return { format: JOURNAL_FORMAT, version: 1, entries: [] };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One entry, if it has what the console reads; anything else (another version, damage) is skipped. */
function parseEntry(v: unknown): OrgJournalEntry | undefined {
  if (!isObject(v) || typeof v.id !== 'string' || typeof v.startedAt !== 'number') return undefined;
  if (typeof v.username !== 'string') return undefined;
  if (v.type === 'setting') {
    return typeof v.setting === 'string' && typeof v.finishedAt === 'number'
      ? (v as unknown as OrgJournalEntry)
      : undefined;
  }
  if (v.type !== 'allocations' || !isObject(v.plan) || !isObject(v.counts)) return undefined;
  if (!['running', 'finished', 'cancelled'].includes(v.state as string)) return undefined;
  const plan = v.plan as Record<string, unknown>;
  if (typeof plan.title !== 'string' || typeof plan.kind !== 'string') return undefined;
  return {
    ...(v as unknown as AllocationRunEntry),
    plan: {
      ...(plan as unknown as AllocationRunEntry['plan']),
      changes: Array.isArray(plan.changes) ? plan.changes : [],
    },
    outcomes: Array.isArray(v.outcomes) ? (v.outcomes as AllocationRunEntry['outcomes']) : [],
  } as OrgJournalEntry;
}

/** The org copy from an item's data; throws when the item holds something else. */
export function parseOrgJournal(data: unknown): OrgJournalDocument {
  if (!isObject(data) || data.format !== JOURNAL_FORMAT || !Array.isArray(data.entries)) {
    throw new Error('The organization’s journal item does not hold a Credit Console journal.');
  }
  const entries: OrgJournalEntry[] = [];
  for (const e of data.entries) {
    const parsed = parseEntry(e);
    if (parsed) entries.push(parsed);
  }
  return { format: JOURNAL_FORMAT, version: 1, entries };
}

/** 0 for a run still going (or interrupted), 1 once it ended. */
function rank(e: JournalEntry): number {
  return e.state === 'running' ? 0 : 1;
}

/** Of two versions of one entry: the one that ended, then the later `finishedAt`; ties keep the members. */
export function laterEntry<T extends OrgJournalEntry>(stored: T, incoming: T): T {
  if (rank(stored) !== rank(incoming)) return rank(incoming) > rank(stored) ? incoming : stored;
  const a = stored.finishedAt ?? stored.startedAt;
  const b = incoming.finishedAt ?? incoming.startedAt;
  if (a !== b) return b > a ? incoming : stored;
  if (Boolean(stored.membersOmitted) !== Boolean(incoming.membersOmitted))
    return incoming.membersOmitted ? stored : incoming;
  return incoming;
}

/** `incoming` is in `entries` at least as new (members aside). */
function holds(entries: ReadonlyMap<string, OrgJournalEntry>, incoming: OrgJournalEntry): boolean {
  const stored = entries.get(incoming.id);
  if (!stored) return false;
  if (rank(stored) !== rank(incoming)) return rank(stored) > rank(incoming);
  return (stored.finishedAt ?? stored.startedAt) >= (incoming.finishedAt ?? incoming.startedAt);
}

/** Merges two lists of entries by id (the later version wins); newest first. */
export function mergeJournalEntries<T extends OrgJournalEntry>(
  stored: readonly T[],
  incoming: readonly T[],
): T[] {
  const out = new Map<string, T>();
  for (const e of [...stored, ...incoming]) {
    const s = out.get(e.id);
    out.set(e.id, s ? laterEntry(s, e) : e);
  }
  return [...out.values()].sort((a, b) => b.startedAt - a.startedAt || a.id.localeCompare(b.id));
}

/** The number of members a run entry covers, whether or not its members are kept. */
export function memberCountOf(e: OrgJournalEntry): number {
  if (e.type !== 'allocations') return 0;
  return e.memberCount ?? e.plan.changes.length;
}

/** The entry without its per-member plan and outcomes (summary, counts and resets stay). */
export function withoutMembers(e: OrgJournalEntry): OrgJournalEntry {
  if (e.type !== 'allocations' || e.membersOmitted) return e;
  return {
    ...e,
    plan: { ...e.plan, changes: [] },
    outcomes: [],
    ...(e.skipped ? { skipped: [] } : {}),
    membersOmitted: true,
    memberCount: e.plan.changes.length,
  };
}

/** This browser's entry as the org copy keeps it. */
export function toOrgEntry(e: JournalEntry, source: JournalSource = 'console'): OrgJournalEntry {
  const entry: OrgJournalEntry = { ...e, source: (e as OrgJournalEntry).source ?? source };
  return entry.type === 'allocations' && memberCountOf(entry) > MEMBER_CAP ? withoutMembers(entry) : entry;
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/** Applies the limits: age, count, members per run, then the document's size (oldest first). */
export function boundJournal(entries: readonly OrgJournalEntry[], now: number): OrgJournalEntry[] {
  const oldest = now - MAX_AGE_DAYS * DAY_MS;
  const kept = [...entries]
    .filter((e) => e.startedAt >= oldest)
    .sort((a, b) => b.startedAt - a.startedAt || a.id.localeCompare(b.id))
    .slice(0, MAX_ENTRIES)
    .map((e) => toOrgEntry(e, e.source ?? 'console'));
  const sizes = kept.map(bytes);
  let total = bytes(emptyOrgJournal()) + sizes.reduce((s, n) => s + n + 1, 0);
  // Oldest first: drop members, then whole entries, until the document fits.
  for (let i = kept.length - 1; i >= 0 && total > MAX_BYTES; i--) {
    const slim = withoutMembers(kept[i]!);
    const size = bytes(slim);
    total += size - sizes[i]!;
    kept[i] = slim;
    sizes[i] = size;
  }
  while (kept.length > 0 && total > MAX_BYTES) {
    total -= sizes.pop()! + 1;
    kept.pop();
  }
  return kept;
}

/** Who is syncing, and in which organization (`portals/self` `user.username` and `id`). */
export interface JournalAdmin {
  username: string;
  orgId?: string | null;
}

/** The org's journal items, whoever owns them (type + tag + `orgid`), as the policies item is found. */
async function findJournalItems(client: ArcGISClient, me: JournalAdmin, opts: CallOptions) {
  const orgId = me.orgId ?? undefined;
  return searchItems(
    client,
    { type: JOURNAL_ITEM_TYPE, tag: JOURNAL_ITEM_TAG, ...(orgId ? { orgId } : { owner: me.username }) },
    opts,
  );
}

/** Reads the org's journal (empty when no console shared one yet). */
export function loadOrgJournal(
  client: ArcGISClient,
  me: JournalAdmin,
  opts: CallOptions = {},
): Promise<ItemDocument<OrgJournalDocument>> {
  return loadItemDocument(
    client,
    () => findJournalItems(client, me, opts),
    parseOrgJournal,
    emptyOrgJournal,
    opts,
  );
}

export interface SyncOptions extends MergedSaveOptions {
  /** Epoch ms now (the limits' clock). */
  now?: number;
}

/**
 * Shares this browser's entries with the org and reads everyone's: re-read, merge by id, bound,
 * write (only when the org lacks something of ours), re-read check, bounded retries. Resolves with
 * the org's entries; nothing of this browser's journal is changed, so a failure loses nothing.
 */
export async function syncJournal(
  client: ArcGISClient,
  me: JournalAdmin,
  local: readonly JournalEntry[],
  opts: SyncOptions = {},
): Promise<OrgJournalEntry[]> {
  const now = opts.now ?? Date.now();
  // What of ours the org should hold: what survives the limits on its own.
  const ours = boundJournal(
    local.map((e) => toOrgEntry(e)),
    now,
  );
  const saved = await saveMergedDocument(
    client,
    {
      owner: me.username,
      newItem: {
        title: JOURNAL_ITEM_TITLE,
        type: JOURNAL_ITEM_TYPE,
        tags: [JOURNAL_ITEM_TAG],
        typeKeywords: ['Credit Console', JOURNAL_ITEM_TAG],
        snippet: 'The change journal of Credit Console: allocation runs, resets and setting changes.',
      },
      load: () => loadOrgJournal(client, me, opts),
      empty: emptyOrgJournal,
      apply: (doc) => ({ ...doc, entries: boundJournal(mergeJournalEntries(doc.entries, ours), now) }),
      contains: (doc) => {
        const byId = new Map(doc.entries.map((e) => [e.id, e]));
        // An entry of ours pushed out by newer ones (a full journal) is not missing.
        const full = doc.entries.length >= MAX_ENTRIES;
        const floor = full ? Math.min(...doc.entries.map((e) => e.startedAt)) : -Infinity;
        return ours.every((e) => holds(byId, e) || e.startedAt < floor);
      },
      serialize: (doc) => JSON.stringify(doc),
      skipWhenContained: true,
      shareWithOrg: true,
      conflictMessage: 'Other consoles kept writing the organization’s journal at the same time.',
    },
    opts,
  );
  return saved.doc.entries;
}

/** Where an entry shown on the Journal page came from. */
export type EntryOrigin = 'this-browser' | 'another-browser' | 'notebook';

export interface ShownEntry {
  entry: OrgJournalEntry;
  origin: EntryOrigin;
  /** In the org's copy (false: only in this browser so far). */
  shared: boolean;
}

/**
 * This browser's entries merged with the org's, newest first. This browser's version of its own
 * entries is kept when it is at least as new (it has every member; the org copy may not).
 */
export function combineJournals(
  local: readonly JournalEntry[],
  org: readonly OrgJournalEntry[] | undefined,
): ShownEntry[] {
  const orgById = new Map((org ?? []).map((e) => [e.id, e]));
  const localIds = new Set(local.map((e) => e.id));
  const merged = mergeJournalEntries<OrgJournalEntry>(org ?? [], local);
  return merged.map((entry) => ({
    entry,
    origin: localIds.has(entry.id)
      ? 'this-browser'
      : entry.source === 'notebook'
        ? 'notebook'
        : 'another-browser',
    shared: orgById.has(entry.id),
  }));
}
