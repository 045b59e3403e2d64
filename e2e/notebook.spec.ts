import { readFile } from 'node:fs/promises';
import { expect, signIn, test } from './fixtures';

interface Cell {
  cell_type: string;
  id: string;
  source: string[];
}

test('Schedule in ArcGIS Notebooks downloads a notebook that applies the policies', async ({ page }) => {
  await signIn(page, 'demo_admin');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible({ timeout: 30_000 });
  const card = page.getByRole('region', { name: 'Schedule in ArcGIS Notebooks' });
  await expect(card).toBeVisible({ timeout: 30_000 });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByRole('button', { name: 'Download notebook (.ipynb)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('credit-console-policies.ipynb');
  const path = await download.path();
  const nb = JSON.parse(await readFile(path, 'utf8')) as { nbformat: number; cells: Cell[] };
  expect(nb.nbformat).toBe(4);
  const text = (id: string) => nb.cells.find((c) => c.id === id)?.source.join('') ?? '';
  // Settings for this org: dry run first, the console's item, the signed-in admin, the demo portal's certificate.
  expect(text('settings')).toContain('DRY_RUN = True');
  expect(text('settings')).toContain('POLICY_ITEM_TYPE = "Application"');
  expect(text('settings')).toContain('POLICY_ITEM_OWNER = ""');
  expect(text('settings')).toMatch(/OTHER_PORTAL_URL = "https:\/\/(localhost|127\.0\.0\.1):\d+\/portal"/);
  expect(text('settings')).toContain('VERIFY_CERT = False');
  expect(text('read-members')).toContain('get_members()');
  expect(text('apply')).toContain('credits.allocate(r["username"], r["effective"])');
  expect(text('apply')).toContain('credits.deallocate(r["username"])');
});
