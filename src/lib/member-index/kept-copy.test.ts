import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearStoredMemberIndexes, createIndexedDbMemberCache } from './cache';
import { serveKeptCopy, type KeptCopyReader } from './store';
import type { MemberRecord } from './record';

const PORTAL = 'https://org.example.com/sharing/rest';

function membersOf(count: number): MemberRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    username: `user${String(i).padStart(6, '0')}`,
    fullName: i % 7 === 0 ? null : `Zoë Member ${i}`,
    email: `user${i}@example.org`,
    role: 'org_user',
    userLicenseTypeId: i % 2 ? 'creatorUT' : 'viewerUT',
    assignedCredits: i % 3 === 0 ? -1 : i,
    availableCredits: i % 5 === 0 ? null : i / 2,
  }));
}

const byUsername = (list: readonly MemberRecord[]) =>
  [...list].sort((a, b) => (a.username < b.username ? -1 : 1));

/** The kept copy worker, served over a message channel; counts the chunks it hands the page. */
function channelReader(factory: IDBFactory) {
  const { port1, port2 } = new MessageChannel();
  serveKeptCopy(port2, factory);
  port2.start();
  const seen = { chunks: 0 };
  const reader: KeptCopyReader = {
    postMessage: (message) => port1.postMessage(message),
    addEventListener: (type: 'message' | 'error', listener: (event: never) => void) => {
      if (type !== 'message') return;
      port1.addEventListener('message', (event) => {
        if ((event.data as { type: string }).type === 'chunk') seen.chunks += 1;
        (listener as (event: MessageEvent) => void)(event);
      });
      port1.start();
    },
    terminate: () => {
      port1.close();
      port2.close();
    },
  };
  return { reader, seen };
}

describe('the member index kept in IndexedDB', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is read back in a worker, chunk by chunk, with the changes written since', async () => {
    const factory = new IDBFactory();
    const { reader, seen } = channelReader(factory);
    const cache = createIndexedDbMemberCache(PORTAL, 'admin', factory, () => reader);
    const members = membersOf(25_000);
    await cache.save(members, 1_000);
    const changed = { ...members[12_345]!, assignedCredits: 77 };
    await cache.patch([{ before: members[12_345]!, after: changed }]);

    const loaded = await cache.load();
    expect(seen.chunks).toBe(3);
    expect(loaded?.savedAt).toBe(1_000);
    const expected = members.map((m) => (m === members[12_345] ? changed : m));
    expect(byUsername(loaded!.members)).toEqual(byUsername(expected));
  });

  it('is read in the page where no worker starts, or one fails before answering', async () => {
    const factory = new IDBFactory();
    const members = membersOf(12_000);
    const noWorker = createIndexedDbMemberCache(PORTAL, 'admin', factory, () => undefined);
    await noWorker.save(members, 5);
    expect(byUsername((await noWorker.load())!.members)).toEqual(byUsername(members));

    let errorListener: ((event: Event) => void) | undefined;
    const failing: KeptCopyReader = {
      postMessage: () => queueMicrotask(() => errorListener?.(new Event('error'))),
      addEventListener: (type: 'message' | 'error', listener: (event: never) => void) => {
        if (type === 'error') errorListener = listener as (event: Event) => void;
      },
      terminate: () => undefined,
    };
    const fallsBack = createIndexedDbMemberCache(PORTAL, 'admin', factory, () => failing);
    expect(byUsername((await fallsBack.load())!.members)).toEqual(byUsername(members));
  });

  it('counts a read that never ends as no copy, so the portal is read instead', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const silent: KeptCopyReader = {
      postMessage: () => undefined,
      addEventListener: () => undefined,
      terminate: vi.fn(),
    };
    const cache = createIndexedDbMemberCache(PORTAL, 'admin', new IDBFactory(), () => silent);
    let outcome: unknown = 'pending';
    void cache.load().then((loaded) => (outcome = loaded));
    await vi.advanceTimersByTimeAsync(29_000);
    expect(outcome).toBe('pending');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(outcome).toBeUndefined();
    expect(silent.terminate).toHaveBeenCalled();
  });

  it("keeps each user's copy apart, reads a save cut short as none, and forgets all at sign-out", async () => {
    const factory = new IDBFactory();
    const mine = createIndexedDbMemberCache(PORTAL, 'admin', factory, () => channelReader(factory).reader);
    const theirs = createIndexedDbMemberCache(PORTAL, 'other', factory, () => channelReader(factory).reader);
    await mine.save(membersOf(15_000), 1);
    expect(await theirs.load()).toBeUndefined();

    // A chunk lost (the tab closed while saving): no copy, so the portal is read instead.
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = factory.open('credit-console-members');
      open.onsuccess = () => resolve(open.result);
    });
    const tx = db.transaction('chunks', 'readwrite');
    tx.objectStore('chunks').delete([`${PORTAL}\u0001admin`, 1]);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
    expect(await mine.load()).toBeUndefined();

    await mine.save(membersOf(3), 2);
    expect((await mine.load())?.members).toHaveLength(3);
    await clearStoredMemberIndexes(factory);
    expect(await mine.load()).toBeUndefined();
  });
});
