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
  // Stopgap, CI only: bridge-native-tokens' app-restart test failed once in three cold
  // fresh-clone runs (the reopened page did not reach the selfie in 15 s) and passed 6/6
  // when rerun; not yet diagnosed. A retried pass is reported as flaky, never hidden.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json']],
  outputDir: '../test-results',
  use: {
    viewport: { width: 390, height: 844 },
    launchOptions: { ...(executablePath ? { executablePath } : {}), args: [...chromiumArgs] },
    trace: 'off',
  },
});
