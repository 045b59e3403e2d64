import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { FIRST_NAMES, LAST_NAMES } from '../demo-portal/src/model/names';
import { expect, seriousA11yViolations, signIn, test } from './fixtures';

/** Any "First Last" the seed can produce: in presentation mode none may be on screen. */
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const REAL_FULL_NAME = new RegExp(
  `\\b(${FIRST_NAMES.map(escape).join('|')}) (${LAST_NAMES.map(escape).join('|')})\\b`,
  'u',
);
const DEMO_ACCOUNT_NAMES = ['Dana Reyes', 'Casey Morgan', 'Sam Patel'];
/** Any email address except the masked aliases (member1234@example.invalid). */
const REAL_EMAIL = /[\w.+-]+@(?!example\.invalid\b)[\w-]+(\.[\w-]+)+/;
const ORG_DOMAIN = /@riverbend-county\.example/;

async function openOverview(page: Page) {
  await signIn(page, 'demo_admin');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Allocations' }).getByRole('link', { name: /at risk$/ }),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText(/^At the last 30 days' pace/)).toBeVisible({ timeout: 20_000 });
}

async function openDemoControls(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: /^Demo\b/ }).click();
  const panel = page.getByRole('dialog', { name: 'Demo controls' });
  await expect(panel).toBeVisible();
  return panel;
}

async function closeDemoControls(panel: Locator) {
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toBeHidden();
}

async function openMembers(page: Page): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Members' });
  await expect(table).toBeVisible({ timeout: 30_000 });
  return table;
}

/** Everything a viewer of the shared screen sees: header and page. */
async function screenText(page: Page): Promise<string> {
  const header = await page.getByRole('banner').innerText();
  const main = await page.getByRole('main').innerText();
  return `${header}\n${main}`;
}

async function expectNothingPersonal(page: Page, where: string) {
  const text = await screenText(page);
  expect(text, `${where}: a real full name is visible`).not.toMatch(REAL_FULL_NAME);
  for (const name of DEMO_ACCOUNT_NAMES) expect(text, `${where}: ${name}`).not.toContain(name);
  expect(text, `${where}: an email is visible`).not.toMatch(REAL_EMAIL);
}

test('a presenter advances the clock 30 days and adds a member; every page follows without a reload', async ({
  page,
}, testInfo) => {
  await openOverview(page);
  const headline = page.getByRole('region', { name: 'Available credits' });
  const allocations = page.getByRole('region', { name: 'Allocations' });
  const forecast = page.getByRole('region', { name: 'Burn rate and forecast' });
  const atRisk = allocations.getByRole('link', { name: /at risk$/ });
  const before = {
    balance: await headline.innerText(),
    atRisk: await atRisk.innerText(),
    summary: await allocations.innerText(),
    forecast: await forecast.innerText(),
  };

  const panel = await openDemoControls(page);
  await expect(panel.getByText('(today)')).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  await panel.getByRole('button', { name: '+30 days' }).click();
  await expect(panel.getByText(/^Moved 30 days ahead: it is now/)).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByText('(today + 30 days)')).toBeVisible();
  await testInfo.attach('demo-controls', { body: await page.screenshot(), contentType: 'image/png' });
  await closeDemoControls(page.getByRole('dialog', { name: 'Demo controls' }));
  await expect(page.getByRole('button', { name: /^Demo \+30 d/ })).toBeVisible();

  // The balance fell, members ran down (the at-risk/exhausted counts moved) and so did the forecast.
  await expect.poll(() => headline.innerText(), { timeout: 30_000 }).not.toBe(before.balance);
  await expect.poll(() => allocations.innerText(), { timeout: 30_000 }).not.toBe(before.summary);
  await expect.poll(() => atRisk.innerText(), { timeout: 30_000 }).not.toBe(before.atRisk);
  await expect.poll(() => forecast.innerText(), { timeout: 30_000 }).not.toBe(before.forecast);
  const parse = (text: string) => Number(/([\d,.]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? 'NaN');
  expect(parse(await atRisk.innerText())).toBeGreaterThan(parse(before.atRisk));

  // Add a member: the default allocation (100) applies, the member table grows.
  const table = await openMembers(page);
  const rowsBefore = Number(await table.getAttribute('aria-rowcount'));
  const again = await openDemoControls(page);
  await again.getByLabel('Full name (optional)').fill('Ada Lovelace');
  await again.getByRole('button', { name: 'Add a member' }).click();
  await expect(
    again.getByText(/^Added Ada Lovelace \(\S+\) with an allocation of 100 credits\.$/),
  ).toBeVisible({
    timeout: 30_000,
  });
  expect(await seriousA11yViolations(page)).toEqual([]);
  await closeDemoControls(again);
  await expect(table).toHaveAttribute('aria-rowcount', String(rowsBefore + 1), { timeout: 30_000 });
  await page.getByRole('searchbox', { name: 'Search members' }).fill('Lovelace');
  await expect(table).toHaveAttribute('aria-rowcount', '2');
  await expect(table.getByRole('row').nth(1)).toContainText('Ada Lovelace');
  await expect(table.getByRole('row').nth(1)).toContainText('100');

  // The Usage chart follows the demo clock too: its last day moves when the clock does.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Usage' }).click();
  await expect(page.getByRole('heading', { name: 'Usage', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: '7 d' }).click();
  await expect(page.getByRole('img', { name: /daily, Last 7 days/ })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Show as table' }).click();
  const usageTable = page.getByRole('table', { name: /daily, Last 7 days/ });
  const lastDay = usageTable.getByRole('row').last();
  await expect(lastDay).toBeVisible();
  const lastDayBefore = await lastDay.innerText();
  const step = await openDemoControls(page);
  await step.getByRole('button', { name: '+7 days' }).click();
  await expect(step.getByText('(today + 37 days)')).toBeVisible({ timeout: 30_000 });
  await closeDemoControls(step);
  await expect.poll(() => lastDay.innerText(), { timeout: 30_000 }).not.toBe(lastDayBefore);
  await openMembers(page);
  await page.getByRole('searchbox', { name: 'Search members' }).fill('Lovelace');
  await expect(table).toHaveAttribute('aria-rowcount', '2');

  // Reset, behind a confirmation.
  const last = await openDemoControls(page);
  await last.getByRole('button', { name: 'Reset the demo organization…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Reset the demo organization?' });
  await expect(confirm).toContainText('Every change goes back to the seed');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await confirm.getByRole('button', { name: 'Reset organization' }).click();
  await expect(last.getByText('The demo organization is back to its seed.')).toBeVisible({ timeout: 30_000 });
  await closeDemoControls(last);
  await expect(page.getByText('No members match this search and these filters.')).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText('0 of 2,500 members match')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Demo\b/ })).toHaveText('Demo');
});

test('presentation mode masks every name and email on every route, in dialogs and exports', async ({
  page,
}, testInfo) => {
  await openOverview(page);
  await expect(page.getByRole('button', { name: 'Account: Dana Reyes' })).toBeVisible();
  const toggle = page.getByRole('switch', { name: 'Presentation mode' });
  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(page.getByRole('button', { name: /^Account: Member \d{4}$/ })).toBeVisible();
  await expectNothingPersonal(page, 'Overview');

  // Remembered in this browser.
  await page.reload();
  await expect(page.getByRole('switch', { name: 'Presentation mode' })).toBeChecked();

  const table = await openMembers(page);
  await expect(table.getByRole('row').nth(1)).toContainText(/Member \d{4}/);
  await expectNothingPersonal(page, 'Members');
  await testInfo.attach('members-presentation-mode', {
    body: await page.screenshot(),
    contentType: 'image/png',
  });
  await table.getByRole('row').nth(1).getByRole('button').first().click();
  const dialog = page.getByRole('dialog', { name: /^Member \d{4}$/ });
  await expect(dialog).toBeVisible();
  // The open member is not in the address bar either.
  expect(new URL(page.url()).searchParams.has('member')).toBe(false);
  const dialogText = await dialog.innerText();
  expect(dialogText).not.toMatch(REAL_FULL_NAME);
  expect(dialogText).not.toMatch(REAL_EMAIL);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await readFile(await (await downloaded).path(), 'utf8');
  expect(csv).toMatch(/Member \d{4}/);
  expect(csv).not.toMatch(REAL_FULL_NAME);
  expect(csv).not.toMatch(ORG_DOMAIN);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Usage' }).click();
  await expect(page.getByRole('heading', { name: 'Usage', level: 1 })).toBeVisible();
  await expect(
    page
      .getByRole('main')
      .getByText(/member\d{4}/i)
      .first(),
  ).toBeVisible({ timeout: 30_000 });
  await expectNothingPersonal(page, 'Usage');
  // A top consumer opens their dialog without putting the username in the address bar.
  await page
    .getByRole('region', { name: 'Top consumers' })
    .getByRole('link', { name: /^Member \d{4}$/ })
    .first()
    .click();
  await expect(page.getByRole('dialog', { name: /^Member \d{4}$/ })).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
  await page.keyboard.press('Escape');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Usage' }).click();

  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Account: Dana Reyes' })).toBeVisible();
});

test('the Overview prints as a handout', async ({ page }, testInfo) => {
  await openOverview(page);
  await expect(page.getByRole('button', { name: 'Print / Save as PDF' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Daily credit spend/ })).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print / Save as PDF' })).toBeHidden();
  await expect(page.getByRole('switch', { name: 'Credit budgeting' })).toBeHidden();
  await expect(page.getByRole('region', { name: 'Available credits' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Allocations' })).toBeVisible();
  // The handout states budgeting and the default, without on-screen prompts or link styling.
  await expect(page.getByRole('region', { name: 'Budgeting' })).toContainText(/Credit budgeting\s*On/);
  await expect(page.getByRole('region', { name: 'New members' })).toContainText(
    'Current default: 100 credits',
  );
  await expect(page.getByText('Select a figure to see those members.')).toBeHidden();
  const figure = page.getByRole('region', { name: 'Allocations' }).getByRole('link').first();
  await expect(figure).toHaveCSS('text-decoration-line', 'none');
  const textColor = await page
    .getByRole('region', { name: 'Allocations' })
    .evaluate((el) => getComputedStyle(el).color);
  await expect(figure).toHaveCSS('color', textColor);
  await expect(page.getByRole('region', { name: 'Burn rate and forecast' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Daily credit spend/ })).toBeVisible();
  await testInfo.attach('overview-handout', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  // One or two pages: count the page objects of the PDF.
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(2);
  await testInfo.attach('overview-handout.pdf', { body: pdf, contentType: 'application/pdf' });

  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});
