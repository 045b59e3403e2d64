import type { Page } from '@playwright/test';
import { expect, seriousA11yViolations, signIn, test } from './fixtures';

/** Signs in, then opens the Usage page at `search` (e.g. `?range=90d`). */
async function openUsage(page: Page, search: string) {
  await signIn(page, 'demo_admin');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 20_000 });
  await page.goto(`/usage${search}`);
  await expect(page.getByRole('heading', { name: 'Usage', level: 1 })).toBeVisible({ timeout: 20_000 });
}

test('an administrator reads where credits went: ranges, a service, the table, a top consumer', async ({
  page,
}) => {
  await signIn(page, 'demo_admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Usage' }).click();
  await expect(page.getByRole('heading', { name: 'Usage', level: 1 })).toBeVisible();
  await expect(page.getByRole('img', { name: /Credits by service type, daily, Last 30 days/ })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByRole('list', { name: 'Credits by service type' })).toContainText('Geocoding');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Switch ranges: the bucket size follows.
  await page.getByRole('button', { name: '7 d' }).click();
  await expect(page.getByRole('img', { name: /daily, Last 7 days/ })).toBeVisible();
  await page.getByRole('button', { name: '12 mo' }).click();
  await expect(page.getByRole('img', { name: /weekly, Last 12 months/ })).toBeVisible();
  await expect(page).toHaveURL(/range=12m/);

  // Filter one service.
  await page.getByLabel('Service', { exact: true }).selectOption({ label: 'Geocoding' });
  await expect(page).toHaveURL(/service=geocode/);
  const total = page.getByRole('group', { name: 'Total credits used (Geocoding)' });
  await expect(total).toBeVisible();
  await expect(page.getByRole('img', { name: /Geocoding credits, weekly, Last 12 months/ })).toBeVisible();

  // The table alternative carries the same total.
  await page.getByRole('button', { name: 'Show as table' }).click();
  const table = page.getByRole('table', { name: /Geocoding credits, weekly/ });
  await expect(table).toBeVisible();
  const pageTotal = (await total.getByText(/^[\d.,\s\u00a0\u202f]+$/).textContent()) ?? '';
  await expect(table.getByRole('row').last().getByRole('cell').last()).toHaveText(pageTotal);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The URL holds the view: a reload shows the same range, service and (back to) the chart.
  await page.reload();
  await expect(page.getByRole('img', { name: /Geocoding credits, weekly, Last 12 months/ })).toBeVisible({
    timeout: 20_000,
  });

  // Open a top consumer, shown by name: lands on that member's dialog in Members.
  const top = page.getByRole('region', { name: 'Top consumers' });
  const first = top.getByRole('table').getByRole('link').first();
  await expect(first).toHaveText(/^\S+ \S/, { timeout: 30_000 });
  const name = (await first.textContent()) ?? '';
  await first.click();
  await expect(page).toHaveURL(/\/members\?member=\w/);
  // The dialog is modal over the Members page, whose heading is hidden from the accessibility tree.
  await expect(page.getByRole('dialog', { name })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Members', level: 1, includeHidden: true })).toBeAttached();
});

test('a custom range is validated next to its fields', async ({ page }) => {
  await openUsage(page, '?range=90d');
  await expect(page.getByRole('img', { name: /daily, Last 90 days/ })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Custom…' }).click();
  await page.getByLabel('From', { exact: true }).fill('2099-01-01');
  await page.getByRole('button', { name: 'Apply range' }).click();
  await expect(page.getByText('From can’t be in the future.')).toBeVisible();
  const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('From', { exact: true }).fill(day(14));
  await page.getByLabel('To', { exact: true }).fill(day(1));
  await page.getByRole('button', { name: 'Apply range' }).click();
  await expect(page).toHaveURL(/range=custom/);
  await expect(page.getByRole('img', { name: /daily, .+ – .+: / })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
});
