import { expect, test as base, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const DEMO_PASSWORD = 'demo1234';

/** Starts the demo org over and clears fault rules (test-only control route). */
export async function resetPortal(page: Page): Promise<void> {
  const response = await page.request.post('/portal/__test/reset');
  expect(response.ok()).toBeTruthy();
}

/** Signs in through the demo portal's real authorize page, as a person would. */
export async function signIn(page: Page, username = 'demo_admin', options: { staySignedIn?: boolean } = {}) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in to the demo organization' }).click();
  await expect(page.getByLabel('Username')).toBeVisible();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  if (options.staySignedIn) await page.getByLabel('Keep me signed in').check();
  await page.getByRole('button', { name: 'Sign In' }).click();
}

/**
 * Axe violations of impact serious or critical on the current page, checked in the light and the dark
 * theme (the page's colour scheme is switched for the check and put back afterwards).
 */
export async function seriousA11yViolations(page: Page) {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).analyze();
    for (const v of results.violations) {
      if (v.impact === 'serious' || v.impact === 'critical')
        found.push(
          `${colorScheme}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
        );
    }
  }
  await page.emulateMedia({ colorScheme: null });
  return found;
}

export const test = base.extend<{ freshPortal: void }>({
  freshPortal: [
    async ({ page }, use) => {
      await resetPortal(page);
      await use();
    },
    { auto: true },
  ],
});

export { expect };
