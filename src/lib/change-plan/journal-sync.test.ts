import { PORTAL_URL, issueToken } from '../../../tests/server';
import { getItemData, searchItems } from '@/lib/arcgis/items';
import { getPortalSelf } from '@/lib/arcgis/portal';
import { createArcGISClient, type ArcGISClient } from '@/lib/arcgis/request';
import { emptyCounts } from './execute';
import type { AllocationRunEntry, JournalEntry } from './journal';
import {
  boundJournal,
  combineJournals,
  JOURNAL_ITEM_TAG,
  JOURNAL_ITEM_TYPE,
  loadOrgJournal,
  MAX_AGE_DAYS,
  MAX_BYTES,
  MAX_ENTRIES,
  MEMBER_CAP,
  memberCountOf,
  mergeJournalEntries,
  syncJournal,
  type JournalAdmin,
  type OrgJournalEntry,
} from './journal-sync';

const NOW = Date.UTC(2026, 11, 2, 12);
const DAY = 24 * 60 * 60 * 1000;

function run(
  id: string,
  startedAt: number,
  members = 2,
  extra: Partial<AllocationRunEntry> = {},
): AllocationRunEntry {
  const changes = Array.from({ length: members }, (_, i) => ({
    username: `member_${i}`,
    before: 10,
    after: 20,
  }));
  return {
    type: 'allocations',
    id,
    portalUrl: PORTAL_URL,
    username: 'demo_admin',
    startedAt,
    finishedAt: startedAt + 1000,
    state: 'finished',
    plan: { kind: 'bulk-set', title: 'Set allocation to 20', changes },
    outcomes: changes.map((c) => ({ username: c.username, status: 'applied' as const })),
    counts: { ...emptyCounts(), applied: members },
    ...extra,
  };
}

describe('merging the org journal', () => {
  it('keeps every entry of both sides, by id, newest first', () => {
    const merged = mergeJournalEntries([run('a', 1), run('b', 3)], [run('c', 2), run('a', 1)]);
    expect(merged.map((e) => e.id)).toEqual(['b', 'c', 'a']);
  });

  it('lets the version that ended, then the later finishedAt, win whichever side it is on', () => {
    const running = run('x', 10, 2, { state: 'running', finishedAt: undefined });
    const done = run('x', 10, 2, { finishedAt: 50 });
    expect(mergeJournalEntries([done], [running])[0]!.state).toBe('finished');
    expect(mergeJournalEntries([running], [done])[0]!.state).toBe('finished');
    const later = run('x', 10, 2, { finishedAt: 90, state: 'cancelled' });
    expect(mergeJournalEntries([later], [done])[0]!.finishedAt).toBe(90);
    expect(mergeJournalEntries([done], [later])[0]!.finishedAt).toBe(90);
  });

  it('shows this browser’s entries with the org’s and says where each came from', () => {
    const org: OrgJournalEntry[] = [
      { ...run('mine', 5), source: 'console' },
      { ...run('theirs', 4), source: 'console' },
      { ...run('nb', 3), source: 'notebook' },
    ];
    const shown = combineJournals([run('mine', 5), run('local-only', 6)], org);
    expect(shown.map((s) => [s.entry.id, s.origin, s.shared])).toEqual([
      ['local-only', 'this-browser', false],
      ['mine', 'this-browser', true],
      ['theirs', 'another-browser', true],
      ['nb', 'notebook', true],
    ]);
  });
});

describe('bounding the org journal', () => {
  it('shares a run’s members up to the cap and only its summary beyond it', () => {
    const [small, big] = boundJournal(
      [run('small', NOW, MEMBER_CAP), run('big', NOW - 1, MEMBER_CAP + 1)],
      NOW,
    );
    expect(small!.type === 'allocations' && small!.plan.changes).toHaveLength(MEMBER_CAP);
    expect(small!.membersOmitted).toBeUndefined();
    expect(big!.membersOmitted).toBe(true);
    expect(big!.type === 'allocations' && big!.plan.changes).toEqual([]);
    expect(big!.type === 'allocations' && big!.outcomes).toEqual([]);
    expect(memberCountOf(big!)).toBe(MEMBER_CAP + 1);
    expect(big!.type === 'allocations' && big!.counts.applied).toBe(MEMBER_CAP + 1);
  });

  it('drops entries past the age limit and beyond the newest entries allowed', () => {
    const old = run('old', NOW - (MAX_AGE_DAYS + 1) * DAY, 0);
    const recent = run('recent', NOW - (MAX_AGE_DAYS - 1) * DAY, 0);
    expect(boundJournal([old, recent], NOW).map((e) => e.id)).toEqual(['recent']);

    const many = Array.from({ length: MAX_ENTRIES + 5 }, (_, i) => run(`e${i}`, NOW - i * 60_000, 0));
    const kept = boundJournal(many, NOW);
    expect(kept).toHaveLength(MAX_ENTRIES);
    expect(kept.at(-1)!.id).toBe(`e${MAX_ENTRIES - 1}`);
  });

  it('keeps the document within its size, taking members from the oldest runs first', () => {
    const runs = Array.from({ length: 6 }, (_, i) => run(`r${i}`, NOW - i * DAY, MEMBER_CAP));
    const kept = boundJournal(runs, NOW);
    const size = new TextEncoder().encode(JSON.stringify({ format: 'x', version: 1, entries: kept })).length;
    expect(size).toBeLessThanOrEqual(MAX_BYTES);
    expect(kept).toHaveLength(6);
    expect(kept[0]!.membersOmitted).toBeUndefined();
    expect(kept.at(-1)!.membersOmitted).toBe(true);
  });
});

function clientAs(username: string): ArcGISClient {
  const token = issueToken(username);
  return createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
}

async function admin(client: ArcGISClient): Promise<JournalAdmin> {
  const self = await getPortalSelf(client);
  return { username: 'demo_admin', orgId: self.id };
}

describe('the journal shared through the organization (demo portal)', () => {
  it('creates the item on the first sync and holds the entries as its data', async () => {
    const client = clientAs('demo_admin');
    const me = await admin(client);
    const now = Date.now();
    const local: JournalEntry[] = [run('first', now - 1000)];
    const shared = await syncJournal(client, me, local, { settleMs: 0 });
    expect(shared.map((e) => e.id)).toEqual(['first']);

    const items = await searchItems(client, {
      type: JOURNAL_ITEM_TYPE,
      tag: JOURNAL_ITEM_TAG,
      owner: 'demo_admin',
    });
    expect(items).toHaveLength(1);
    expect(items[0]!.title).toBe('Credit Console change journal');
    const data = (await getItemData(client, items[0]!.id)) as {
      format: string;
      version: number;
      entries: OrgJournalEntry[];
    };
    expect(data.format).toBe('credit-console-journal');
    expect(data.version).toBe(1);
    expect(data.entries.map((e) => [e.id, e.source])).toEqual([['first', 'console']]);
  });

  it('keeps both consoles’ entries when they sync at the same time', async () => {
    const a = clientAs('demo_admin');
    const b = clientAs('demo_admin');
    const me = await admin(a);
    const now = Date.now();
    await syncJournal(a, me, [run('base', now - 5000)], { settleMs: 0 });

    await Promise.all([
      syncJournal(a, me, [run('from-a', now - 3000), run('a-2', now - 2500)], { settleMs: 5 }),
      syncJournal(b, me, [run('from-b', now - 2000)], { settleMs: 5 }),
    ]);
    const { doc } = await loadOrgJournal(a, me);
    expect(doc.entries.map((e) => e.id).sort()).toEqual(['a-2', 'base', 'from-a', 'from-b']);
  });

  it('writes a run’s end over its start, and leaves the item alone when it has nothing to add', async () => {
    const client = clientAs('demo_admin');
    const me = await admin(client);
    const now = Date.now();
    const started = run('r', now - 1000, 2, { state: 'running', finishedAt: undefined, outcomes: [] });
    await syncJournal(client, me, [started], { settleMs: 0 });
    await syncJournal(client, me, [run('r', now - 1000)], { settleMs: 0 });
    const before = await loadOrgJournal(client, me);
    expect(before.doc.entries.map((e) => [e.id, e.state])).toEqual([['r', 'finished']]);
    // A browser that still has the start only does not put it back.
    await syncJournal(client, me, [started], { settleMs: 0 });
    expect((await loadOrgJournal(client, me)).doc.entries.map((e) => e.state)).toEqual(['finished']);
  });
});
