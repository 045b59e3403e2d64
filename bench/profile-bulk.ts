/**
 * A CPU profile of a bulk run (for finding where its time goes, not a budget): signs in, loads every
 * member on Members, selects every Creator, previews "Set allocation" to 50 and records the page's
 * main-thread profile from Apply to "N members updated.". Prints the run's wall time, how much of it
 * the main thread was busy, and the functions with the most self time. Expects a running demo portal
 * at PROFILE_ORIGIN (a fresh one: members already at 50 are left out of the plan).
 */
import { chromium } from '@playwright/test';

const origin = process.env.PROFILE_ORIGIN ?? 'https://localhost:9650';
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
  page.setDefaultTimeout(600_000);
  await page.goto(`${origin}/members`);
  await page.getByRole('button', { name: 'Sign in to the demo organization' }).click();
  await page.getByLabel('Username').fill('demo_admin');
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign In' }).click();
  await page.getByRole('table', { name: 'Members' }).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /^Loaded / })
    .waitFor({ state: 'hidden' });
  await page.getByLabel('User type').selectOption({ label: 'Creator' });
  await page.waitForURL(/type=/);
  const selectAll = page.getByRole('button', { name: /^Select all [\d,]+ matching$/ });
  await page.waitForTimeout(2000);
  const matching = (await selectAll.textContent())?.replace(/\D/g, '');
  await selectAll.click();
  await page.getByRole('button', { name: 'Set allocation…' }).click();
  const bulk = page.getByRole('dialog', { name: /^Set allocation for/ });
  await bulk.getByLabel('Allocation').fill('50');
  await bulk.getByRole('button', { name: 'Preview' }).click();
  const apply = bulk.getByRole('button', { name: /^Apply to [\d,]+ members$/ });
  await apply.waitFor();
  const applyLabel = await apply.textContent();
  await page.waitForTimeout(3000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  const started = Date.now();
  await apply.click();
  await bulk.getByText(/members? updated\.$/).waitFor();
  const wall = Date.now() - started;
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas ?? [];
  let idle = 0;
  let total = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const n = byId.get(id);
    const d = (dt[i + 1] ?? 0) / 1000;
    total += d;
    if (!n) return;
    const f = n.callFrame;
    if (f.functionName === '(idle)') idle += d;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + d);
  });
  console.log(
    `matching ${matching}; ${applyLabel}; run ${wall} ms; main thread busy ${(total - idle).toFixed(0)} ms of ${total.toFixed(0)} ms profiled`,
  );
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 35))
    console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`);
  // When the time went: each second's busy time and its three heaviest functions.
  const seconds: Map<string, number>[] = [];
  let at = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const d = (dt[i + 1] ?? 0) / 1000;
    at += d;
    const f = byId.get(id)?.callFrame;
    if (!f || f.functionName === '(idle)') return;
    const bucket = (seconds[Math.floor(at / 1000)] ??= new Map());
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    bucket.set(key, (bucket.get(key) ?? 0) + d);
  });
  seconds.forEach((bucket, s) => {
    const busy = [...bucket.values()].reduce((a, b) => a + b, 0);
    const top = [...bucket]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ');
    console.log(`  ${s}–${s + 1} s: busy ${busy.toFixed(0)} ms: ${top}`);
  });
} finally {
  await browser.close();
}
