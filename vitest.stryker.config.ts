// The Node test project alone, for StrykerJS (stryker.config.mjs): its Vitest runner
// cannot drive browser mode. One exception: the resume store's tests
// (`resume-store.browser.test.ts`) also run here, on fake-indexeddb (an in-memory
// implementation of the IndexedDB API, installed for that file only), so that the
// store's mutants are measured by the same tests that guard it in Chromium. The XHR
// upload path of the client stays covered by its Node test only. See the "Mutation
// testing" section of docs/architecture.md.
import { defineConfig } from 'vitest/config';

const timeouts = { testTimeout: 20_000, hookTimeout: 20_000 };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/server/test/**/*.test.ts', 'packages/core/test/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
          ...timeouts,
        },
      },
      {
        test: {
          name: 'resume-store',
          environment: 'node',
          include: ['packages/core/test/resume-store*.browser.test.ts'],
          setupFiles: ['fake-indexeddb/auto'],
          ...timeouts,
        },
      },
    ],
  },
});
