import { expect, test } from './fixtures';

test('a refused App ID can be corrected: the console says so and does not offer the bad ID again', async ({
  page,
}) => {
  const portalUrl = new URL('/portal', test.info().project.use.baseURL).toString();
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in to another ArcGIS organization' }).click();
  await page.getByLabel('Portal URL').fill(portalUrl);
  await page.getByLabel('App ID').fill('not-a-registered-app');
  await page.getByRole('button', { name: 'Continue to sign in' }).click();
  // The portal's own page refuses the unknown App ID; the administrator goes back.
  await page.waitForURL(/\/portal\/sharing\/oauth2\/authorize/);
  await page.goBack();
  await expect(page.getByRole('alert')).toContainText('did not complete');
  await expect(page.getByRole('alert')).toContainText('check the App ID');
  await expect(page.getByLabel('Portal URL')).toHaveValue(portalUrl);
  await expect(page.getByLabel('App ID')).toHaveValue('');

  // A later visit offers the built-in organization, not the refused one.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in to the demo organization' })).toBeVisible();
  expect(await page.evaluate(() => window.localStorage.getItem('creditConsole.portal'))).toBeNull();
});
