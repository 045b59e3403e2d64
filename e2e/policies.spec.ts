import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, signIn, test } from './fixtures';

/**
 * Allocation policies end to end: a rule for a user type, the Source column and drift, "Apply
 * policies" through the change pipeline, undo, and two administrators editing at once. What the
 * org holds is read from the PORTAL through REST (the members' allocations, the policy item's data).
 */

const REST = '/portal/sharing/rest';

const tokens = new WeakMap<APIRequestContext, string>();

/** One token per test's request context (the portal is reset, and its tokens with it, per test). */
async function adminToken(request: APIRequestContext): Promise<string> {
  const known = tokens.get(request);
  if (known) return known;
  const response = await request.post(`${REST}/generateToken`, {
    form: { username: 'demo_admin', password: DEMO_PASSWORD, client: 'requestip', f: 'json' },
  });
  const body = (await response.json()) as { token?: string };
  if (!body.token) throw new Error('no token');
  tokens.set(request, body.token);
  return body.token;
}

interface PortalMember {
  username: string;
  userLicenseTypeId: string;
  assignedCredits: number;
}

async function portalMembers(request: APIRequestContext): Promise<PortalMember[]> {
  const token = await adminToken(request);
  const out: PortalMember[] = [];
  for (let start = 1; start > 0;) {
    const response = await request.post(`${REST}/portals/self/users`, {
      form: { start: String(start), num: '100', f: 'json', token },
    });
    const page = (await response.json()) as { users: PortalMember[]; nextStart: number };
    out.push(...page.users);
    start = page.nextStart;
  }
  return out;
}

interface StoredRule {
  target: { kind: string; userTypeId?: string };
  allocation: { kind: string; credits?: number };
  deleted?: boolean;
}

/** The policy rules in the org's policy item, as the portal stores them. */
async function storedRules(request: APIRequestContext): Promise<StoredRule[]> {
  const token = await adminToken(request);
  const search = await request.post(`${REST}/search`, {
    form: { q: 'type:"Application" AND tags:"credit-console-policies"', num: '10', f: 'json', token },
  });
  const { results } = (await search.json()) as { results: { id: string }[] };
  expect(results).toHaveLength(1);
  const data = await request.post(`${REST}/content/items/${results[0]!.id}/data`, {
    form: { f: 'json', token },
  });
  const doc = (await data.json()) as { rules: StoredRule[] };
  return doc.rules.filter((r) => !r.deleted);
}

async function openPolicies(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policies' }).click();
  await expect(page.getByRole('heading', { name: 'Rules' })).toBeVisible({ timeout: 30_000 });
}

async function addUserTypeRule(page: Page, userType: string, credits: string) {
  await page.getByRole('button', { name: 'Add rule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a rule' });
  await dialog.getByRole('combobox', { name: 'User type' }).selectOption({ label: userType });
  await dialog.getByLabel('Allocation (credits)').fill(credits);
  await dialog.getByRole('button', { name: 'Save rule' }).click();
  await expect(dialog).toBeHidden();
}

test('a user type policy: source, drift, apply through the pipeline, undo', async ({ page }) => {
  test.setTimeout(180_000);
  const before = await portalMembers(page.request);
  const creators = before.filter((m) => m.userLicenseTypeId === 'creatorUT');
  expect(creators.some((m) => m.assignedCredits !== 500)).toBe(true);

  await signIn(page, 'demo_admin');
  await openPolicies(page);
  await addUserTypeRule(page, 'Creator', '500');
  await expect(page.getByRole('row', { name: /User type: Creator/ })).toContainText('500');
  expect((await storedRules(page.request)).map((r) => [r.target.userTypeId, r.allocation.credits])).toEqual([
    ['creatorUT', 500],
  ]);

  // Members: the Source column names the policy or says the member differs.
  await page.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('table', { name: 'Members' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('combobox', { name: 'User type' }).selectOption({ label: 'Creator' });
  await page
    .getByRole('combobox', { name: 'Limit source' })
    .selectOption({ label: 'Manual — differs from policy' });
  await expect(page.getByRole('cell', { name: 'Manual — differs from policy' }).first()).toBeVisible();

  // Overview: the drift count, and Apply policies through preview and runner.
  await page.getByRole('link', { name: 'Overview' }).click();
  // Members no rule covers get the org default (the lowest precedence), so they count too.
  const token = await adminToken(page.request);
  const self = (await (
    await page.request.post(`${REST}/portals/self`, { form: { f: 'json', token } })
  ).json()) as {
    defaultUserCreditAssignment: number;
  };
  const policy = new Map([['creatorUT', 500]]);
  const targetOf = (m: PortalMember) => policy.get(m.userLicenseTypeId) ?? self.defaultUserCreditAssignment;
  const drifted = before.filter((m) => m.assignedCredits !== targetOf(m)).length;
  await expect(page.getByText(/members? differs? from the/)).toContainText(drifted.toLocaleString('en-US'));
  await page.getByRole('button', { name: 'Apply policies' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply policies' });
  await dialog.getByRole('button', { name: /^Apply to [\d,]+ members?$/ }).click();
  await expect(dialog.getByText(/^[\d,]+ members? updated\.$/)).toBeVisible({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();

  const applied = await portalMembers(page.request);
  expect(
    applied.filter((m) => m.userLicenseTypeId === 'creatorUT').every((m) => m.assignedCredits === 500),
  ).toBe(true);
  await expect(page.getByText('Every member’s allocation matches the policies.')).toBeVisible({
    timeout: 30_000,
  });

  // Undo from the journal puts every creator back.
  await page.getByRole('link', { name: 'Journal' }).click();
  const entry = page.getByRole('list', { name: 'Journal' }).getByRole('listitem', { name: 'Apply policies' });
  await entry.getByRole('button', { name: 'Undo' }).click();
  const undo = page.getByRole('dialog', { name: 'Undo: Apply policies' });
  await undo.getByRole('button', { name: /^Apply to [\d,]+ members?$/ }).click();
  await expect(undo.getByText(/^[\d,]+ members? updated\.$/)).toBeVisible({ timeout: 60_000 });
  const undone = new Map((await portalMembers(page.request)).map((m) => [m.username, m.assignedCredits]));
  for (const m of before) expect(undone.get(m.username)).toBe(m.assignedCredits);
});

async function adminPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    baseURL: test.info().project.use.baseURL,
  });
  const page = await context.newPage();
  await signIn(page, 'demo_admin');
  await openPolicies(page);
  return page;
}

test('two administrators adding rules at once keep both rules', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, 'demo_admin');
  await openPolicies(page);
  // The second console opens the (empty) policies before the first one saves.
  const other = await adminPage(browser);
  await addUserTypeRule(page, 'Viewer', '0');
  await addUserTypeRule(other, 'Creator', '500');

  const rules = await storedRules(page.request);
  expect(rules.map((r) => r.target.userTypeId).sort()).toEqual(['creatorUT', 'viewerUT']);
  // Each console shows both after its own save (the other's rule merged in).
  await expect(other.getByRole('row', { name: /User type: Viewer/ })).toBeVisible();
  await other.context().close();
});
