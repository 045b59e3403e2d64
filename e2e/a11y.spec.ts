import { expect, seriousA11yViolations, signIn, test } from './fixtures';

// Every page, the account menu, the demo panel and the member dialog: titled, reachable, and without
// serious or critical axe violations in the light and the dark theme.
// One test per page, so a slow machine spends its time budget on one page's checks at a time.

test('the sign-in page is titled and passes axe in both themes', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in to the demo organization' })).toBeVisible();
  await expect(page).toHaveTitle('Sign in · Credit Console');
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('the Overview, its budgeting confirmation and the account menu pass axe in both themes', async ({
  page,
}) => {
  await signIn(page, 'demo_admin');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Allocations' })).toBeVisible();
  await expect(page).toHaveTitle('Overview · Credit Console');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Turning budgeting off asks first (a danger button).
  await page.getByRole('switch', { name: 'Credit budgeting' }).click();
  const disable = page.getByRole('dialog', { name: 'Turn off credit budgeting?' });
  await expect(disable).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(disable).toBeHidden();

  // The account menu, opened from the keyboard.
  await page.getByRole('button', { name: /^Account:/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeFocused();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
});

test('the demo panel and its reset confirmation pass axe in both themes', async ({ page }) => {
  await signIn(page, 'demo_admin');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible({ timeout: 20_000 });

  // "+30 days" is named by what it shows.
  await page.getByRole('button', { name: 'Demo' }).click();
  const panel = page.getByRole('dialog', { name: 'Demo controls' });
  await expect(panel.getByRole('button', { name: '+30 days' })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await panel.getByRole('button', { name: /^Reset/ }).click();
  const reset = page.getByRole('dialog', { name: 'Reset the demo organization?' });
  await expect(reset).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(reset).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});

test('Members, Usage and the not-found page are titled and pass axe in both themes', async ({ page }) => {
  await signIn(page, 'demo_admin');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible({ timeout: 20_000 });
  const nav = page.getByRole('navigation', { name: 'Main' });

  await nav.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('table', { name: 'Members' })).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveTitle('Members · Credit Console');
  expect(await seriousA11yViolations(page)).toEqual([]);

  await nav.getByRole('link', { name: 'Usage' }).click();
  await expect(page.getByRole('img', { name: /Last 30 days/ })).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveTitle('Usage · Credit Console');
  expect(await seriousA11yViolations(page)).toEqual([]);

  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveTitle('Page not found · Credit Console');
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('a member opened from Usage’s top consumers hands focus to the page, not the body, on close', async ({
  page,
}) => {
  await signIn(page, 'demo_admin');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Usage' })
    .click({ timeout: 20_000 });
  const top = page.getByRole('region', { name: 'Top consumers' });
  const link = top.getByRole('table').getByRole('link').last();
  await expect(link).toBeVisible({ timeout: 20_000 });
  await link.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // Focus goes back to the page: its heading, or that member's row when the table has it on screen
  // (whether it does depends on how far the member list had loaded when the dialog opened).
  await expect
    .poll(() =>
      page.evaluate(() => {
        const active = document.activeElement;
        if (!active || active === document.body) return 'the body';
        if (active.matches('h1')) return `heading ${active.textContent}`;
        return active.closest('[role="table"]') && active.matches('button')
          ? 'a member row'
          : `${active.tagName} ${active.textContent}`;
      }),
    )
    .toMatch(/^heading Members$|^a member row$/);
});

test('on a phone the member column stays in view and the presentation balance fits its card', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // A long negative balance, the widest figure the headline shows.
  await page.route(/\/portal\/sharing\/rest\/portals\/self$/, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...body, availableCredits: -1_234_567.891 } });
  });
  await signIn(page, 'demo_admin');
  const headline = page.getByRole('region', { name: 'Available credits' });
  await expect(headline).toBeVisible({ timeout: 20_000 });
  await page.getByRole('switch', { name: 'Presentation mode' }).click();
  await expect(page.getByRole('switch', { name: 'Presentation mode' })).toBeChecked();
  // No box in the card is wider than its content allows (text overflowing a box widens its scroll width).
  const fits = await headline.evaluate((card) =>
    [card, ...card.querySelectorAll('*')].every(
      (el) => el.clientWidth === 0 || el.scrollWidth <= el.clientWidth + 1,
    ),
  );
  expect(fits).toBe(true);

  await page.goto('/members');
  const table = page.getByRole('table', { name: 'Members' });
  await expect(table).toBeVisible({ timeout: 20_000 });
  await table
    .getByRole('rowgroup')
    .nth(1)
    .evaluate((body) => {
      body.scrollLeft = body.scrollWidth;
    });
  const firstMember = table.getByRole('rowgroup').nth(1).getByRole('row').first().getByRole('button');
  const box = await firstMember.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x).toBeLessThan(120);
});

test('the change pipeline passes axe: preview, run status with failures, import problems and the Journal', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // One member the portal refuses, so the run lists members not updated.
  await page.route(/\/portal\/sharing\/rest\/portals\/self\/unassignUserCredits$/, (route) =>
    route.fulfill({ json: { error: { code: 400, message: 'Unable to update this member.' } } }),
  );
  await signIn(page, 'demo_admin');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible({ timeout: 20_000 });
  await page.goto('/members?q=demo_member');
  const table = page.getByRole('table', { name: 'Members' });
  await expect(table).toBeVisible({ timeout: 20_000 });
  await table.getByRole('checkbox', { name: 'Select demo_member' }).check();
  await page.getByRole('button', { name: 'Remove limit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove limit for 1 member' });
  await expect(dialog.getByRole('list', { name: 'Members and their new allocation' })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  await dialog.getByRole('button', { name: 'Apply to 1 member' }).click();
  await expect(dialog.getByRole('region', { name: 'Members not updated' })).toBeVisible({ timeout: 20_000 });
  await expect(dialog.getByRole('progressbar', { name: 'Applying allocations' })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Remove limit' })).toBeFocused();

  // The import problem list: a scroll area reachable by keyboard.
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const importer = page.getByRole('dialog', { name: 'Import allocations' });
  const rows = ['username,credits', ...Array.from({ length: 40 }, (_, i) => `nobody_${i},10`)];
  await importer.getByLabel('CSV file').setInputFiles({
    name: 'allocations.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(rows.join('\n')),
  });
  await expect(importer.getByRole('region', { name: 'Problems by line' })).toBeVisible({ timeout: 20_000 });
  expect(await seriousA11yViolations(page)).toEqual([]);
  await importer.getByRole('button', { name: 'Cancel' }).click();
  await expect(importer).toBeHidden();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
  await expect(page.getByRole('list', { name: 'Journal' })).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveTitle(/Journal · Credit Console/);
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('at 1024×768 the member dialog keeps Save and Cancel in view under its warnings, and has a close button', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  // A small balance, so raising an allocation warns about over-allocation.
  await page.route(/\/portal\/sharing\/rest\/portals\/self$/, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...body, availableCredits: 100 } });
  });
  await signIn(page, 'demo_admin');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible({ timeout: 20_000 });
  await page.goto('/members?member=demo_member');
  const dialog = page.getByRole('dialog', { name: 'Sam Patel' });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  const field = dialog.getByLabel('Allocation');
  // Below the notebook minimum: the first warning; Save and Cancel stay in view.
  await field.fill('29');
  await expect(dialog.getByText(/can’t start ArcGIS Notebooks/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Save allocation' })).toBeInViewport({ ratio: 1 });
  // More than before against a balance of 100: the over-allocation warning.
  await field.fill('400');
  await expect(dialog.getByText(/already over-allocated/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Save allocation' })).toBeInViewport({ ratio: 1 });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeInViewport({ ratio: 1 });
  expect(await seriousA11yViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
