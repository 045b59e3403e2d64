import type { Page, Request } from '@playwright/test';
import { DEMO_PASSWORD, expect, seriousA11yViolations, signIn, test } from './fixtures';

test('an administrator signs in, stays signed in across a reload, and signs out', async ({ page }) => {
  await page.goto('/');
  expect(await seriousA11yViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Sign in to the demo organization' }).click();
  await expect(page.getByRole('heading', { name: /Sign in to/ })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByLabel('Username').fill('demo_admin');
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign In' }).click();

  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  // After sign-in the address bar holds no code, state or token.
  const url = new URL(page.url());
  expect(url.search).toBe('');
  expect(url.hash).toBe('');
  expect(await seriousA11yViolations(page)).toEqual([]);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in to the demo organization' })).toBeHidden();

  await page.getByRole('link', { name: 'Members' }).click();
  await expect(page).toHaveURL(/\/members$/);
  // The member list and the organization are kept in this browser for the next visit (no token)…
  await expect.poll(() => keptMemberRecords(page), { timeout: 30_000 }).toBeGreaterThan(0);
  const keptOrg = await keptOrganization(page);
  expect(keptOrg).toContain('"username":"demo_admin"');
  const storedSession = await page.evaluate(() => window.sessionStorage.getItem('esriJSAPIOAuth') ?? '');
  const refreshToken = /"refreshToken":"([^"]+)"/.exec(storedSession)?.[1];
  expect(refreshToken).toBeTruthy();
  expect(keptOrg).not.toContain(refreshToken);
  expect(keptOrg).not.toMatch(/"(access_|refresh_)?token"\s*:/i);

  await page.getByRole('button', { name: /^Account:/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  // …and signing out forgets them.
  await expect.poll(() => keptMemberRecords(page)).toBe(0);
  expect(await keptOrganization(page)).toBeNull();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in to the demo organization' })).toBeVisible();
});

test('the custom credit-manager role passes the gate; a member without the privilege is told why', async ({
  page,
}) => {
  await signIn(page, 'demo_credits');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.getByRole('button', { name: /^Account:/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();

  await signIn(page, 'demo_member');
  await expect(
    page.getByRole('heading', { name: "You can't manage credits in this organization" }),
  ).toBeVisible();
  await expect(page.getByText(/Signed in as .*demo_member/)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
});

test('a cancelled sign-in and a tampered code each end on the sign-in screen with a clear message', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in to the demo organization' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sign-in was cancelled' })).toHaveText(
    'Sign-in was cancelled. Sign in to continue.',
  );
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(new URL(page.url()).search).toBe('');

  // Catch the portal's redirect back to the console, then return with a code that was tampered with.
  let returned = '';
  await page.route('**/sharing/oauth2/authorize*', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const response = await route.fetch({ maxRedirects: 0 });
    returned = response.headers()['location'] ?? '';
    await route.fulfill({ status: 200, contentType: 'text/plain', body: 'redirect captured' });
  });
  await page.getByRole('button', { name: 'Sign in to the demo organization' }).click();
  await page.getByLabel('Username').fill('demo_admin');
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign In' }).click();
  await expect.poll(() => returned).toContain('code=');
  await page.unrouteAll();
  const tampered = new URL(returned);
  tampered.searchParams.set('code', `${tampered.searchParams.get('code')}x`);
  await page.goto(tampered.toString());
  await expect(page.getByRole('alert')).toContainText('The sign-in could not be completed');
  await expect(page.getByRole('button', { name: 'Sign in to the demo organization' })).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
});

test('a wrong portal address on the sign-in screen is refused where it was typed', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in to another ArcGIS organization' }).click();
  await page.getByLabel('Portal URL').fill('http://example.invalid');
  await page.getByLabel('App ID').fill('abc123');
  await page.getByRole('button', { name: 'Continue to sign in' }).click();
  await expect(page.getByText(/must start with https/)).toBeVisible();
  await expect(page.getByLabel('App ID')).toHaveValue('abc123');
});

test('"Keep me signed in" keeps the session in a new tab, with no access token stored', async ({
  page,
  context,
}) => {
  // Without it, the session lives in this tab only.
  await signIn(page, 'demo_admin');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const otherTab = await context.newPage();
  await otherTab.goto('/');
  await expect(otherTab.getByRole('button', { name: 'Sign in to the demo organization' })).toBeVisible();
  await otherTab.close();
  await page.getByRole('button', { name: /^Account:/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();

  await signIn(page, 'demo_admin', { staySignedIn: true });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const stored = await page.evaluate(() => window.localStorage.getItem('esriJSAPIOAuth') ?? '');
  expect(stored).toContain('refreshToken');
  expect(stored).not.toMatch(/"token":"[^"]/);
  const newTab = await context.newPage();
  await newTab.goto('/usage');
  await expect(newTab.getByRole('heading', { name: 'Usage', level: 1 })).toBeVisible();
});

test('when the session ends for good, signing in again in a popup keeps the page and what was typed', async ({
  page,
}) => {
  const inFlight = new Set<Request>();
  page.on('request', (request) => inFlight.add(request));
  page.on('requestfinished', (request) => inFlight.delete(request));
  page.on('requestfailed', (request) => inFlight.delete(request));
  await signIn(page, 'demo_admin');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  const field = page.getByLabel('Default allocation for new members');
  await field.fill('77');
  await expect(field).toHaveValue('77');
  // Let the page's own loading finish first, so that Save is what meets the ended session.
  await expect.poll(() => inFlight.size, { timeout: 20_000 }).toBe(0);

  // The portal ends every session (refresh tokens too): the silent refresh fails.
  const ended = await page.request.post('/portal/__test/expire-tokens?sessions=1');
  expect(ended.ok()).toBeTruthy();
  // Saving needs the server; a background refresh may get there first (the dialog then covers the
  // page and hides it from the accessibility tree, so the button is found by its text here).
  await page.locator('button', { hasText: 'Save default' }).dispatchEvent('click');
  const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
  await expect(dialog).toBeVisible();
  await expect(field).toHaveValue('77');
  expect(await seriousA11yViolations(page)).toEqual([]);

  const popupPromise = page.waitForEvent('popup');
  await dialog.getByRole('button', { name: 'Sign in again' }).click();
  const popup = await popupPromise;
  await popup.getByLabel('Username').fill('demo_admin');
  await popup.getByLabel('Password').fill('demo1234');
  await popup.getByRole('button', { name: 'Sign In' }).click();

  await expect(dialog).toBeHidden();
  await expect(field).toHaveValue('77');
  await page.getByRole('button', { name: 'Save default' }).click();
  await expect(page.getByText(/77 credits/).first()).toBeVisible();
});

test('a reload shows the console before the portal has confirmed the session; a session the portal ended ends on the sign-in screen', async ({
  page,
}) => {
  await signIn(page, 'demo_admin');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect.poll(() => keptOrganization(page)).toContain('demo_admin');

  // The portal is slow to confirm the stored session: the console is on screen meanwhile.
  let confirm!: () => void;
  const confirmed = new Promise<void>((resolve) => (confirm = resolve));
  const tokenRequests: Request[] = [];
  await page.route('**/sharing/rest/oauth2/token', async (route) => {
    tokenRequests.push(route.request());
    await confirmed;
    await route.continue();
  });
  await page.reload();
  await expect(page.getByRole('button', { name: /^Account:/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  // The confirmation is asked for (perhaps only after the console shows) and held: the console stays.
  await expect.poll(() => tokenRequests.length).toBeGreaterThan(0);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Account:/ })).toBeVisible();
  confirm();
  await page.unrouteAll({ behavior: 'wait' });
  // Once confirmed the console works as ever: the portal's own default allocation can be changed.
  const field = page.getByLabel('Default allocation for new members');
  await field.fill('55');
  await page.getByRole('button', { name: 'Save default' }).click();
  await expect.poll(() => portalDefaultAllocation(page)).toBe(55);

  // The portal ends every session, refresh tokens too; the next reload finds out.
  const ended = await page.request.post('/portal/__test/expire-tokens?sessions=1');
  expect(ended.ok()).toBeTruthy();
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Your session has ended' })).toHaveText(
    'Your session has ended. Sign in again to continue.',
  );
  await expect(page.getByRole('button', { name: 'Sign in to the demo organization' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

/** The default allocation as the portal has it (asked with a token of its own, in a POST body). */
async function portalDefaultAllocation(page: Page): Promise<number | undefined> {
  const REST = '/portal/sharing/rest';
  const tokenResponse = await page.request.post(`${REST}/generateToken`, {
    form: { username: 'demo_admin', password: DEMO_PASSWORD, client: 'requestip', f: 'json' },
  });
  const { token } = (await tokenResponse.json()) as { token: string };
  const self = await page.request.post(`${REST}/portals/self`, { form: { f: 'json', token } });
  return ((await self.json()) as { defaultUserCreditAssignment?: number }).defaultUserCreditAssignment;
}

/** The organization kept in this browser for the next visit (its stored text), or null. */
function keptOrganization(page: Page): Promise<string | null> {
  return page.evaluate(() => window.localStorage.getItem('creditConsole.portalSelf'));
}

/** Records of every store in the browser's kept member list (whatever its layout). */
function keptMemberRecords(page: Page): Promise<number> {
  return page.evaluate(async () => {
    // Never open (and so create) the database before the console has: that would skip its set-up.
    const known = await indexedDB.databases();
    if (!known.some((d) => d.name === 'credit-console-members')) return 0;
    return new Promise<number>((resolve, reject) => {
      const open = indexedDB.open('credit-console-members');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const names = [...db.objectStoreNames];
        if (names.length === 0) {
          db.close();
          resolve(0);
          return;
        }
        const tx = db.transaction(names, 'readonly');
        let total = 0;
        for (const name of names) {
          const count = tx.objectStore(name).count();
          count.onsuccess = () => (total += count.result);
        }
        tx.oncomplete = () => {
          db.close();
          resolve(total);
        };
        tx.onerror = () => reject(tx.error);
      };
    });
  });
}
