import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, seriousA11yViolations, signIn, test } from './fixtures';

/**
 * The what-if sandbox and the money lens, end to end. What Apply changes is read back from the
 * PORTAL through its REST API, never from the console's screen.
 */

const REST = '/portal/sharing/rest';

async function adminToken(request: APIRequestContext): Promise<string> {
  const response = await request.post(`${REST}/generateToken`, {
    form: { username: 'demo_admin', password: DEMO_PASSWORD, client: 'requestip', f: 'json' },
  });
  const body = (await response.json()) as { token?: string };
  if (!body.token) throw new Error('no token');
  return body.token;
}

interface PortalMember {
  username: string;
  fullName: string;
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

async function portalDefault(request: APIRequestContext): Promise<number> {
  const token = await adminToken(request);
  const response = await request.post(`${REST}/portals/self`, { form: { f: 'json', token } });
  return ((await response.json()) as { defaultUserCreditAssignment: number }).defaultUserCreditAssignment;
}

/** A member who is not a Creator, to give their own cap. */
function aViewer(members: readonly PortalMember[]): PortalMember {
  const viewer = members.find((m) => m.userLicenseTypeId === 'viewerUT' && m.assignedCredits !== 3);
  if (!viewer) throw new Error('the demo org has no Viewer');
  return viewer;
}

async function openOverview(page: Page) {
  await signIn(page, 'demo_admin');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible({ timeout: 30_000 });
}

/** Opens the sandbox and waits for its figures. */
async function openWhatIf(page: Page) {
  await page.getByRole('button', { name: 'Try a what-if' }).click();
  await expect(page.getByRole('region', { name: 'What-if sandbox' })).toBeVisible();
  const panel = page.getByRole('region', { name: 'What-if', exact: true });
  await expect(panel.getByText(/^Run-out:/)).toBeVisible({ timeout: 60_000 });
  return panel;
}

function whatIfCell(page: Page, figure: string) {
  return page
    .getByRole('table', { name: 'Today’s figures beside the what-if’s' })
    .getByRole('row', { name: new RegExp(`^${figure}`) })
    .getByRole('cell')
    .nth(1);
}

function todayCell(page: Page, figure: string) {
  return page
    .getByRole('table', { name: 'Today’s figures beside the what-if’s' })
    .getByRole('row', { name: new RegExp(`^${figure}`) })
    .getByRole('cell')
    .first();
}

test('what if Creators get 500: the figures move, Apply makes it real through one previewed run, Discard leaves nothing', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const before = await portalMembers(page.request);
  const creators = before.filter((m) => m.userLicenseTypeId === 'creatorUT');
  // A member who is not a Creator gets their own cap.
  const other = aViewer(before);

  await openOverview(page);
  const panel = await openWhatIf(page);
  const headline = panel.getByText(/^Run-out:/);
  const todayAllocated = await todayCell(page, 'Allocated').textContent();
  await expect(whatIfCell(page, 'Allocated')).toHaveText(todayAllocated ?? '');
  const headlineBefore = await headline.textContent();

  await panel.getByLabel(/^Creator \(/).fill('500');
  await expect(whatIfCell(page, 'Allocated')).not.toHaveText(todayAllocated ?? '');
  await expect(todayCell(page, 'Allocated')).toHaveText(todayAllocated ?? '');
  await expect(headline).not.toHaveText(headlineBefore ?? '');
  await expect(panel.getByRole('table', { name: /^Members the what-if changes/ })).toBeVisible();

  // A typo says what to fix and leaves the figures as they were.
  await panel.getByLabel(/^Viewer \(/).fill('1,5');
  await expect(panel.getByRole('alert')).toContainText('Enter a number of credits');
  await panel.getByLabel(/^Viewer \(/).fill('');

  await panel.getByLabel('Find a member').fill(other.fullName);
  await panel.getByRole('button', { name: `Add ${other.fullName}` }).click();
  await panel.getByLabel(`Cap for ${other.fullName}`).fill('3');

  // The band is announced and both themes pass axe with the sandbox open.
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The sandbox survives a reload, and the portal has not changed.
  await page.reload();
  await expect(page.getByRole('region', { name: 'What-if sandbox' })).toBeVisible();
  await expect(panel.getByLabel(/^Creator \(/)).toHaveValue('500', { timeout: 60_000 });
  await expect(panel.getByLabel(`Cap for ${other.fullName}`)).toHaveValue('3');
  expect((await portalMembers(page.request)).map((m) => m.assignedCredits)).toEqual(
    before.map((m) => m.assignedCredits),
  );

  // A file that is not a what-if gets a clear message where the admin is looking.
  const chooser = page.waitForEvent('filechooser');
  await panel.getByRole('button', { name: 'Open a what-if file…' }).click();
  await (
    await chooser
  ).setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"a":1}') });
  await expect(panel.getByRole('alert')).toContainText('“notes.json”: This what-if file can’t be used');
  await expect(panel.getByLabel(/^Creator \(/)).toHaveValue('500');

  await panel.getByRole('button', { name: 'Apply…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply the what-if' });
  await expect(dialog.getByRole('list', { name: 'Changes to apply' })).toBeVisible();
  await dialog.getByRole('button', { name: /^Apply to [\d,]+ members?$/ }).click();
  await expect(dialog.getByText(/members? updated\./)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('region', { name: 'What-if sandbox' })).toBeHidden();
  await dialog.getByRole('button', { name: 'Close' }).first().click();

  const after = await portalMembers(page.request);
  const afterByName = new Map(after.map((m) => [m.username, m.assignedCredits]));
  for (const c of creators) {
    expect.soft(afterByName.get(c.username), c.username).toBe(500);
  }
  expect(afterByName.get(other.username)).toBe(3);
  const untouched = after.filter((m) => m.userLicenseTypeId !== 'creatorUT' && m.username !== other.username);
  const beforeByName = new Map(before.map((m) => [m.username, m.assignedCredits]));
  expect(untouched.filter((m) => beforeByName.get(m.username) !== m.assignedCredits)).toEqual([]);

  // Discard leaves nothing behind: not on screen, not after a reload, not in the portal.
  const defaultBefore = await portalDefault(page.request);
  const again = await openWhatIf(page);
  await again.getByLabel('Default allocation in the what-if').fill('80');
  await expect(whatIfCell(page, 'Allocated')).not.toHaveText(
    (await todayCell(page, 'Allocated').textContent()) ?? '',
  );
  await again.getByRole('button', { name: 'Discard' }).click();
  await page.getByRole('button', { name: 'Discard the what-if' }).click();
  await expect(page.getByRole('region', { name: 'What-if sandbox' })).toBeHidden();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Try a what-if' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'What-if sandbox' })).toBeHidden();
  expect(await portalDefault(page.request)).toBe(defaultBefore);
});

test('the handout with the money lens on: money beside credits, the what-if, names masked', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openOverview(page);
  await page.getByRole('switch', { name: 'Show money' }).click();
  const priceDialog = page.getByRole('dialog', { name: 'Price per credit' });
  await priceDialog.getByLabel('Price of one credit').fill('0');
  await priceDialog.getByLabel('Currency (three-letter code)').fill('usd');
  await priceDialog.getByRole('button', { name: 'Save price' }).click();
  await expect(priceDialog.getByRole('alert')).toHaveText('The price per credit must be more than 0.');
  await priceDialog.getByLabel('Price of one credit').fill('0.1');
  await priceDialog.getByRole('button', { name: 'Save price' }).click();
  await expect(priceDialog).toBeHidden();
  await expect(page.getByRole('switch', { name: 'Show money' })).toBeChecked();

  const credits = page.getByRole('region', { name: 'Available credits' });
  await expect(credits.getByText(/^Worth \$[\d,]+\.\d\d$/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Burn rate and forecast' })).toContainText(
    /credits a day \(\$[\d,.]+ a day\)/,
  );

  await page.getByRole('switch', { name: 'Presentation mode' }).click();
  const panel = await openWhatIf(page);
  await panel.getByLabel(/^Creator \(/).fill('500');
  const changed = panel.getByRole('table', { name: /^Members the what-if changes/ });
  await expect(changed).toBeVisible();
  await expect(changed.getByRole('rowheader').first()).toHaveText(/^Member \d{4}$/);
  await expect(whatIfCell(page, 'Allocated')).toContainText(/\(\$[\d,]+\.\d\d\)/);

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Try a what-if' })).toBeHidden();
  await expect(panel).toBeVisible();
  await expect(panel.getByText(/^Run-out:/)).toBeVisible();
  await expect(panel.getByText('Creator: 500')).toBeVisible();
  await expect(credits.getByText(/^Worth \$/)).toBeVisible();
  await expect(page.getByText(/^Money at \$0\.10 a credit/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Budgeting' })).toContainText(/Credit budgeting\s*On/);
  await expect(page.getByRole('region', { name: 'New members' })).toContainText('Current default');
  // No real name anywhere on the page: the signed-in admin's name is masked as well.
  await expect(page.getByText('Dana Reyes')).toHaveCount(0);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.length).toBeGreaterThan(0);
  await page.emulateMedia({ media: 'screen' });
});
