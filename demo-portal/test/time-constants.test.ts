import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Day and hour lengths have one home on each side: `src/lib/time.ts` for the console and
 * `demo-portal/src/model/clock.ts` for the demo portal. Everything else imports them.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const SOURCES = ['src', 'demo-portal/src', 'bench', 'e2e', 'tests'];
const DEFINITION = /\b(?:const|let|var)\s+(?:DAY|HOUR|WEEK)_MS\s*=/;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
      return /\.tsx?$/.test(e.name) ? [path] : [];
    }),
  );
  return nested.flat();
}

describe('time constants', () => {
  it('are defined once for the console and once for the demo portal', async () => {
    const files = (await Promise.all(SOURCES.map((s) => sourceFiles(join(ROOT, s))))).flat();
    const defining: string[] = [];
    for (const file of files) {
      if (DEFINITION.test(await readFile(file, 'utf8'))) defining.push(relative(ROOT, file));
    }
    expect(defining.sort()).toEqual(['demo-portal/src/model/clock.ts', 'src/lib/time.ts']);
  });
});
