/**
 * A CPU profile of a warm visit (for finding where its time goes, not a budget): signs in, loads every
 * member once so the copy is kept, then reloads /members and records the page's main-thread profile
 * until the table shows. Prints when the signed-in header and the table appeared, and the functions
 * with the most self time. Expects a running demo portal at PROFILE_ORIGIN.
 */
import { chromium } from '@playwright/test';

const origin = process.env.PROFILE_ORIGIN ?? 'https://localhost:9650';
const target = process.env.PROFILE_PATH ?? '/members';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic'],
});
try {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1400, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(`${origin}/members`);
  await page.getByRole('button', { name: 'Sign in to the demo organization' }).click();
  await page.getByLabel('Username').fill('demo_admin');
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign In' }).click();
  await page.getByRole('table', { name: 'Members' }).waitFor({ timeout: 600_000 });
  await page
    .getByRole('status')
    .filter({ hasText: /^Loaded / })
    .waitFor({ state: 'hidden', timeout: 600_000 });
  await page.waitForTimeout(Number(process.env.PROFILE_SETTLE_MS ?? 15_000));
  await page.goto(`${origin}/journal`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const started = Date.now();
  await page.goto(`${origin}${target}`);
  await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 60_000 });
  const header = Date.now() - started;
  if (target === '/members') await page.getByRole('table', { name: 'Members' }).waitFor({ timeout: 60_000 });
  else
    await page
      .getByRole('link', { name: /capped/ })
      .first()
      .waitFor({ timeout: 60_000 });
  const done = Date.now() - started;
  const { profile } = await cdp.send('Profiler.stop');
  const marks = await page.evaluate(() =>
    performance.getEntriesByType('mark').map((m) => `${m.name} ${m.startTime.toFixed(0)}`),
  );
  console.log(`header ${header} ms, target ${done} ms; marks: ${marks.join(', ')}`);
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i + 1] ?? 0) / 1000);
  });
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`);
} finally {
  await browser.close();
}
