/**
 * A CPU profile of Members search keystrokes and sort clicks (for finding where their time goes, not a
 * budget): signs in, waits until every member is loaded, then records the page's main-thread profile
 * while it types "garcia" and "sam pat" letter by letter (cleared after each) and clicks each sort
 * header twice. Prints the functions with the most self time, and the total time under a few of ours.
 * Expects a running demo portal serving a build at PROFILE_ORIGIN (`npx vite build --minify false`
 * keeps the names).
 */
import { chromium, type Page } from '@playwright/test';

const origin = process.env.PROFILE_ORIGIN ?? 'https://localhost:9670';
const only = process.env.PROFILE_ONLY; // 'type' | 'sort' | undefined (both)
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic'],
});

/** One keystroke or click, then the next frame after it (as the bench times them). */
async function act(page: Page, a: { kind: 'type'; value: string } | { kind: 'sort'; column: string }) {
  await page.evaluate(async (a) => {
    const table = document.querySelector('[role="table"][aria-label="Members"]');
    if (a.kind === 'type') {
      const input = document.querySelector<HTMLInputElement>('input[type="search"]');
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, a.value);
      input?.dispatchEvent(new Event('input', { bubbles: true }));
    } else {
      const header = [...(table?.querySelectorAll('[role="columnheader"]') ?? [])].find((h) =>
        h.textContent?.startsWith(a.column),
      );
      header?.querySelector('button')?.click();
    }
    await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  }, a);
  await page.waitForTimeout(200);
}

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
  for (const text of [/^Loaded /, /^Loading members/]) {
    await page.getByRole('status').filter({ hasText: text }).waitFor({ state: 'hidden', timeout: 600_000 });
  }
  await page.waitForTimeout(Number(process.env.PROFILE_SETTLE_MS ?? 5000));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  if (only !== 'sort') {
    for (const word of (process.env.PROFILE_WORDS ?? 'garcia,sam pat').split(',')) {
      for (let i = 1; i <= word.length; i++) await act(page, { kind: 'type', value: word.slice(0, i) });
      await act(page, { kind: 'type', value: '' });
    }
  }
  if (only !== 'type') {
    for (const column of ['Allocated', 'Used (this period)', 'Role', 'Last sign-in', 'Member']) {
      await act(page, { kind: 'sort', column });
      await act(page, { kind: 'sort', column });
    }
  }
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const t = (dt[i + 1] ?? 0) / 1000;
    const key = name(id);
    if (key.startsWith('(idle)') || key.startsWith('(program)')) return;
    self.set(key, (self.get(key) ?? 0) + t);
    // Inclusive time: each function on the stack once.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = name(at);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + t);
    }
  });
  console.log('Self time:');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`);
  console.log('Total time (ours and React):');
  for (const [k, v] of [...total]
    .filter(([k]) => !k.startsWith('(root)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 60))
    console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`);
} finally {
  await browser.close();
}
