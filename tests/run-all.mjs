// `npm test`: every check CI runs, in order, then one plain line totalling every runner.
// Type check, lint and format count as one test each; Vitest and Playwright report their own counts (JSON reporters).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
mkdirSync('test-results', { recursive: true });

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`◀ ${label}: exit ${r.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) results.passed += 1;
  else results.failed += 1;
}

function readJson(path) {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

check('typecheck', 'npx', ['tsc', '-b']);
check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
check('format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);

rmSync('test-results/vitest.json', { force: true });
const unitOk = run('unit and component tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
]);
const vitest = readJson('test-results/vitest.json');
if (vitest) {
  results.passed += vitest.numPassedTests ?? 0;
  results.failed += (vitest.numFailedTests ?? 0) + (unitOk || vitest.numFailedTests ? 0 : 1);
  results.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
} else {
  results.failed += 1;
}

rmSync('test-results/e2e.json', { force: true });
const e2eOk = run('end-to-end tests', 'npx', ['playwright', 'test'], { E2E_JSON: 'test-results/e2e.json' });
const e2e = readJson('test-results/e2e.json');
if (e2e?.stats) {
  // `flaky` = passed on a retry.
  results.passed += (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0);
  results.failed += (e2e.stats.unexpected ?? 0) + (e2eOk || e2e.stats.unexpected ? 0 : 1);
  results.skipped += e2e.stats.skipped ?? 0;
} else {
  results.failed += 1;
}

console.log(`\n${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(results.failed === 0 ? 0 : 1);
