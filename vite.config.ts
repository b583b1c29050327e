// Test projects for the whole workspace: Node tests (sandbox, server, the core's
// flow and client) and browser tests (the core's image pipeline and storage, the
// widget) in a real headless Chromium with a fake camera.
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumPath, fakeCameraArgs } from './tools/chromium.ts';
import { faceWasmAlias } from './packages/core/face-alias.ts';

const executablePath = chromiumPath();

export default defineConfig({
  // Pre-bundle lit up front: otherwise Vite discovers it during the first browser
  // test, re-optimises and reloads the page mid-test.
  optimizeDeps: { include: ['lit', 'i18next', 'idb-keyval', '@argos-kyc/core > @vladmandic/face-api'] },
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/*/test/**/*.test.ts', 'demo/test/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        // The face detector's WASM worker bundles face-api on tfjs-core and its WASM backend only.
        resolve: { alias: faceWasmAlias },
        test: {
          name: 'browser',
          include: ['packages/*/test/**/*.browser.test.ts'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                ...(executablePath ? { executablePath } : {}),
                args: [...chromiumArgs, ...fakeCameraArgs()],
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
