import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, seriousA11yViolations, signIn, test } from './fixtures';

async function openOverview(page: Page, username: string) {
  await signIn(page, username);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Credit budgeting' })).toBeVisible();
}

async function reloadOverview(page: Page) {
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Credit budgeting' })).toBeVisible();
}

async function turnBudgetingOff(page: Page, options: { checkA11y?: boolean } = {}) {
  await page.getByRole('switch', { name: 'Credit budgeting' }).click();
  const dialog = page.getByRole('dialog', { name: 'Turn off credit budgeting?' });
  await expect(dialog).toContainText('Member limits stop applying');
  const download = dialog.getByRole('button', { name: 'Download allocations (CSV)' });
  await expect(download).toBeVisible({ timeout: 20_000 });
  if (options.checkA11y) expect(await seriousA11yViolations(page)).toEqual([]);

  const downloaded = page.waitForEvent('download');
  await download.click();
  const file = await downloaded;
  expect(file.suggestedFilename()).toMatch(/^allocations-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile(await file.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe('username,credits,full_name,used,remaining');
  expect(lines.length).toBeGreaterThan(2000);
  expect(csv).toContain('no limit');
  await expect(dialog.getByText(/Downloaded the allocations of [\d,.\s\u202f]+ members/)).toBeVisible();

  await dialog.getByRole('button', { name: 'Turn off budgeting' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('switch', { name: 'Credit budgeting' })).not.toBeChecked();
  await expect(page.getByRole('region', { name: 'Allocations' })).toContainText('Credit budgeting is off');
}

async function turnBudgetingOn(page: Page, options: { checkA11y?: boolean } = {}) {
  await page.getByRole('switch', { name: 'Credit budgeting' }).click();
  const dialog = page.getByRole('dialog', { name: 'Turn on credit budgeting?' });
  await expect(dialog).toContainText('allocations start to apply');
  if (options.checkA11y) expect(await seriousA11yViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Turn on budgeting' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('switch', { name: 'Credit budgeting' })).toBeChecked();
}

async function saveDefault(page: Page, value: string | 'No limit') {
  if (value === 'No limit') {
    await page.getByRole('radio', { name: 'No limit' }).check();
  } else {
    await page.getByRole('radio', { name: 'A set number of credits' }).check();
    await page.getByLabel('Default allocation for new members').fill(value);
  }
  await page.getByRole('button', { name: 'Save default' }).click();
  await expect(page.getByText(/^Saved\. Members who join from now on/)).toBeVisible();
}

test('an administrator turns budgeting off with the allocations exported, on again, and sets the default', async ({
  page,
}) => {
  await openOverview(page, 'demo_admin');
  await expect(page.getByRole('region', { name: 'Available credits' })).toContainText('Annual Subscription');
  await expect(
    page.getByRole('region', { name: 'Allocations' }).getByRole('link', { name: /at risk$/ }),
  ).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/^At the last 30 days' pace, credits run out around/)).toBeVisible();
  await expect(page.getByRole('img', { name: /Daily credit spend/ })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  await turnBudgetingOff(page, { checkA11y: true });
  await reloadOverview(page);
  await expect(page.getByRole('switch', { name: 'Credit budgeting' })).not.toBeChecked();
  await expect(page.getByRole('region', { name: 'Allocations' })).toContainText('Credit budgeting is off');

  await turnBudgetingOn(page, { checkA11y: true });
  await reloadOverview(page);
  await expect(page.getByRole('switch', { name: 'Credit budgeting' })).toBeChecked();
  await expect(
    page.getByRole('region', { name: 'Allocations' }).getByRole('link', { name: /capped$/ }),
  ).toBeVisible({ timeout: 20_000 });

  // The default: No limit, then 100; the server's value after each reload.
  const defaults = page.getByRole('region', { name: 'New members' });
  await saveDefault(page, 'No limit');
  await reloadOverview(page);
  await expect(defaults).toContainText('Current default: No limit');
  await expect(page.getByRole('radio', { name: 'No limit' })).toBeChecked();

  // With No limit chosen the amount field is off; choosing a number turns it on.
  await expect(page.getByLabel('Default allocation for new members')).toBeDisabled();
  await page.getByRole('radio', { name: 'A set number of credits' }).check();
  await page.getByLabel('Default allocation for new members').fill('-3');
  await page.getByRole('button', { name: 'Save default' }).click();
  await expect(page.getByText(/can’t be negative/)).toBeVisible();

  await saveDefault(page, '100');
  await reloadOverview(page);
  await expect(page.getByLabel('Default allocation for new members')).toHaveValue('100');
  await expect(defaults).toContainText('Current default: 100 credits');
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('the credit-manager role can do the same', async ({ page }) => {
  await openOverview(page, 'demo_credits');
  await turnBudgetingOff(page);
  await reloadOverview(page);
  await expect(page.getByRole('switch', { name: 'Credit budgeting' })).not.toBeChecked();

  await turnBudgetingOn(page);
  await saveDefault(page, '0');
  await reloadOverview(page);
  await expect(page.getByRole('switch', { name: 'Credit budgeting' })).toBeChecked();
  await expect(page.getByLabel('Default allocation for new members')).toHaveValue('0');
  await expect(page.getByRole('region', { name: 'New members' })).toContainText('Current default: 0 credits');
});
