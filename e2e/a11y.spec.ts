import { expect, seriousA11yViolations, signIn, test } from './fixtures';

// Every page, the account menu, the demo panel and the member dialog: titled, reachable, and without
// serious or critical axe violations in the light and the dark theme.

test('every page is titled and passes axe in both themes, with the account menu open too', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in to the demo organization' })).toBeVisible();
  await expect(page).toHaveTitle('Sign in · Credit Console');
  expect(await seriousA11yViolations(page)).toEqual([]);

  await signIn(page, 'demo_admin');
  const nav = page.getByRole('navigation', { name: 'Main' });
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

  // The demo panel: "+30 days" is named by what it shows.
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
  await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeFocused();
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
