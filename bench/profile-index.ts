/**
 * A CPU profile of a cold member index load (for finding where its time goes, not a budget): signs in,
 * clears the kept copy, opens Members and records the page's main-thread profile until "Loaded N of M"
 * is gone. Prints the functions with the most self time. Expects a running demo portal at PROFILE_ORIGIN.
 */
import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';

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
  await page.goto(`${origin}/journal`);
  await page.getByRole('button', { name: 'Sign in to the demo organization' }).click();
  await page.getByLabel('Username').fill('demo_admin');
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign In' }).click();
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(2000);
  await page.evaluate(
    () =>
      new Promise((r) => {
        const q = indexedDB.deleteDatabase('credit-console-members');
        q.onsuccess = q.onerror = q.onblocked = () => r(null);
      }),
  );
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await page.goto(`${origin}/journal`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await cdp.send('Profiler.start');
  const started = Date.now();
  await page.goto(`${origin}/members`);
  await page.getByRole('table', { name: 'Members' }).waitFor({ timeout: 600_000 });
  const first = Date.now() - started;
  await page
    .getByRole('status')
    .filter({ hasText: /^Loaded / })
    .waitFor({ state: 'hidden', timeout: 600_000 });
  const all = Date.now() - started;
  const { profile } = await cdp.send('Profiler.stop');
  // The same pages fetched raw in the page, 4 in flight, for the ratio.
  const rest = `${origin}/portal/sharing/rest`;
  const answer = await context.request.post(`${rest}/generateToken`, {
    form: { username: 'demo_admin', password: 'demo1234', client: 'requestip', f: 'json' },
  });
  const { token } = (await answer.json()) as { token: string };
  const rawMs = (await page.evaluate(`(async () => {
    const started = performance.now();
    const get = async (start) => {
      const body = new URLSearchParams({ start: String(start), num: '100', f: 'json', token: ${JSON.stringify(token)} });
      return (await fetch(${JSON.stringify(rest)} + '/portals/self/users', { method: 'POST', body })).json();
    };
    const first = await get(1);
    const starts = [];
    for (let s = 101; s <= first.total; s += 100) starts.push(s);
    let next = 0;
    const lane = async () => { while (next < starts.length) await get(starts[next++]); };
    await Promise.all([lane(), lane(), lane(), lane()]);
    return performance.now() - started;
  })()`)) as number;
  console.log(`raw scan ${Math.round(rawMs)} ms`);
  writeFileSync('/tmp/il/profile.cpuprofile', JSON.stringify(profile));
  console.log(`first rows ${first} ms, all ${all} ms`);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
  const perFn = new Map<string, number>();
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    perFn.set(key, (perFn.get(key) ?? 0) + us);
  }
  const total = [...perFn.values()].reduce((a, b) => a + b, 0);
  console.log(`profiled ${(total / 1000).toFixed(0)} ms`);
  for (const [k, us] of [...perFn].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log(`${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  // Inclusive time per function (each sample counted once per distinct function on its stack).
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map<string, number>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + us);
    }
  }
  console.log('--- inclusive');
  for (const [k, us] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 50))
    console.log(`${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
} finally {
  await browser.close();
}
