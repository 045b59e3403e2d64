import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Download, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, signIn, test } from './fixtures';

/**
 * The change pipeline, end to end. Every check of what changed reads the PORTAL through its REST
 * API (with the administrator's own token), never the console's table.
 */

const REST = '/portal/sharing/rest';

async function adminToken(request: APIRequestContext): Promise<string> {
  const response = await request.post(`${REST}/generateToken`, {
    form: { username: 'demo_admin', password: DEMO_PASSWORD, client: 'requestip', f: 'json' },
  });
  const body = (await response.json()) as { token?: string };
  if (!body.token) throw new Error('no token');
  return body.token;
}

/** Every member's `assignedCredits` as the portal has it (-1 = no limit). */
async function portalAllocations(request: APIRequestContext): Promise<Map<string, number>> {
  const token = await adminToken(request);
  const out = new Map<string, number>();
  for (let start = 1; start > 0;) {
    const response = await request.post(`${REST}/portals/self/users`, {
      form: { start: String(start), num: '100', f: 'json', token },
    });
    const page = (await response.json()) as {
      users: { username: string; assignedCredits: number }[];
      nextStart: number;
    };
    for (const u of page.users) out.set(u.username, u.assignedCredits);
    start = page.nextStart;
  }
  return out;
}

async function portalAllocationOf(request: APIRequestContext, username: string): Promise<number> {
  const token = await adminToken(request);
  const response = await request.post(`${REST}/community/users/${username}`, { form: { f: 'json', token } });
  return ((await response.json()) as { assignedCredits: number }).assignedCredits;
}

async function slowAssignments(page: Page, latencyMs: number) {
  const response = await page.request.post('/portal/__test/faults', {
    data: {
      rules: [
        { route: 'portals/*/assignUserCredits', latencyMs },
        { route: 'portals/*/unassignUserCredits', latencyMs },
      ],
    },
  });
  expect(response.ok()).toBeTruthy();
}

async function openMembers(page: Page) {
  await signIn(page, 'demo_admin');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('table', { name: 'Members' })).toBeVisible({ timeout: 30_000 });
}

/** Selects every member and previews "Set allocation" to `value`; returns the dialog. */
async function previewBulkSet(page: Page, value: string) {
  await page.getByRole('button', { name: /^Select all [\d,]+ matching$/ }).click();
  await page.getByRole('button', { name: 'Set allocation…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Set allocation for [\d,]+ members$/ });
  await dialog.getByLabel('Allocation').fill(value);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByRole('list', { name: 'Changes to apply' })).toBeVisible();
  return dialog;
}

function indicator(page: Page) {
  return page.getByRole('banner').getByRole('button', { name: /changes?/ });
}

async function downloadText(download: Download): Promise<string> {
  return (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
}

test('a 2,500-member bulk set carries on after Esc and another page, and every member has the value', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openMembers(page);
  await slowAssignments(page, 300);
  const dialog = await previewBulkSet(page, '7');
  const preview = dialog.getByRole('list', { name: 'Members and their new allocation' });
  await expect(preview.getByRole('listitem').first()).toContainText('→ 7');
  await dialog.getByRole('button', { name: /^Apply to [\d,]+ members$/ }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Applying allocations' })).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(indicator(page)).toHaveText(/^Applying [\d,]+ changes — \d+%$/);
  await page.getByRole('link', { name: 'Usage' }).click();
  await expect(page.getByRole('heading', { name: 'Usage', level: 1 })).toBeVisible();
  await expect(indicator(page)).toBeVisible();
  await page.getByRole('link', { name: 'Members' }).click();
  await expect(indicator(page)).toHaveText(/^[\d,]+ changes applied$/, { timeout: 60_000 });

  const portal = await portalAllocations(page.request);
  expect(portal.size).toBe(2500);
  const notSeven = [...portal].filter(([, credits]) => credits !== 7);
  expect(notSeven).toEqual([]);
});

test('cancelling midway: "not sent" is exactly what the portal did not get, nothing else changed', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openMembers(page);
  const before = await portalAllocations(page.request);
  await slowAssignments(page, 700);
  const dialog = await previewBulkSet(page, '9');
  await dialog.getByRole('button', { name: /^Apply to [\d,]+ members$/ }).click();
  const progress = dialog.getByRole('progressbar', { name: 'Applying allocations' });
  await expect(progress).not.toHaveAttribute('aria-valuenow', '0');
  await dialog.getByRole('button', { name: 'Cancel run…' }).click();
  await dialog
    .getByRole('alertdialog', { name: 'Stop this run?' })
    .getByRole('button', { name: 'Stop run' })
    .click();
  const outcome = dialog.getByRole('list', { name: 'Outcome' });
  await expect(outcome).toBeVisible({ timeout: 30_000 });
  await expect(outcome).toContainText('Failed: 0');
  const text = (await outcome.textContent()) ?? '';
  const count = (label: string) =>
    Number(new RegExp(`${label}: ([\\d,]+)`).exec(text)?.[1]?.replace(/,/g, ''));
  const applied = count('Applied');
  const notSent = count('Not sent');
  expect(notSent).toBeGreaterThan(0);
  expect(applied).toBeGreaterThan(0);

  const after = await portalAllocations(page.request);
  const changed = [...after].filter(([u, c]) => before.get(u) !== c);
  // Every member the portal changed got 9; those it did not get are the "not sent".
  expect(changed.every(([, c]) => c === 9)).toBe(true);
  const wasNine = [...before].filter(([, c]) => c === 9).length;
  expect(changed).toHaveLength(applied);
  expect(after.size - changed.length - wasNine).toBe(notSent);
});

test('undo of a bulk run restores every member, and the outcome CSV re-imports with a named preview', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openMembers(page);
  const before = await portalAllocations(page.request);
  const dialog = await previewBulkSet(page, '11');
  await dialog.getByRole('button', { name: /^Apply to [\d,]+ members$/ }).click();
  await expect(dialog.getByText(/^[\d,]+ members updated\.$/)).toBeVisible({ timeout: 60_000 });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download outcome (CSV)' }).click();
  const outcomeCsv = await downloadText(await downloading);
  expect(outcomeCsv.split(/\r?\n/)[0]).toBe('username,credits,before,outcome,error');
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect([...(await portalAllocations(page.request)).values()].every((c) => c === 11)).toBe(true);

  // Undo from the journal: every member has their previous allocation again.
  await page.getByRole('link', { name: 'Journal' }).click();
  const entry = page
    .getByRole('list', { name: 'Journal' })
    .getByRole('listitem', { name: 'Set allocation to 11' });
  await entry.getByRole('button', { name: 'Undo' }).click();
  const undo = page.getByRole('dialog', { name: 'Undo: Set allocation to 11' });
  await expect(undo.getByRole('list', { name: 'Changes to apply' })).toContainText('→');
  await undo.getByRole('button', { name: /^Apply to [\d,]+ members$/ }).click();
  await expect(undo.getByText(/^[\d,]+ members updated\.$/)).toBeVisible({ timeout: 60_000 });
  await undo.getByRole('button', { name: 'Close' }).click();
  expect(await portalAllocations(page.request)).toEqual(before);

  // The journal survives a reload (IndexedDB), with both runs.
  await page.reload();
  await expect(
    page.getByRole('list', { name: 'Journal' }).getByRole('listitem', { name: /Set allocation to 11/ }),
  ).toHaveCount(2);

  // The outcome file imports back as it is: the preview names each member.
  await page.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('table', { name: 'Members' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const importer = page.getByRole('dialog', { name: 'Import allocations' });
  await importer.getByLabel('CSV file').setInputFiles({
    name: 'outcome.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(outcomeCsv),
  });
  await expect(importer.getByRole('list', { name: 'Changes to apply' })).toContainText(/→ 11/);
  await importer.getByRole('searchbox', { name: 'Search this preview' }).fill('demo_member');
  await expect(
    importer.getByRole('list', { name: 'Members and their new allocation' }).getByRole('listitem'),
  ).toHaveText([/Sam Patel.*demo_member.*→ 11/]);
  await importer.getByRole('button', { name: 'Cancel' }).click();
});

test('the record offered before turning budgeting off re-imports with a preview naming each member', async ({
  page,
}) => {
  await signIn(page, 'demo_admin');
  await page.getByRole('switch', { name: 'Credit budgeting' }).click();
  const off = page.getByRole('dialog', { name: 'Turn off credit budgeting?' });
  const downloading = page.waitForEvent('download');
  await off.getByRole('button', { name: 'Download allocations (CSV)' }).click();
  const record = await downloadText(await downloading);
  expect(record.split(/\r?\n/)[0]).toBe('username,credits,full_name,used,remaining');
  await off.getByRole('button', { name: 'Cancel' }).click();

  // Change one member, then import the record: it names that member and puts the value back.
  const original = await portalAllocationOf(page.request, 'demo_member');
  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByRole('searchbox', { name: 'Search members' }).fill('demo_member');
  await page.getByRole('button', { name: /demo_member/ }).click();
  const member = page.getByRole('dialog', { name: 'Sam Patel' });
  await member.getByLabel('Allocation').fill('42');
  await member.getByRole('button', { name: 'Save allocation' }).click();
  await expect(member).toBeHidden();
  expect(await portalAllocationOf(page.request, 'demo_member')).toBe(42);

  await page.getByRole('button', { name: 'Import CSV' }).click();
  const importer = page.getByRole('dialog', { name: 'Import allocations' });
  await importer.getByLabel('CSV file').setInputFiles({
    name: 'allocations.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(record),
  });
  const items = importer
    .getByRole('list', { name: 'Members and their new allocation' })
    .getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect(items).toContainText(/Sam Patel.*demo_member.*42 →/);
  await importer.getByRole('button', { name: 'Apply to 1 member' }).click();
  await expect(importer.getByText('1 member updated.')).toBeVisible();
  expect(await portalAllocationOf(page.request, 'demo_member')).toBe(original);
});

test('"No limit" in the member dialog ends as -1 on the portal, with at most 3 requests at 2,500 members', async ({
  page,
}) => {
  await openMembers(page);
  await page.getByRole('searchbox', { name: 'Search members' }).fill('demo_member');
  await page.getByRole('button', { name: /demo_member/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Sam Patel' });
  await dialog.getByLabel('Allocation').fill('15');
  await dialog.getByRole('button', { name: 'Save allocation' }).click();
  await expect(dialog).toBeHidden();
  expect(await portalAllocationOf(page.request, 'demo_member')).toBe(15);
  await expect(indicator(page)).toHaveText('1 change applied');

  // Count every REST request from here: one save must not reload the 2,500-member index.
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/sharing/rest/')) requests.push(new URL(r.url()).pathname);
  });
  await page.getByRole('button', { name: /demo_member/ }).click();
  await dialog.getByLabel('No limit').check();
  const selfRead = page.waitForResponse((r) => r.url().endsWith('/sharing/rest/portals/self'));
  await dialog.getByRole('button', { name: 'Save allocation' }).click();
  await expect(dialog).toBeHidden();
  // Everything the save causes: the portal's answer, the member re-read, the org figures; then quiet.
  await selfRead;
  // portals/self is read last; an index reload the save wrongly set off would start around now.
  const indexPage = await page
    .waitForRequest((r) => r.url().includes('/sharing/rest/portals/self/users'), { timeout: 2000 })
    .catch(() => null);
  expect(indexPage?.url() ?? null).toBeNull();
  expect(await portalAllocationOf(page.request, 'demo_member')).toBe(-1);
  // Sharing the journal with the organization (item search, data, update) comes on top, in the
  // background; the save itself is the assignment, the member re-read and the org figures.
  const sharing = (p: string) => p.endsWith('/sharing/rest/search') || p.includes('/sharing/rest/content/');
  const save = requests.filter((p) => !sharing(p));
  expect(save.length, save.join('\n')).toBeLessThanOrEqual(3);
  expect(requests.filter((p) => p.endsWith('/update')).length, requests.join('\n')).toBeLessThanOrEqual(2);
  expect(requests.filter((p) => p.endsWith('/portals/self/users'))).toEqual([]);
});

test('a session that ends mid-run waits for sign-in, then the run resumes and every member has the value', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openMembers(page);
  await slowAssignments(page, 400);
  const dialog = await previewBulkSet(page, '13');
  await dialog.getByRole('button', { name: /^Apply to [\d,]+ members$/ }).click();
  const progress = dialog.getByRole('progressbar', { name: 'Applying allocations' });
  await expect(progress).not.toHaveAttribute('aria-valuenow', '0');

  // The portal ends every session (refresh tokens too) while batches are in flight.
  const ended = await page.request.post('/portal/__test/expire-tokens?sessions=1');
  expect(ended.ok()).toBeTruthy();
  const signInAgain = page.getByRole('dialog', { name: 'Your session has ended' });
  await expect(signInAgain).toBeVisible({ timeout: 30_000 });
  // The run is paused, not failed: nobody is counted as not updated while it waits.
  const runText = dialog.locator('p', { hasText: 'processed' });
  await expect(
    page.getByText('This run is paused and carries on as soon as you sign in again.'),
  ).toBeAttached();
  await expect(runText).not.toContainText('not updated');
  await expect(
    page.locator('header button', { hasText: 'Paused: sign in to finish 2,500 changes' }),
  ).toBeAttached();

  const popupPromise = page.waitForEvent('popup');
  await signInAgain.getByRole('button', { name: 'Sign in again' }).click();
  const popup = await popupPromise;
  await popup.getByLabel('Username').fill('demo_admin');
  await popup.getByLabel('Password').fill(DEMO_PASSWORD);
  await popup.getByRole('button', { name: 'Sign In' }).click();
  await expect(signInAgain).toBeHidden();

  const outcome = dialog.getByRole('list', { name: 'Outcome' });
  await expect(outcome).toBeVisible({ timeout: 90_000 });
  await expect(outcome).toContainText('Failed: 0');
  await expect(outcome).toContainText('Not sent: 0');
  await expect(dialog.getByText('2,500 members updated.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(indicator(page)).toHaveText('2,500 changes applied');

  const portal = await portalAllocations(page.request);
  expect(portal.size).toBe(2500);
  expect([...portal].filter(([, credits]) => credits !== 13)).toEqual([]);
});
