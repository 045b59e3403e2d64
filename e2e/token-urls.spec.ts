import type { Request, Response } from '@playwright/test';
import { expect, signIn, test } from './fixtures';

/** Parameter names that would put a credential in an address. */
const SECRET_NAMES = ['token', 'access_token', 'refresh_token', 'auth_token', 'password'];

function secretParams(url: string): string[] {
  const parsed = new URL(url);
  const found: string[] = [];
  for (const part of [parsed.search.slice(1), parsed.hash.slice(1)]) {
    for (const name of new URLSearchParams(part).keys()) {
      if (SECRET_NAMES.includes(name.toLowerCase())) found.push(name);
    }
  }
  return found;
}

test('no request URL carries a token, from sign-in through a reload and every page', async ({ page }) => {
  const urls: string[] = [];
  const tokens = new Set<string>();
  const context = page.context();
  const onRequest = (request: Request) => urls.push(request.url());
  const onResponse = async (response: Response) => {
    if (!/\/oauth2\/token\/?$/.test(new URL(response.url()).pathname)) return;
    try {
      const body = (await response.json()) as Record<string, unknown>;
      for (const key of ['access_token', 'refresh_token']) {
        const value = body[key];
        if (typeof value === 'string' && value) tokens.add(value);
      }
    } catch {
      // not JSON: nothing to learn
    }
  };
  context.on('request', onRequest);
  context.on('response', onResponse);

  await signIn(page, 'demo_admin');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
  await expect(page.getByRole('table').first()).toBeVisible();
  await page.waitForLoadState('networkidle');

  await nav.getByRole('link', { name: 'Usage' }).click();
  await expect(page.getByRole('heading', { name: 'Usage', level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');

  await nav.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');

  context.off('request', onRequest);
  context.off('response', onResponse);

  // The journey did sign in with tokens and talk to the portal.
  expect(tokens.size).toBeGreaterThan(0);
  expect(urls.some((u) => u.includes('/portal/sharing/rest/'))).toBe(true);
  // @arcgis/core's sign-in check ran (and now sends its token in a header).
  expect(urls.some((u) => /\/portal\/sharing\/rest\/?\?/.test(u))).toBe(true);

  const withSecretNames = urls.filter((u) => secretParams(u).length > 0);
  expect(withSecretNames).toEqual([]);
  const withTokens = urls.filter((u) => [...tokens].some((t) => u.includes(t)));
  expect(withTokens).toEqual([]);
});
