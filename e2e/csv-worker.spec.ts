import { expect, test } from '@playwright/test';

/**
 * The console's CSV reader in a real browser: a large file is parsed in a Web Worker and the page
 * keeps running meanwhile. Loads the reader module straight from the Vite dev server, so it runs
 * with E2E_DEV=1 (the import dialog's journeys cover it in the built console).
 */

// eslint-disable-next-line playwright/no-skipped-test -- the module is only addressable through Vite's dev server
test.skip(!process.env.E2E_DEV, 'loads src/lib/csv-parse.ts from the Vite dev server (E2E_DEV=1)');

interface Outcome {
  workersStarted: number;
  ticksWhileParsing: number;
  records: number;
  delimiter: string;
  lastLine: number;
  multiLine: { line: number; cells: string[] } | undefined;
  tooLarge: string;
}

test('a large CSV file is parsed in a worker while the page keeps running', async ({ page }) => {
  await page.goto('/');
  const outcome = await page.evaluate(async (): Promise<Outcome> => {
    let workersStarted = 0;
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        workersStarted++;
      }
    };
    interface CsvModule {
      MAX_CSV_FILE_BYTES: number;
      parseCsvFile(file: Blob): Promise<{ records: { line: number; cells: string[] }[]; delimiter: string }>;
    }
    const csv = (await import(/* @vite-ignore */ `${location.origin}/src/lib/csv-parse.ts`)) as CsvModule;
    // 250,000 members as username;credits, plus one note that spans two lines.
    const rows = ['username;credits;note', 'first.member;10;"two', 'lines"'];
    for (let i = 0; i < 250_000; i++) rows.push(`member.number${i}_acme;${i % 500};`);
    const file = new File([rows.join('\n')], 'allocations.csv', { type: 'text/csv' });

    let ticks = 0;
    let parsing = true;
    const tick = () => {
      ticks++;
      if (parsing) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    const table = await csv.parseCsvFile(file);
    parsing = false;

    const huge = new File([new Uint8Array(csv.MAX_CSV_FILE_BYTES + 1)], 'huge.csv');
    const refusal = await csv.parseCsvFile(huge).then(
      () => 'accepted',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    return {
      workersStarted,
      ticksWhileParsing: ticks,
      records: table.records.length,
      delimiter: table.delimiter,
      lastLine: table.records.at(-1)?.line ?? 0,
      multiLine: table.records[0],
      tooLarge: refusal,
    };
  });
  expect(outcome.workersStarted).toBe(1);
  expect(outcome.records).toBe(250_001);
  expect(outcome.delimiter).toBe(';');
  expect(outcome.multiLine).toEqual({ line: 2, cells: ['first.member', '10', 'two\nlines'] });
  expect(outcome.lastLine).toBe(250_003);
  // The page ran other tasks while the file was parsed (it would run none if parsing blocked it).
  expect(outcome.ticksWhileParsing).toBeGreaterThan(1);
  expect(outcome.tooLarge).toContain('files up to 16.0 MB can be imported');
});
