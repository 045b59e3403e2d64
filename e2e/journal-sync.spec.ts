import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, signIn, test } from './fixtures';

/**
 * The change journal shared through the organization: an administrator runs a reset in one browser;
 * a second browser (fresh storage) sees the run on its Journal page and is not offered the reset
 * again. The org's journal item is read from the PORTAL through REST.
 */

const REST = '/portal/sharing/rest';
const DAY = 24 * 60 * 60 * 1000;

async function adminToken(request: APIRequestContext): Promise<string> {
  const response = await request.post(`${REST}/generateToken`, {
    form: { username: 'demo_admin', password: DEMO_PASSWORD, client: 'requestip', f: 'json' },
  });
  const body = (await response.json()) as { token?: string };
  if (!body.token) throw new Error('no token');
  return body.token;
}

/** Saves a policy document with one Creator rule reset monthly, saved two months ago (so a reset is due). */
async function seedResetPolicy(request: APIRequestContext, token: string): Promise<void> {
  const saved = Date.now() - 60 * DAY;
  const doc = {
    schema: 'credit-console/policies',
    version: 1,
    groupConflict: {
      id: 'setting:group-conflict',
      updated: saved,
      updatedBy: 'demo_admin',
      value: 'highest',
    },
    rules: [
      {
        id: 'creators-monthly',
        updated: saved,
        updatedBy: 'demo_admin',
        position: 1,
        target: { kind: 'user-type', userTypeId: 'creatorUT' },
        targetLabel: 'Creator',
        allocation: { kind: 'credits', credits: 500 },
        reset: { kind: 'monthly', day: 1 },
      },
    ],
    overrides: [],
  };
  const response = await request.post(`${REST}/content/users/demo_admin/addItem`, {
    form: {
      title: 'Credit Console allocation policies',
      type: 'Application',
      tags: 'credit-console-policies',
      text: JSON.stringify(doc),
      f: 'json',
      token,
    },
  });
  expect(((await response.json()) as { success?: boolean }).success).toBe(true);
}

interface StoredEntry {
  id: string;
  username: string;
  state: string;
  source?: string;
  plan: { kind: string; resets?: { ruleId: string }[]; changes: unknown[] };
  counts: { applied: number };
  outcomes: unknown[];
}

/** The org journal item's entries, as the portal stores them (none before the first sync). */
async function orgJournal(request: APIRequestContext, token: string): Promise<StoredEntry[]> {
  const search = await request.post(`${REST}/search`, {
    form: { q: 'type:"Application" AND tags:"credit-console-journal"', num: '10', f: 'json', token },
  });
  const { results } = (await search.json()) as { results: { id: string; title: string }[] };
  if (results.length === 0) return [];
  expect(results).toHaveLength(1);
  expect(results[0]!.title).toBe('Credit Console change journal');
  const data = await request.post(`${REST}/content/items/${results[0]!.id}/data`, {
    form: { f: 'json', token },
  });
  const doc = (await data.json()) as { format: string; version: number; entries: StoredEntry[] };
  expect(doc.format).toBe('credit-console-journal');
  expect(doc.version).toBe(1);
  return doc.entries;
}

async function creatorsAllocations(request: APIRequestContext, token: string): Promise<number[]> {
  const out: number[] = [];
  for (let start = 1; start > 0;) {
    const response = await request.post(`${REST}/portals/self/users`, {
      form: { start: String(start), num: '100', f: 'json', token },
    });
    const page = (await response.json()) as {
      users: { userLicenseTypeId: string; assignedCredits: number }[];
      nextStart: number;
    };
    out.push(...page.users.filter((u) => u.userLicenseTypeId === 'creatorUT').map((u) => u.assignedCredits));
    start = page.nextStart;
  }
  return out;
}

async function secondBrowser(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    baseURL: test.info().project.use.baseURL,
  });
  const page = await context.newPage();
  await signIn(page, 'demo_admin');
  return page;
}

test('a reset run in one browser is in the org journal, seen and not offered again in another', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const token = await adminToken(page.request);
  await seedResetPolicy(page.request, token);

  await signIn(page, 'demo_admin');
  const card = page.getByRole('region', { name: 'Reset due' });
  await expect(card.getByRole('list', { name: 'Resets due' })).toContainText('Creator', { timeout: 30_000 });
  await card.getByRole('button', { name: 'Run reset…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run reset' });
  await dialog.getByRole('button', { name: /^Apply to [\d,]+ members?$/ }).click();
  await expect(dialog.getByText(/^[\d,]+ members? updated\.$/)).toBeVisible({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect((await creatorsAllocations(page.request, token)).every((c) => c === 500)).toBe(true);

  // Shared with the org after the run, without opening the Journal page.
  await expect
    .poll(
      async () =>
        (await orgJournal(page.request, token))
          .filter((e) => e.plan.kind === 'reset' && e.state === 'finished')
          .map((e) => [e.username, e.source, e.plan.resets?.map((r) => r.ruleId), e.counts.applied > 0]),
      { timeout: 30_000 },
    )
    .toEqual([['demo_admin', 'console', ['creators-monthly'], true]]);
  const [entry] = (await orgJournal(page.request, token)).filter((e) => e.plan.kind === 'reset');
  expect(entry!.outcomes).toHaveLength(entry!.plan.changes.length);

  // Another browser, with nothing of its own: the reset is known, and the run is on its Journal page.
  const other = await secondBrowser(browser);
  const otherCard = other.getByRole('region', { name: 'Reset due' });
  await expect(otherCard).toContainText('No reset is due today', { timeout: 30_000 });
  await expect(otherCard.getByRole('button', { name: 'Run reset…' })).toHaveCount(0);

  await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
  const item = other
    .getByRole('list', { name: 'Journal' })
    .getByRole('listitem', { name: 'Reset allocations of 1 rule' });
  await expect(item).toContainText('by demo_admin', { timeout: 30_000 });
  await expect(item).toContainText('from another browser');
  await expect(item.getByRole('button', { name: 'Undo' })).toBeEnabled();
  await expect(other.getByRole('status').filter({ hasText: 'Shared with the organization' })).toBeVisible();

  // The first browser sees it as its own.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
  await expect(
    page
      .getByRole('list', { name: 'Journal' })
      .getByRole('listitem', { name: 'Reset allocations of 1 rule' }),
  ).toContainText('from this browser');
  await other.context().close();
});
