import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, signIn, test } from './fixtures';

/**
 * Importing allocations in the built console, through the Members page's import dialog: large files
 * are parsed in a Web Worker, and files that can't be used say why where the admin is looking.
 */

const REST = '/portal/sharing/rest';

async function portalAllocationOf(request: APIRequestContext, username: string): Promise<number> {
  const tokenResponse = await request.post(`${REST}/generateToken`, {
    form: { username: 'demo_admin', password: DEMO_PASSWORD, client: 'requestip', f: 'json' },
  });
  const { token } = (await tokenResponse.json()) as { token: string };
  const response = await request.post(`${REST}/community/users/${username}`, { form: { f: 'json', token } });
  return ((await response.json()) as { assignedCredits: number }).assignedCredits;
}

async function openImport(page: Page) {
  await signIn(page, 'demo_admin');
  await page.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('table', { name: 'Members' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Import CSV' }).click();
  return page.getByRole('dialog', { name: 'Import allocations' });
}

function csvFile(name: string, text: string | Buffer) {
  return { name, mimeType: 'text/csv', buffer: typeof text === 'string' ? Buffer.from(text) : text };
}

test('a 250,000-row file is read in a worker and previewed, with every unknown username named', async ({
  page,
}) => {
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  const importer = await openImport(page);
  const rows = ['username,credits', 'demo_member,21'];
  for (let i = 0; i < 250_000; i++) rows.push(`member.number${i}_acme,${i % 500}`);
  await importer.getByLabel('CSV file').setInputFiles(csvFile('allocations.csv', rows.join('\n')));

  await expect(importer.getByRole('list', { name: 'Changes to apply' })).toContainText('→ 21', {
    timeout: 60_000,
  });
  const problems = importer.getByRole('region', { name: 'Rows with problems' });
  await expect(problems).toContainText('250,000 rows have problems');
  await expect(problems).toContainText('Line 3: There is no member named member.number0_acme');
  expect(workers.length).toBeGreaterThan(0);
});

test('a ;-separated file is read as such and applies; an unclosed quote and an oversized file say why', async ({
  page,
}) => {
  const importer = await openImport(page);
  const file = importer.getByLabel('CSV file');

  // Semicolons: read that way, said so, and applied.
  await file.setInputFiles(csvFile('semicolons.csv', 'username;credits\ndemo_member;12.5\n'));
  await expect(importer.getByRole('status').filter({ hasText: 'semicolons (;)' })).toBeVisible();
  await expect(importer.getByRole('list', { name: 'Changes to apply' })).toContainText('→ 12.5');
  await importer.getByRole('button', { name: 'Apply to 1 member' }).click();
  await expect(importer.getByText('1 member updated.')).toBeVisible({ timeout: 30_000 });
  expect(await portalAllocationOf(page.request, 'demo_member')).toBe(12.5);
  await importer.getByRole('button', { name: 'Close' }).click();

  // An unclosed quote: the line it starts on, in words.
  await page.getByRole('button', { name: 'Import CSV' }).click();
  await importer
    .getByLabel('CSV file')
    .setInputFiles(csvFile('quote.csv', 'username,credits\ndemo_member,5\n"demo_admin,7\ndemo_credits,8\n'));
  await expect(importer.getByRole('region', { name: 'Rows with problems' })).toContainText(
    'Line 3: a quote is not closed',
  );

  // Larger than the stated limit: refused, with the limit, in the dialog.
  await importer
    .getByLabel('CSV file')
    .setInputFiles(csvFile('huge.csv', Buffer.alloc(17 * 1024 * 1024, 'a')));
  await expect(importer.getByRole('alert')).toContainText('files up to 16.0 MB can be imported');
  await expect(importer.getByRole('list', { name: 'Changes to apply' })).toBeHidden();
  expect(await portalAllocationOf(page.request, 'demo_member')).toBe(12.5);
});

test('an image, an empty file and a file without the header each get one message saying why', async ({
  page,
}) => {
  const before = await portalAllocationOf(page.request, 'demo_member');
  const importer = await openImport(page);
  const file = importer.getByLabel('CSV file');
  const alert = importer.getByRole('alert');

  // A PNG (signature and IHDR chunk), chosen through "All files".
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex');
  await file.setInputFiles({ name: 'chart.png', mimeType: 'image/png', buffer: png });
  await expect(alert).toContainText('This isn’t a CSV file');

  await file.setInputFiles(csvFile('empty.csv', ''));
  await expect(alert).toContainText('The file is empty');

  await file.setInputFiles(csvFile('no-header.csv', 'demo_member,50\ndemo_admin,20\n'));
  await expect(alert).toContainText('This file has no “username” and “credits” columns.');
  await expect(alert).toContainText('Its first row is: “demo_member, 50”.');
  await expect(importer.getByRole('region', { name: 'Rows with problems' })).toBeHidden();
  await expect(importer.getByRole('button', { name: /^Apply/ })).toBeHidden();
  expect(await portalAllocationOf(page.request, 'demo_member')).toBe(before);
});
