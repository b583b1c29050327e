// Whole-stack tests: the demo server (sandbox + server package + widget pages) is
// started once by globalSetup on a free port; each spec launches the Chromium it
// needs (a fake camera feed is a launch flag, so each feed is its own browser).
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../tools/chromium.ts';

const executablePath = chromiumPath();

export default defineConfig({
  testDir: './tests',
  // A whole flow takes 5-20 s alone; two at once on two busy cores can take three times that.
  timeout: 90_000,
  // Two specs at a time (each worker has its own demo stack and browsers, see fixtures.ts), one
  // spec's tests in order. Two workers used to push whole flows past their time limit when two
  // face detectors shared a software GL; on WASM a detection takes ~60 ms and two workers
  // brought the e2e stage from 951 s to 654 s on two cores (three workers: 612 s, not worth the
  // contention).
  // E2E_WORKERS=1 runs one spec at a time.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  // A lazy chunk's first load on the demo's dev server can take longer than Playwright's
  // default 5 s on a busy machine; no assertion is weaker for waiting.
  expect: { timeout: 10_000 },
  // No retries: a test that fails once is a bug to find (bridge-native-tokens' app restart was
  // one: the app was killed before the resume point was written; see that spec).
  retries: 0,
  reporter: [['list'], ['json']],
  outputDir: '../test-results',
  use: {
    viewport: { width: 390, height: 844 },
    launchOptions: { ...(executablePath ? { executablePath } : {}), args: [...chromiumArgs] },
    trace: 'off',
  },
});
