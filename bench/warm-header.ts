/**
 * Warm reload to the signed-in header (a measurement, not a budget): signs in once, opens the
 * Overview, then reloads it WARM_RUNS times (default 5) and prints, for each reload, when after
 * navigation start the page first showed the account button and the Overview heading (recorded in
 * the page by a MutationObserver, so Playwright's polling does not add to the figures), and the
 * medians. Expects a running demo portal with the console built (`npx vite build`) at
 * PROFILE_ORIGIN (default https://localhost:9650).
 */
import { chromium } from '@playwright/test';

const origin = process.env.PROFILE_ORIGIN ?? 'https://localhost:9650';
const runs = Number(process.env.WARM_RUNS ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic'],
});
try {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1400, height: 900 },
  });
  // Records the first moment each part of the signed-in header is in the page.
  // (A string, not a function: tsx would wrap a function's inner functions in a helper the page lacks.)
  await context.addInitScript(`
    const seen = (window.__seen = {});
    new MutationObserver(() => {
      if (seen.account === undefined && document.querySelector('button[aria-label^="Account:"]'))
        seen.account = performance.now();
      if (seen.overview === undefined)
        for (const h of document.querySelectorAll('h1'))
          if (h.textContent.trim() === 'Overview') seen.overview = performance.now();
    }).observe(document, { childList: true, subtree: true });
  `);
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: 'Sign in to the demo organization' }).click();
  await page.getByLabel('Username').fill('demo_admin');
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign In' }).click();
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor({ timeout: 600_000 });
  await page.getByRole('button', { name: /^Account:/ }).waitFor({ timeout: 600_000 });
  // Let the first visit's loading settle (the member index of a large org is kept meanwhile).
  await page.waitForTimeout(Number(process.env.WARM_SETTLE_MS ?? 20_000));

  const account: number[] = [];
  const overview: number[] = [];
  const html: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.reload();
    await page.getByRole('button', { name: /^Account:/ }).waitFor({ timeout: 120_000 });
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor({ timeout: 120_000 });
    const seen = await page.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);
    // When the page's HTML had arrived (the demo portal serves it too, and may be busy).
    const htmlIn = await page.evaluate(
      () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd,
    );
    html.push(Math.round(htmlIn));
    account.push(Math.round(seen.account ?? NaN));
    overview.push(Math.round(seen.overview ?? NaN));
    console.log(
      `reload ${i + 1}: account button ${account.at(-1)} ms, Overview heading ${overview.at(-1)} ms (HTML in at ${html.at(-1)} ms)`,
    );
    await page.waitForTimeout(3_000);
  }
  console.log(
    `median of ${runs}: account button ${median(account)} ms, Overview heading ${median(overview)} ms (navigation start → first in the page); HTML in at ${median(html)} ms; after the HTML: ${median(account.map((a, i) => a - html[i]!))} ms`,
  );
} finally {
  await browser.close();
}
