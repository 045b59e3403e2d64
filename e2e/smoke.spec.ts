import { expect, test } from './fixtures';

test('the server started as `npm start` does serves the console and the portal over HTTPS', async ({
  page,
}) => {
  const response = await page.goto('/');
  expect(response?.url()).toMatch(/^https:\/\/localhost:\d+\/$/);
  await expect(page.getByRole('heading', { name: 'Credit Console' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in to the demo organization' })).toBeVisible();

  const info = await page.request.get('/portal/sharing/rest/info?f=json');
  expect(await info.json()).toMatchObject({ authInfo: { isTokenBasedSecurity: true } });

  // A client route survives a reload (the server answers unknown paths with the app).
  await page.goto('/members?q=smith');
  await expect(page.getByRole('heading', { name: 'Credit Console' })).toBeVisible();
});
