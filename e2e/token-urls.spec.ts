import type { BrowserContext, Request, Response } from '@playwright/test';
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

/** The access and refresh tokens in a token endpoint's answer (nothing for other responses). */
async function tokensIn(response: Response): Promise<string[]> {
  if (!/\/oauth2\/token\/?$/.test(new URL(response.url()).pathname)) return [];
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return [body.access_token, body.refresh_token].filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
}

/** Records every request URL and token of a browser context, and how many requests are in flight. */
function recorder(context: BrowserContext) {
  const urls: string[] = [];
  const tokens = new Set<string>();
  const inFlight = new Set<Request>();
  context.on('request', (request) => {
    urls.push(request.url());
    inFlight.add(request);
  });
  context.on('requestfinished', (request) => inFlight.delete(request));
  context.on('requestfailed', (request) => inFlight.delete(request));
  context.on('response', (response) => {
    void tokensIn(response).then((found) => found.forEach((t) => tokens.add(t)));
  });
  return { urls, tokens, inFlight };
}

test('no request URL carries a token, from sign-in through a reload and every page', async ({ page }) => {
  const { urls, tokens, inFlight } = recorder(page.context());
  const settled = () => expect.poll(() => inFlight.size, { timeout: 20_000 }).toBe(0);

  await signIn(page, 'demo_admin');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await settled();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await settled();

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
  await expect(page.getByRole('table').first()).toBeVisible();
  await settled();

  await nav.getByRole('link', { name: 'Usage' }).click();
  await expect(page.getByRole('heading', { name: 'Usage', level: 1 })).toBeVisible();
  await settled();

  await nav.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await settled();

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
