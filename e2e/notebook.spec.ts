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
  // The Overview's figures arrive after its cards show; click once they are in, so the page doesn't move
  // under the pointer (on a busy machine a click mid-layout can land beside the button).
  await expect(page.getByRole('link', { name: /capped/ }).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('switch', { name: 'Credit budgeting' })).toBeVisible();

  const button = card.getByRole('button', { name: 'Download notebook (.ipynb)' });
  const clickAndWait = async (timeout: number) =>
    (await Promise.all([page.waitForEvent('download', { timeout }), button.click()]))[0];
  // A card above can still grow after the check above (a chart, a late notice); if the click landed
  // beside the moving button, a person clicks again, and so does this test (once).
  const download = await clickAndWait(15_000).catch(() => clickAndWait(30_000));
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
