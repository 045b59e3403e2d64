/**
 * The console in headless Chromium against the 50,000-member demo org (production build, the server
 * `npm start` runs): time to the Overview's figures after sign-in, member index load, search keystroke
 * latency, the 12-month usage chart's render once its data is in, and a 5,000-member bulk allocation.
 */
import { chromium, type APIRequestContext, type Page, type Request } from '@playwright/test';
import { summarize } from './stats.ts';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Long enough for anything that scales with the org at 250,000 members on a busy machine. */
const LONG = 600_000;

/** Until the member index has every member: no "Loaded N of M" status and no loading placeholder. */
async function indexLoaded(page: Page) {
  await page
    .getByRole('status')
    .filter({ hasText: /^Loaded / })
    .waitFor({ state: 'hidden', timeout: LONG });
  await page
    .getByRole('status')
    .filter({ hasText: /^Loading members/ })
    .waitFor({ state: 'hidden', timeout: LONG });
}

async function signIn(page: Page, origin: string) {
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: 'Sign in to the demo organization' }).click();
  await page.getByLabel('Username').fill('demo_admin');
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign In' }).click();
}

async function timeKeystroke(page: Page, value: string): Promise<number> {
  return page.evaluate(async (q) => {
    const input = document.querySelector<HTMLInputElement>('input[type="search"]');
    if (!input) throw new Error('no search box');
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    const started = performance.now();
    setter?.call(input, q);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // Until the rows are painted: the next frame after React's commit.
    await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - started;
  }, value);
}

/**
 * Sends `assignments` to the portal as a bare loop would: an admin token from generateToken, then
 * `assignUserCredits` in batches of 100 with 4 in flight. Returns the time from the first request
 * to the last answer (ms).
 */
async function rawBatchLoop(
  http: APIRequestContext,
  origin: string,
  assignments: { username: string; credits: number }[],
) {
  const rest = `${origin}/portal/sharing/rest`;
  const post = async (path: string, form: Record<string, string>) => {
    const response = await http.post(`${rest}/${path}`, { form: { ...form, f: 'json' } });
    return (await response.json()) as Record<string, unknown>;
  };
  const { token } = (await post('generateToken', {
    username: 'demo_admin',
    password: 'demo1234',
    client: 'requestip',
  })) as { token: string };
  const batches: (typeof assignments)[] = [];
  for (let i = 0; i < assignments.length; i += 100) batches.push(assignments.slice(i, i + 100));
  const started = Date.now();
  let next = 0;
  const lane = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const answer = await post('portals/self/assignUserCredits', {
        userAssignments: JSON.stringify(batch),
        token,
      });
      if (answer.success !== true) throw new Error(`raw batch loop: ${JSON.stringify(answer).slice(0, 200)}`);
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
  return Date.now() - started;
}

/**
 * The same raw batch loop run in the page (ms): `fetch` from the page's main thread, 4 in flight, the
 * token in the body — what any browser client pays per request, with no console in between.
 */
async function rawBatchLoopInPage(
  page: Page,
  http: APIRequestContext,
  origin: string,
  assignments: { username: string; credits: number }[],
) {
  const rest = `${origin}/portal/sharing/rest`;
  const answer = await http.post(`${rest}/generateToken`, {
    form: { username: 'demo_admin', password: 'demo1234', client: 'requestip', f: 'json' },
  });
  const { token } = (await answer.json()) as { token: string };
  // A string, so the bench's TypeScript loader adds nothing to the code run in the page.
  return (await page.evaluate(`(async () => {
    const rest = ${JSON.stringify(rest)};
    const token = ${JSON.stringify(token)};
    const assignments = ${JSON.stringify(assignments)};
    const batches = [];
    for (let i = 0; i < assignments.length; i += 100) batches.push(assignments.slice(i, i + 100));
    const started = performance.now();
    let next = 0;
    const lane = async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        const body = new URLSearchParams({ userAssignments: JSON.stringify(batch), f: 'json', token });
        const response = await fetch(rest + '/portals/self/assignUserCredits', { method: 'POST', body });
        const json = await response.json();
        if (json.success !== true) throw new Error('raw batch loop in the page: ' + JSON.stringify(json).slice(0, 200));
      }
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    return Math.round(performance.now() - started);
  })()`)) as number;
}

/**
 * Starts watching the page for a run's outcome: the time of the next click on "Apply to N members"
 * and of the frame that paints "N members updated." (its animation-frame callbacks) (page clock, both). Read with
 * `runOutcomeMs`. A string, so the bench's TypeScript loader adds nothing to the code run in the page.
 */
async function watchRunOutcome(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const state = {};
    window.__runOutcome = state;
    document.addEventListener('click', (e) => {
      const button = e.target instanceof Element ? e.target.closest('button') : null;
      if (state.clicked === undefined && button && /^Apply to [\\d,]+ members?$/.test(button.textContent || ''))
        state.clicked = e.timeStamp;
    }, { capture: true });
    const observer = new MutationObserver(() => {
      if (state.clicked === undefined || state.committed !== undefined) return;
      const dialog = document.querySelector('[role="dialog"]');
      if (!dialog || !/members? updated\\./.test(dialog.textContent || '')) return;
      state.committed = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => (state.painted = performance.now()));
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
}

/** Click on Apply → the outcome painted (ms), as `watchRunOutcome` saw it. */
async function runOutcomeMs(page: Page): Promise<number> {
  // Polled with evaluate (a string predicate for waitForFunction is an eval the console's CSP refuses).
  const until = Date.now() + LONG;
  while (!(await page.evaluate(`window.__runOutcome && window.__runOutcome.painted !== undefined`))) {
    if (Date.now() > until) throw new Error('The run’s outcome never showed.');
    await page.waitForTimeout(50);
  }
  const { clicked, painted } = (await page.evaluate(`window.__runOutcome`)) as {
    clicked: number;
    painted: number;
  };
  return Math.round(painted - clicked);
}

/** Counts the console's REST requests (to `/sharing/rest/`) from now until `stop()`. */
function countRequests(page: Page) {
  const paths: string[] = [];
  const assigned: { username: string; credits: number }[] = [];
  const onRequest = (r: Request) => {
    const url = new URL(r.url());
    if (!url.pathname.includes('/sharing/rest/')) return;
    const path = url.pathname.replace(/^.*\/sharing\/rest\//, '');
    paths.push(path);
    if (/assignUserCredits$/i.test(path) && !/unassign/i.test(path)) {
      const body = new URLSearchParams(r.postData() ?? '').get('userAssignments');
      if (body) assigned.push(...(JSON.parse(body) as { username: string; credits: number }[]));
    }
  };
  page.on('request', onRequest);
  return {
    /** Resolves once a request to `path` has been made (polling), or after `timeoutMs`. */
    async until(path: string, timeoutMs = 60_000) {
      for (let waited = 0; !paths.includes(path) && waited < timeoutMs; waited += 100)
        await new Promise((r) => setTimeout(r, 100));
    },
    stop() {
      page.off('request', onRequest);
      const assigns = paths.filter((p) => /assignUserCredits$/i.test(p)).length;
      return { total: paths.length, assigns, reads: paths.length - assigns, paths, assigned };
    },
  };
}

async function timeUsageRender(page: Page, origin: string): Promise<number> {
  await page.goto(`${origin}/usage?range=7d`);
  await page.getByRole('img', { name: /Last 7 days/ }).waitFor({ timeout: 60_000 });
  await page.evaluate(() => {
    const w = window as unknown as { __usageRender?: Promise<number>; __clickedAt?: number };
    w.__clickedAt = performance.now();
    w.__usageRender = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        const chart = document.querySelector('[role="img"][aria-label*="Last 12 months"]');
        if (chart?.querySelector('.recharts-bar-rectangle')) {
          observer.disconnect();
          resolve(performance.now());
        }
      });
      observer.observe(document.body, { subtree: true, childList: true });
    });
  });
  await page.getByRole('button', { name: '12 mo' }).click();
  await page.getByRole('img', { name: /weekly, Last 12 months/ }).waitFor({ timeout: 60_000 });
  return page.evaluate(async () => {
    const w = window as unknown as { __usageRender?: Promise<number>; __clickedAt?: number };
    const renderedAt = await (w.__usageRender ?? Promise.resolve(0));
    // The first usage response after the click is the 12-month by-service series.
    const [entry] = performance
      .getEntriesByType('resource')
      .filter(
        (e): e is PerformanceResourceTiming =>
          e.name.includes('/portals/self/usage') && e.startTime >= (w.__clickedAt ?? Infinity),
      )
      .sort((a, b) => a.startTime - b.startTime);
    return Math.round(renderedAt - (entry?.responseEnd ?? renderedAt));
  });
}

export async function benchBrowser(origin: string) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1400, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);

    // Overview after sign-in: from the console's first request after the redirect.
    await signIn(page, origin);
    await page.waitForURL((url) => url.searchParams.has('code') || url.pathname === '/', {
      waitUntil: 'commit',
    });
    const landed = Date.now();
    await page.getByRole('switch', { name: 'Credit budgeting' }).waitFor({ timeout: 60_000 });
    await page.getByText('Available credits').first().waitFor();
    await page.getByLabel('Default allocation for new members').waitFor();
    const overviewMs = Date.now() - landed;
    await page
      .getByRole('link', { name: /capped/ })
      .first()
      .waitFor({ timeout: LONG });
    const summaryMs = Date.now() - landed;

    // Member index from an empty cache: reload on /members.
    await page.goto(`${origin}/members`);
    const membersStarted = Date.now();
    const indexLoad = countRequests(page);
    await page.getByRole('table', { name: 'Members' }).waitFor({ timeout: LONG });
    const indexMs = Date.now() - membersStarted;
    // The table shows from the first members on: wait for the whole index ("Loaded N of M" gone),
    // not for the network to fall quiet, which a long load never lets it do within a fixed time.
    await indexLoaded(page);
    const indexAllMs = Date.now() - membersStarted;
    // What reloading the whole member index costs: what every change caused before precise updates.
    const indexRequests = indexLoad.stop().paths.filter((p) => p.startsWith('portals/self/users')).length;

    // One member's allocation saved from the member dialog: every request it causes.
    await page.getByRole('searchbox', { name: 'Search members' }).fill('demo_member');
    await page.getByRole('button', { name: /demo_member/ }).click();
    const memberDialog = page.getByRole('dialog', { name: 'Sam Patel' });
    await memberDialog.getByLabel('Allocation').fill('33');
    // Start counting once the dialog's own reads (its usage chart) are done.
    await page.waitForTimeout(1500);
    const single = countRequests(page);
    await memberDialog.getByRole('button', { name: 'Save allocation' }).click();
    await memberDialog.waitFor({ state: 'hidden' });
    // portals/self is read last; then give anything else it set off time to show.
    await single.until('portals/self', LONG);
    await page.waitForTimeout(1500);
    const singleSave = single.stop();
    await page.getByRole('searchbox', { name: 'Search members' }).fill('');

    // Search keystrokes: typing "garcia" one letter at a time, then clearing, five times over.
    const samples: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (let i = 1; i <= 'garcia'.length; i++)
        samples.push(await timeKeystroke(page, 'garcia'.slice(0, i)));
      samples.push(await timeKeystroke(page, ''));
    }
    const keystroke = summarize(samples);

    // Bulk: 5,000 members set to 50 through the UI (batches of 100, 4 in flight).
    await page.getByLabel('User type').selectOption({ label: 'Creator' });
    const selectAll = page.getByRole('button', { name: /^Select all [\d,]+ matching$/ });
    await selectAll.waitFor({ timeout: LONG });
    const matching = Number((await selectAll.textContent())?.replace(/\D/g, ''));
    await selectAll.click();
    // Three runs over the same selection (50, 60, then 50 again, so every run changes every member);
    // the figures are their medians. Requests are counted on the first.
    const bulkRun = async (value: string) => {
      await page.getByRole('button', { name: 'Set allocation…' }).click();
      const bulk = page.getByRole('dialog', { name: /^Set allocation for/ });
      await bulk.getByLabel('Allocation').fill(value);
      await bulk.getByRole('button', { name: 'Preview' }).click();
      const apply = bulk.getByRole('button', { name: /^Apply to [\d,]+ members$/ });
      await apply.waitFor({ timeout: LONG });
      const counted = countRequests(page);
      await watchRunOutcome(page);
      const started = Date.now();
      await apply.click();
      await bulk.getByText(/members? updated\.$/).waitFor({ timeout: LONG });
      // When a test driving the page could see it: after the table has caught up too.
      const settledMs = Date.now() - started;
      // Timed in the page, from the click to the frame that shows the outcome: the page stays busy
      // for a while after it (the table catching up), and a wait from here would count that too.
      const ms = await runOutcomeMs(page);
      // portals/self is read last (after the changed members); then give anything else time to show.
      await counted.until('portals/self', LONG);
      await page.waitForTimeout(1500);
      const requests = counted.stop();
      await page.keyboard.press('Escape');
      await bulk.waitFor({ state: 'hidden' });
      return { ms, settledMs, requests };
    };
    const bulkRuns = [await bulkRun('50'), await bulkRun('60'), await bulkRun('50')];
    const bulkRequests = bulkRuns[0]!.requests;
    const bulkMs = summarize(bulkRuns.map((r) => r.ms)).median;
    const bulkSettledMs = summarize(bulkRuns.map((r) => r.settledMs)).median;
    // The floor: the same assignments straight to the portal with the admin's token, batches of 100,
    // 4 in flight, no console in between.
    const rawLoopMs = await rawBatchLoop(context.request, origin, bulkRequests.assigned);
    // Watched by the same request counter as the console's run (its work is on this machine too);
    // once for each of the console's runs, with that run's assignments (the first changes fewer members).
    const rawPageLoops: number[] = [];
    for (const run of bulkRuns) {
      const floorCount = countRequests(page);
      rawPageLoops.push(await rawBatchLoopInPage(page, context.request, origin, run.requests.assigned));
      floorCount.stop();
    }
    const rawPageLoopMs = summarize(rawPageLoops).median;

    // Usage, 12 months: from the last byte of its data to the chart's bars in the DOM.
    const usageRenderMs = await timeUsageRender(page, origin);
    return {
      overviewMs,
      summaryMs,
      indexMs,
      indexAllMs,
      keystroke,
      usageRenderMs,
      bulkMs,
      bulkRunsMs: bulkRuns.map((r) => r.ms),
      bulkRunsChanged: bulkRuns.map((r) => r.requests.assigned.length),
      bulkSettledMs,
      rawLoopMs,
      rawPageLoopMs,
      rawPageLoopsMs: rawPageLoops,
      rawLoopMembers: bulkRequests.assigned.length,
      bulkMembers: matching,
      indexRequests,
      singleSave,
      bulkRequests,
    };
  } finally {
    await browser.close();
  }
}

// --- Members search and sort (issue 14 item 5) ------------------------------------------------------

/**
 * Runs `action` in the page and times it two ways (ms): `work`, from the event to the last change
 * React commits to the page's content (a MutationObserver on `main`, so React's render and commit
 * of the new rows are inside it), and `paint`, to the next frame after that commit.
 */
async function timeTableUpdate(
  page: Page,
  action: { kind: 'type'; value: string } | { kind: 'sort'; column: string },
): Promise<{ work: number; paint: number }> {
  return page.evaluate(async (a) => {
    const table = document.querySelector('[role="table"][aria-label="Members"]');
    const main = document.querySelector('main');
    if (!table || !main) throw new Error('no member table');
    // The whole page's content: the rows, the count of matches, "No members match".
    let committed = 0;
    let changed: (() => void) | undefined;
    const firstChange = new Promise<void>((r) => {
      changed = r;
    });
    const observer = new MutationObserver(() => {
      committed = performance.now();
      changed?.();
    });
    observer.observe(main, { subtree: true, childList: true, characterData: true, attributes: true });
    // Found before the clock starts; no function values here (the bench's loader would wrap them).
    const input = document.querySelector<HTMLInputElement>('input[type="search"]');
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    const header =
      a.kind === 'sort'
        ? [...table.querySelectorAll('[role="columnheader"]')].find((h) =>
            h.textContent?.startsWith(a.column),
          )
        : undefined;
    const button = header?.querySelector('button');
    if (a.kind === 'type' && !input) throw new Error('no search box');
    if (a.kind === 'sort' && !button) throw new Error(`no sort button for ${a.column}`);
    const started = performance.now();
    if (a.kind === 'type' && input) {
      setter?.call(input, a.value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    } else button?.click();
    const handled = performance.now();
    await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    let painted = performance.now();
    // A commit may come after that frame (the router renders a change of the address as a
    // transition): then the figures run to it and the frame after it. A change that alters nothing
    // on screen (a trailing space) commits nothing: it is timed to the first frame.
    if (committed === 0) {
      const late = await Promise.race([
        firstChange.then(() => true),
        new Promise<boolean>((r) => setTimeout(r, 500, false)),
      ]);
      if (late) {
        await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        painted = performance.now();
      }
    }
    observer.disconnect();
    return { work: Math.max(handled, committed) - started, paint: painted - started };
  }, action);
}

/** The floors, in the same page: an empty frame, a raw `Array.filter`, a native typed-array sort. */
async function searchSortFloors(page: Page, members: number, queries: readonly string[]) {
  return page.evaluate(
    async ({ n, qs }) => {
      // An input event nobody listens to, timed the same way as a keystroke: the frame floor.
      const idle = document.createElement('input');
      const frame: number[] = [];
      const frameWork: number[] = [];
      for (let i = 0; i < 40; i++) {
        const started = performance.now();
        idle.value = String(i);
        idle.dispatchEvent(new Event('input', { bubbles: true }));
        frameWork.push(performance.now() - started);
        await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        frame.push(performance.now() - started);
      }
      // The same number of "username\nname\nemail" strings, filtered the plain way.
      const strings = Array.from(
        { length: n },
        (_, i) => `user_${i}\nfirst${i % 1009} last${i % 997}\nuser_${i}@example.org`,
      );
      const filter: number[] = [];
      for (const q of qs) {
        const words = q.toLowerCase().split(/\s+/).filter(Boolean);
        const started = performance.now();
        strings.filter((s) => words.every((w) => s.includes(w)));
        filter.push(performance.now() - started);
      }
      const sort: number[] = [];
      for (let i = 0; i < 5; i++) {
        const values = Float64Array.from({ length: n }, () => Math.round(Math.random() * 1000));
        const started = performance.now();
        values.sort();
        sort.push(performance.now() - started);
      }
      return { frame, frameWork, filter, sort };
    },
    { n: members, qs: queries },
  );
}

/**
 * Members page at the bench org's size: keystroke → rows painted (typing "garcia" and "sam pat"
 * letter by letter, word order swapped, cleared), and click → sorted rows painted for each
 * column, each beside its floor measured in the same page.
 */
export async function benchSearchSort(origin: string, members: number) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1400, height: 900 },
    });
    const page = await context.newPage();
    await signIn(page, origin);
    await page.getByRole('switch', { name: 'Credit budgeting' }).waitFor({ timeout: 120_000 });
    await page.goto(`${origin}/members`);
    const started = Date.now();
    await page.getByRole('table', { name: 'Members' }).waitFor({ timeout: LONG });
    const tableMs = Date.now() - started;
    // Timed over the whole org: once no "Loaded N of M" is left, nor a load in the background.
    await page
      .getByRole('status')
      .filter({ hasText: /^Loaded / })
      .waitFor({ state: 'hidden', timeout: 900_000 });
    await page
      .getByRole('status')
      .filter({ hasText: /^Loading members/ })
      .waitFor({ state: 'hidden', timeout: 900_000 });
    const completeMs = Date.now() - started;
    await page.waitForTimeout(2000);

    const queries: string[] = [];
    for (const word of ['garcia', 'sam pat', 'pat sam']) {
      for (let i = 1; i <= word.length; i++) queries.push(word.slice(0, i));
      queries.push('');
    }
    const keystrokes: number[] = [];
    const keystrokeWork: number[] = [];
    const byQuery: { q: string; work: number }[] = [];
    for (let round = 0; round < 4; round++)
      for (const q of queries) {
        const t = await timeTableUpdate(page, { kind: 'type', value: q });
        keystrokes.push(t.paint);
        keystrokeWork.push(t.work);
        byQuery.push({ q, work: t.work });
      }
    // Which keystrokes the tail is made of (the text typed after each).
    const slowestKeystrokes = byQuery.sort((a, b) => b.work - a.work).slice(0, 6);

    const sorts: Record<string, number[]> = {};
    const sortWork: number[] = [];
    for (const column of [
      'Allocated',
      'Used (this period)',
      'Remaining',
      'Role',
      'User type',
      'Last sign-in',
      'Member',
    ]) {
      sorts[column] = [];
      // Both directions, twice.
      for (let i = 0; i < 4; i++) {
        const t = await timeTableUpdate(page, { kind: 'sort', column });
        sorts[column].push(t.paint);
        sortWork.push(t.work);
      }
    }
    const floors = await searchSortFloors(page, members, queries.filter(Boolean));
    const allSorts = Object.values(sorts).flat();
    return {
      tableMs,
      completeMs,
      keystroke: summarize(keystrokes),
      keystrokeWork: summarize(keystrokeWork),
      slowestKeystrokes,
      sort: summarize(allSorts),
      sortWork: summarize(sortWork),
      frameWorkFloor: summarize(floors.frameWork),
      sortByColumn: Object.fromEntries(Object.entries(sorts).map(([k, v]) => [k, summarize(v)])),
      frameFloor: summarize(floors.frame),
      filterFloor: summarize(floors.filter),
      sortFloor: summarize(floors.sort),
    };
  } finally {
    await browser.close();
  }
}

/**
 * Issue 14's member index figures, each beside its floor from the same run: a cold index load (empty
 * browser cache) against the same pages fetched raw in the page, a warm reload to the table, the
 * Overview summary on a signed-in reload with the kept copy, and the page heap per member.
 */
export async function benchMemberIndex(origin: string) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
  });
  try {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1400, height: 900 },
    });
    const page = await context.newPage();
    await signIn(page, origin);
    await page.getByRole('switch', { name: 'Credit budgeting' }).waitFor({ timeout: 60_000 });
    const loading = page.getByRole('status').filter({ hasText: /^Loaded / });
    const table = page.getByRole('table', { name: 'Members' });
    if (process.env.BENCH_WARM_ONLY === '1')
      return { warmOnly: true as const, ...(await warmVisits(page, origin)) };
    // Let the Overview's own index load finish, then forget it: the figure below is a cold load.
    await page
      .getByRole('link', { name: /capped/ })
      .first()
      .waitFor({ timeout: LONG });
    await page.waitForTimeout(3000);
    await page.evaluate(
      () =>
        new Promise((r) => {
          const q = indexedDB.deleteDatabase('credit-console-members');
          q.onsuccess = q.onerror = q.onblocked = () => r(null);
        }),
    );

    // Cold: from navigation to every member in the table (no "Loaded N of M" left).
    const coldStarted = Date.now();
    await page.goto(`${origin}/members`);
    await table.waitFor({ timeout: LONG });
    const firstRowsMs = Date.now() - coldStarted;
    await loading.waitFor({ state: 'hidden', timeout: LONG });
    await page
      .getByRole('status')
      .filter({ hasText: /^Loading members/ })
      .waitFor({ state: 'hidden' });
    const coldMs = Date.now() - coldStarted;

    // The floor: the same pages, fetched raw in the same page (4 in flight, token in the body).
    const rest = `${origin}/portal/sharing/rest`;
    const tokenAnswer = await context.request.post(`${rest}/generateToken`, {
      form: { username: 'demo_admin', password: 'demo1234', client: 'requestip', f: 'json' },
    });
    const { token } = (await tokenAnswer.json()) as { token: string };
    // A string, so the bench's TypeScript loader adds nothing to the code run in the page.
    const raw = (await page.evaluate(`(async () => {
      const rest = ${JSON.stringify(rest)};
      const token = ${JSON.stringify(token)};
      const started = performance.now();
      const get = async (start) => {
        const body = new URLSearchParams({ start: String(start), num: '100', f: 'json', token });
        const response = await fetch(rest + '/portals/self/users', { method: 'POST', body });
        return response.json();
      };
      const first = await get(1);
      const starts = [];
      for (let s = 101; s <= first.total; s += 100) starts.push(s);
      let next = 0;
      let members = first.users.length;
      const lane = async () => {
        while (next < starts.length) { const page = await get(starts[next++]); members += page.users.length; }
      };
      await Promise.all([lane(), lane(), lane(), lane()]);
      return { ms: performance.now() - started, members, pages: starts.length + 1 };
    })()`)) as { ms: number; members: number; pages: number };

    // Heap: the members page with every member loaded, against the journal page without them.
    const cdp = await context.newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = (await cdp.send('Runtime.getHeapUsage')) as {
        usedSize: number;
        backingStorageSize?: number;
      };
      // Typed arrays' memory (the search index, the orders) lies outside the JS heap: counted too.
      return { js: usage.usedSize, arrays: usage.backingStorageSize ?? Number.NaN };
    };
    const withIndex = await heap();
    await page.waitForTimeout(3000); // the kept copy is written in chunks after the load
    await page.goto(`${origin}/journal`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const withoutIndex = await heap();

    const { warm, warmMs, warmSummaryMs, warmMedians } = await warmVisits(page, origin, true);

    return {
      coldMs,
      firstRowsMs,
      rawMs: Math.round(raw.ms),
      rawMembers: raw.members,
      rawPages: raw.pages,
      warmMs,
      warmSummaryMs,
      warm,
      warmMedians,
      warmOnly: false as const,
      heapBytesPerMember: Math.max(0, withIndex.js - withoutIndex.js) / Math.max(1, raw.members),
      arrayBytesPerMember: Math.max(0, withIndex.arrays - withoutIndex.arrays) / Math.max(1, raw.members),
    };
  } finally {
    await browser.close();
  }
}

/**
 * Warm visits with the kept copy: on /members, navigation → signed-in header → table → every kept
 * member (no "Showing N of M" left, the copy's "Updated" line shown); on the Overview, header → the
 * summary's figures. `settle`: each visit waits for its background re-read and save (else the next
 * visit starts at once, the copy being the one the first complete load kept).
 */
async function warmVisits(page: Page, origin: string, settle = false) {
  const table = page.getByRole('table', { name: 'Members' });
  const header = page.getByRole('button', { name: /^Account:/ });
  const firstScreen = page.getByRole('status').filter({ hasText: /^Showing / });
  const updated = page.getByRole('status').filter({ hasText: /^Updated/ });
  if (!settle) {
    // One complete load, kept: every visit below starts from that copy.
    await page.goto(`${origin}/members`);
    await table.waitFor({ timeout: LONG });
    await page
      .getByRole('status')
      .filter({ hasText: /^(Loaded|Loading|Updated|Showing)/ })
      .first()
      .waitFor({ state: 'hidden', timeout: LONG });
    const kept = () =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open('credit-console-members');
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('meta')) return resolve(0);
              const count = db.transaction('meta').objectStore('meta').count();
              count.onsuccess = () => {
                db.close();
                resolve(count.result);
              };
            };
          }),
      );
    while ((await kept()) === 0) await page.waitForTimeout(1000);
  }
  const warm: {
    navToTable: number;
    headerToTable: number;
    headerToAll: number;
    headerToSummary: number;
    navToSummary: number;
  }[] = [];
  const runs = Number(process.env.BENCH_WARM_RUNS ?? 3);
  for (let run = 0; run < runs; run++) {
    const started = Date.now();
    await page.goto(`${origin}/members`);
    await header.waitFor({ timeout: 60_000 });
    const headerAt = Date.now();
    await table.waitFor({ timeout: 60_000 });
    const tableAt = Date.now();
    await firstScreen.waitFor({ state: 'hidden', timeout: LONG });
    await updated.waitFor({ timeout: LONG });
    const allAt = Date.now();
    if (settle) {
      await updated.waitFor({ state: 'hidden', timeout: LONG });
      await page.waitForTimeout(5000); // the re-read copy is written in chunks after the load
    }

    const summaryStarted = Date.now();
    await page.goto(`${origin}/`);
    await header.waitFor({ timeout: 60_000 });
    const summaryHeaderAt = Date.now();
    await page
      .getByRole('link', { name: /capped/ })
      .first()
      .waitFor({ timeout: 60_000 });
    const summaryAt = Date.now();
    if (settle) {
      await updated.waitFor({ state: 'hidden', timeout: LONG });
      await page.waitForTimeout(5000);
    }
    warm.push({
      navToTable: tableAt - started,
      headerToTable: tableAt - headerAt,
      headerToAll: allAt - headerAt,
      headerToSummary: summaryAt - summaryHeaderAt,
      navToSummary: summaryAt - summaryStarted,
    });
  }
  const median = (pick: (w: (typeof warm)[number]) => number) => {
    const values = warm.map(pick).sort((x, y) => x - y);
    return values[Math.floor(values.length / 2)] ?? NaN;
  };
  return {
    warm,
    warmMs: median((w) => w.navToTable),
    warmSummaryMs: median((w) => w.navToSummary),
    warmMedians: {
      headerToTable: median((w) => w.headerToTable),
      headerToAll: median((w) => w.headerToAll),
      headerToSummary: median((w) => w.headerToSummary),
    },
  };
}
