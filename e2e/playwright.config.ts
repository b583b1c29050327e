// Whole-stack tests: the demo server (sandbox + server package + widget pages) is
// started once by globalSetup on a free port; each spec launches the Chromium it
// needs (a fake camera feed is a launch flag, so each feed is its own browser).
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../tools/chromium.ts';

const executablePath = chromiumPath();

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
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
