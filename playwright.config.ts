import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 8444);
export const E2E_ORIGIN = `https://localhost:${PORT}`;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  outputDir: `test-results/e2e-${PORT}`,
  fullyParallel: false,
  // The journeys share one demo portal and reset it before each test: run them one at a time.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 2 : 0,
  // Each axe check runs in the light and the dark theme.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [
        ['list'],
        ['html', { open: 'never' }],
        ['json', { outputFile: process.env.E2E_JSON ?? `test-results/e2e-${PORT}.json` }],
      ]
    : [['list'], ['json', { outputFile: process.env.E2E_JSON ?? `test-results/e2e-${PORT}.json` }]],
  use: {
    baseURL: E2E_ORIGIN,
    ignoreHTTPSErrors: true,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    // The same server `npm start` runs, on its own port, with a fresh org and the test control routes.
    // E2E_DEV=1 serves the console through Vite (no build), for quick local runs.
    command: process.env.E2E_DEV
      ? 'npx tsx demo-portal/serve.ts --dev --reset'
      : 'npx vite build --logLevel warn && npx tsx demo-portal/serve.ts --reset',
    url: `${E2E_ORIGIN}/portal/sharing/rest/info?f=json`,
    ignoreHTTPSErrors: true,
    reuseExistingServer: !process.env.CI,
    timeout: 240_000,
    stdout: 'pipe',
    env: {
      PORT: String(PORT),
      DEMO_MEMBERS: '2500',
      DEMO_STATE_FILE: `.demo-state/e2e-${PORT}.json`,
      DEMO_TEST_CONTROL: '1',
    },
  },
});
