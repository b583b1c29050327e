// Test projects for the whole workspace: Node tests (sandbox, server, the core's
// flow and client) and browser tests (the core's image pipeline and storage, the
// widget) in a real headless Chromium with a fake camera.
import { availableParallelism } from 'node:os';
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
    // Every core for the Node files. Vitest's default in a run is one worker fewer than the
    // cores, which on a 2-core machine left the Node files (most of the stage: 110 s of
    // its 170 s in one run) one after another on one core while the other idled once the
    // browser files were done. The browser files stay one at a time (below).
    maxWorkers: availableParallelism(),
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
          // One page at a time: the camera, face-detector and timing tests share one Chromium.
          fileParallelism: false,
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
