import type { APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, expect, signIn, test } from './fixtures';

/**
 * Notify members, end to end: from the Overview's at-risk members to the portal's record of what
 * was sent, read through the portal (with the administrator's own token), not the console's screen.
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

interface Sent {
  channel: string;
  subject: string;
  message: string;
  users: string[];
}

/** What the demo org recorded, newest first. */
async function portalNotifications(request: APIRequestContext): Promise<Sent[]> {
  const token = await adminToken(request);
  const response = await request.post('/portal/__demo/notifications', {
    form: { num: '100', f: 'json', token },
  });
  return ((await response.json()) as { notifications: Sent[] }).notifications;
}

test('notify the at-risk members: a previewed, per-member message the portal records', async ({ page }) => {
  await signIn(page, 'demo_admin');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible({ timeout: 30_000 });
  const atRisk = page.getByRole('region', { name: 'Allocations' }).getByRole('link', { name: /at risk$/ });
  await expect(atRisk).toBeVisible({ timeout: 30_000 });
  await atRisk.click();

  await expect(page.getByRole('table', { name: 'Members' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: /^Select all [\d,]+ matching$/ }).click();
  await page.getByRole('button', { name: 'Notify…' }).click();

  const dialog = page.getByRole('dialog', { name: /^Notify [\d,]+ members?$/ });
  await expect(dialog).toBeVisible();
  const count = Number(
    ((await dialog.getByRole('heading', { level: 2 }).textContent()) ?? '').replace(/\D/g, ''),
  );
  expect(count).toBeGreaterThan(0);
  await expect(dialog.getByLabel('Template')).toHaveValue('at-risk');
  const preview = dialog.getByRole('region', { name: /^Preview for member 1 of/ });
  await expect(preview).toContainText(/You have used \d+(\.\d)?% of your ArcGIS Online credits/);
  await dialog.getByRole('button', { name: 'Next member' }).click();
  await expect(dialog.getByRole('region', { name: /^Preview for member 2 of/ })).toBeVisible();

  // One text for everyone (no per-member figures): members share requests, 25 at most each.
  await dialog.getByLabel('Template').selectOption('custom');
  await dialog.getByLabel('Subject').fill('Your ArcGIS Online credits are running low');
  await dialog
    .getByLabel('Message')
    .fill('Hello, you have used most of your ArcGIS Online credits this month.');
  await expect(dialog.getByRole('region', { name: /^Preview for member 2 of/ })).toContainText(
    'Your ArcGIS Online credits are running low',
  );
  await dialog.getByRole('button', { name: /^Send to [\d,]+ members?$/ }).click();
  await expect(dialog.getByRole('status')).toHaveText(
    new RegExp(`^Sent to ${count.toLocaleString('en-US')} members?\\.`),
    { timeout: 60_000 },
  );

  // The portal's record: every selected member exactly once, as built-in notifications of ≤ 25 members.
  const sent = await portalNotifications(page.request);
  const recipients = sent.flatMap((n) => n.users);
  expect(new Set(recipients).size).toBe(count);
  expect(recipients).toHaveLength(count);
  expect(sent).toHaveLength(Math.ceil(count / 25));
  for (const n of sent) {
    expect(n.channel).toBe('builtin');
    expect(n.users.length).toBeLessThanOrEqual(25);
    expect(n.subject).toBe('Your ArcGIS Online credits are running low');
  }

  // The Demo panel lists them.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: /^Demo\b/ }).click();
  const panel = page.getByRole('dialog', { name: 'Demo controls' });
  await expect(
    panel.getByRole('list', { name: 'Last notifications' }).getByRole('listitem').first(),
  ).toContainText('ArcGIS Online notification');
});

/** Usernames of the org's members of one user type, read from the portal. */
async function membersOfType(request: APIRequestContext, userType: string): Promise<string[]> {
  const token = await adminToken(request);
  const out: string[] = [];
  for (let start = 1; start > 0;) {
    const response = await request.post(`${REST}/portals/self/users`, {
      form: { start: String(start), num: '100', f: 'json', token },
    });
    const page = (await response.json()) as {
      users: { username: string; userLicenseTypeId: string }[];
      nextStart: number;
    };
    out.push(...page.users.filter((u) => u.userLicenseTypeId === userType).map((u) => u.username));
    start = page.nextStart;
  }
  return out;
}

test('notify the members a policy rule decides, from the Policies page', async ({ page }) => {
  await signIn(page, 'demo_admin');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policies' }).click();
  await expect(page.getByRole('heading', { name: 'Rules' })).toBeVisible({ timeout: 30_000 });

  await page.getByRole('button', { name: 'Add rule' }).click();
  const ruleDialog = page.getByRole('dialog', { name: 'Add a rule' });
  await ruleDialog.getByRole('combobox', { name: 'User type' }).selectOption({ label: 'Viewer' });
  await ruleDialog.getByLabel('Allocation (credits)').fill('0');
  await ruleDialog.getByRole('button', { name: 'Save rule' }).click();
  await expect(ruleDialog).toBeHidden({ timeout: 30_000 });

  const viewers = await membersOfType(page.request, 'viewerUT');
  expect(viewers.length).toBeGreaterThan(0);
  const notify = page.getByRole('button', {
    name: `Notify the ${viewers.length.toLocaleString('en-US')} members User type: Viewer decides`,
  });
  await expect(notify).toHaveText(`Notify ${viewers.length.toLocaleString('en-US')} members`, {
    timeout: 30_000,
  });
  await notify.click();

  const dialog = page.getByRole('dialog', {
    name: `Notify ${viewers.length.toLocaleString('en-US')} members`,
  });
  await expect(dialog.getByRole('region', { name: /^Preview for member 1 of/ })).toBeVisible();
  await dialog.getByLabel('Template').selectOption('custom');
  await dialog.getByLabel('Subject').fill('Viewer accounts get no credits from now on');
  await dialog
    .getByLabel('Message')
    .fill('Hello, Viewer accounts in this organization have no credit allocation.');
  await dialog.getByRole('button', { name: /^Send to [\d,]+ members?$/ }).click();
  await expect(dialog.getByRole('status')).toHaveText(/^Sent to [\d,]+ members?\./, { timeout: 60_000 });

  // The portal's record: exactly the rule's members, each once.
  const sent = await portalNotifications(page.request);
  const recipients = sent.flatMap((n) => n.users);
  expect([...recipients].sort()).toEqual([...viewers].sort());
  expect(sent.every((n) => n.subject === 'Viewer accounts get no credits from now on')).toBe(true);
});
