// Whole-stack tests: the demo server (sandbox + server package + widget pages) is
// started once by globalSetup on a free port; each spec launches the Chromium it
// needs (a fake camera feed is a launch flag, so each feed is its own browser).
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../tools/chromium.ts';

const executablePath = chromiumPath();

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  // One spec at a time: two workers on CI's two cores were tried (each worker has its own
  // demo stack and browsers, see fixtures.ts), and two face detectors on a software GL at
  // once pushed whole-flow specs past their 60 s. E2E_WORKERS=2 runs two anyway.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 1),
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
