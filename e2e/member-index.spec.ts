import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, signIn, test } from './fixtures';

/**
 * The member index at scale: kept in this browser between visits (shown at once, re-read in the
 * background), usable while it loads, carrying the console's own changes, and forgotten at sign-out.
 * What the organization holds is read from the portal through REST.
 */

const REST = '/portal/sharing/rest';
/** Long enough to outlast any test here: the held pages simply never answer while we look. */
const HOLD_MS = 120_000;

async function adminToken(request: APIRequestContext): Promise<string> {
  const response = await request.post(`${REST}/generateToken`, {
    form: { username: 'demo_admin', password: DEMO_PASSWORD, client: 'requestip', f: 'json' },
  });
  const body = (await response.json()) as { token?: string };
  if (!body.token) throw new Error('no token');
  return body.token;
}

async function portalMembers(request: APIRequestContext, start = 1) {
  const token = await adminToken(request);
  const response = await request.post(`${REST}/portals/self/users`, {
    form: { start: String(start), num: '100', f: 'json', token },
  });
  return (await response.json()) as { total: number; users: { username: string; fullName: string }[] };
}

async function portalAllocationOf(request: APIRequestContext, username: string): Promise<number> {
  const token = await adminToken(request);
  const response = await request.post(`${REST}/community/users/${username}`, { form: { f: 'json', token } });
  return ((await response.json()) as { assignedCredits: number }).assignedCredits;
}

/** The portal holds back member pages (after the first `after`), so what shows is what came before. */
async function holdMemberPages(page: Page, after = 0) {
  const response = await page.request.post('/portal/__test/faults', {
    data: { rules: [{ route: 'portals/self/users', latencyMs: HOLD_MS, after }] },
  });
  expect(response.ok()).toBeTruthy();
}

async function clearFaults(page: Page) {
  const response = await page.request.post('/portal/__test/faults', { data: { rules: [] } });
  expect(response.ok()).toBeTruthy();
}

const count = (n: number) => n.toLocaleString('en-US');

test('while the members load, those loaded so far can be searched, with “Loaded N of M” and a partial summary', async ({
  page,
}) => {
  const { total } = await portalMembers(page.request);
  const late = (await portalMembers(page.request, 2401)).users[0]!;
  const early = (await portalMembers(page.request, 1501)).users[0]!;
  // The first 20 pages (2,000 members) answer; the rest are held back.
  await holdMemberPages(page, 20);
  await signIn(page, 'demo_admin');

  const summary = page.getByRole('region', { name: 'Allocations' });
  await expect(summary.getByRole('status')).toContainText(`Loaded ${count(2000)} of ${count(total)} members`);
  await expect(summary).toContainText(`Partial: across the ${count(2000)} members loaded so far.`);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toContainText(
    `Loaded ${count(2000)} of ${count(total)} members`,
  );
  const table = page.getByRole('table', { name: 'Members' });
  const search = page.getByRole('searchbox', { name: 'Search members' });
  await search.fill(early.username);
  await expect(table.getByRole('button', { name: new RegExp(early.username) })).toBeVisible();
  // Not loaded yet, so not found yet.
  await search.fill(late.username);
  await expect(table.getByRole('button', { name: new RegExp(late.username) })).toHaveCount(0);
});

test('a reload shows the kept copy with its age, carrying a change the console made; the portal is re-read; sign-out forgets it', async ({
  page,
}) => {
  await signIn(page, 'demo_admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
  const table = page.getByRole('table', { name: 'Members' });
  const search = page.getByRole('searchbox', { name: 'Search members' });
  await expect(table).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Loaded|Updated/ })).toHaveCount(0);

  // A change made in the console: the portal has it...
  await search.fill('demo_member');
  await page.getByRole('button', { name: /demo_member/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Sam Patel' });
  await dialog.getByLabel('Allocation').fill('41');
  await dialog.getByRole('button', { name: 'Save allocation' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => portalAllocationOf(page.request, 'demo_member')).toBe(41);
  const row = table.getByRole('row').filter({ hasText: 'demo_member' });
  await expect(row.getByRole('cell').nth(4)).toHaveText('41');
  // A second change of the same member: the copy keeps each write, and the latest must win.
  await page.getByRole('button', { name: /demo_member/ }).click();
  await dialog.getByLabel('Allocation').fill('43');
  await dialog.getByRole('button', { name: 'Save allocation' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => portalAllocationOf(page.request, 'demo_member')).toBe(43);
  await expect(row.getByRole('cell').nth(4)).toHaveText('43');

  // ...and so does the copy kept in this browser: with the portal holding every member page back,
  // a reload still shows the table, the change included, marked with its age.
  await holdMemberPages(page);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Updated' })).toContainText(
    /Updated just now — checking the portal for changes…/,
  );
  await page.getByRole('searchbox', { name: 'Search members' }).fill('demo_member');
  await expect(row.getByRole('cell').nth(4)).toHaveText('43');

  // Someone changes the member in the portal itself; the next visit re-reads it in the background.
  await clearFaults(page);
  const token = await adminToken(page.request);
  const assigned = await page.request.post(`${REST}/portals/self/assignUserCredits`, {
    form: { userAssignments: JSON.stringify([{ username: 'demo_member', credits: 57 }]), f: 'json', token },
  });
  expect(((await assigned.json()) as { success?: boolean }).success).toBe(true);
  await page.reload();
  await page.getByRole('searchbox', { name: 'Search members' }).fill('demo_member');
  await expect(row.getByRole('cell').nth(4)).toHaveText('57');
  await expect(page.getByRole('status').filter({ hasText: 'Updated' })).toHaveCount(0);

  // Sign-out forgets the kept copy: signed in again with the portal holding pages back, nothing shows.
  await page.getByRole('button', { name: /^Account:/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await holdMemberPages(page);
  await signIn(page, 'demo_admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('status', { name: 'Loading members…' })).toBeVisible();
  await expect(table).toHaveCount(0);
});

test('a copy kept by an earlier version of the console (one record per member) is dropped, not shown', async ({
  page,
}) => {
  await signIn(page, 'demo_admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
  const table = page.getByRole('table', { name: 'Members' });
  await expect(table).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Loaded|Updated/ })).toHaveCount(0);

  // This browser's copy replaced by one in the earlier layout, for the same portal and user, holding
  // a member the organization doesn't have.
  const storedOwner = () =>
    page.evaluate(
      () =>
        new Promise<string | null>((resolve) => {
          const open = indexedDB.open('credit-console-members');
          open.onsuccess = () => {
            const db = open.result;
            const keys = db.transaction('meta').objectStore('meta').getAllKeys();
            keys.onsuccess = () => {
              db.close();
              resolve((keys.result[0] as string | undefined) ?? null);
            };
          };
        }),
    );
  // The copy is written once the load is complete.
  await expect.poll(storedOwner).not.toBeNull();
  const owner = (await storedOwner())!;
  await page.evaluate(
    (key) =>
      new Promise<void>((resolve, reject) => {
        const removed = indexedDB.deleteDatabase('credit-console-members');
        removed.onerror = () => reject(new Error('not deleted'));
        removed.onsuccess = () => {
          const open = indexedDB.open('credit-console-members', 1);
          open.onupgradeneeded = () => {
            const db = open.result;
            db.createObjectStore('meta', { keyPath: 'owner' });
            db.createObjectStore('chunks', { keyPath: ['owner', 'n'] });
            db.createObjectStore('patches', { keyPath: ['owner', 'username'] });
          };
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(['meta', 'chunks'], 'readwrite');
            tx.objectStore('meta').put({ owner: key, savedAt: Date.now(), chunks: 1 });
            tx.objectStore('chunks').put({
              owner: key,
              n: 0,
              members: [{ username: 'ghost_v1', fullName: 'Olde Ghost', email: 'ghost@example.org' }],
            });
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
          };
        };
      }),
    owner,
  );

  // With the portal answering the first 20 pages only, the old copy isn't shown: the members load
  // afresh, as on a first visit.
  await holdMemberPages(page, 20);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: /^Loaded 2,000 of / })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Updated' })).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search members' }).fill('ghost');
  await expect(page.getByText('No members match this search and these filters.')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search members' }).fill('');

  // Once the portal answers, the members show, and the next reload has a copy it can read.
  await clearFaults(page);
  await page.reload();
  await expect(table).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Loaded|Updated/ })).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search members' }).fill('ghost');
  await expect(page.getByText('No members match this search and these filters.')).toBeVisible();
});

test('a warm reload shows the kept first screen and figures at once, then every kept member', async ({
  page,
}) => {
  const { total } = await portalMembers(page.request);
  // Every member, in the order the copy keeps them (displayed name, then username): the first is on
  // the kept first screen, the last is not.
  const everyone: { username: string; fullName: string }[] = [];
  for (let start = 1; start <= total; start += 100)
    everyone.push(...(await portalMembers(page.request, start)).users);
  const key = (m: { username: string; fullName: string }) =>
    `${m.fullName.toLowerCase()}\u0000${m.username.toLowerCase()}`;
  everyone.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const onFirstScreen = everyone[0]!;
  const later = everyone.at(-1)!;

  await signIn(page, 'demo_admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
  const table = page.getByRole('table', { name: 'Members' });
  await expect(table).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Loaded|Updated|Showing/ })).toHaveCount(0);
  // The copy (with its first screen) is written once the load is complete.
  const kept = () =>
    page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open('credit-console-members');
          open.onsuccess = () => {
            const db = open.result;
            const all = db.transaction('meta').objectStore('meta').getAll();
            all.onsuccess = () => {
              db.close();
              resolve((all.result as { first?: unknown }[]).some((m) => m.first !== undefined));
            };
          };
        }),
    );
  await expect.poll(kept).toBe(true);

  // On the next visit the rest of the kept copy can't be read until the test lets it (another
  // transaction holds its members), and the portal holds every member page back.
  await page.addInitScript(() => {
    // The page itself, not a frame within it.
    if (window !== window.top) return;
    const open = indexedDB.open('credit-console-members');
    open.onsuccess = () => {
      const db = open.result;
      const store = db.transaction('chunks', 'readwrite').objectStore('chunks');
      let held = true;
      (window as unknown as { releaseKeptMembers: () => void }).releaseKeptMembers = () => (held = false);
      const spin = () => {
        if (held) store.get(['none', 0]).onsuccess = spin;
        else db.close();
      };
      spin();
    };
  });
  await holdMemberPages(page);
  await page.reload();

  const firstScreen = page.getByRole('status').filter({ hasText: 'Showing' });
  await expect(firstScreen).toHaveText(
    `Showing ${count(2000)} of ${count(total)} members from this browser's copy, updated just now — reading the rest…`,
  );
  await expect(table.getByRole('button', { name: new RegExp(onFirstScreen.username) })).toBeVisible();
  // What shows can be searched: the first screen's members are found, the rest not yet.
  const search = page.getByRole('searchbox', { name: 'Search members' });
  await search.fill(onFirstScreen.username);
  await expect(table.getByRole('button', { name: new RegExp(onFirstScreen.username) })).toBeVisible();
  await search.fill(later.username);
  await expect(table.getByRole('button', { name: new RegExp(later.username) })).toHaveCount(0);
  await search.fill('');

  // The rest of the kept copy is read: every kept member shows, still marked with the copy's age.
  const release = () =>
    page.evaluate(() => (window as unknown as { releaseKeptMembers: () => void }).releaseKeptMembers());
  await release();
  await expect(page.getByRole('status').filter({ hasText: 'Updated' })).toHaveText(
    'Updated just now — checking the portal for changes…',
  );
  await expect(firstScreen).toHaveCount(0);
  await search.fill(later.username);
  await expect(table.getByRole('button', { name: new RegExp(later.username) })).toBeVisible();

  // A warm visit to the Overview: its figures are the kept ones over every member, marked with their
  // age, before the rest of the copy is read, and the same after.
  await page.goto('/');
  const summary = page.getByRole('region', { name: 'Allocations' });
  await expect(summary).toContainText(`Across all ${count(total)} members.`);
  await expect(summary.getByRole('status')).toHaveText('Updated just now — checking the portal for changes…');
  const keptFigures = (await summary.getByRole('list').textContent()) ?? '';
  await release();
  await expect(summary.getByRole('list')).toHaveText(keptFigures);
  await expect(summary).toContainText(`Across all ${count(total)} members.`);
  await expect(summary.getByRole('status')).toHaveText('Updated just now — checking the portal for changes…');
});
