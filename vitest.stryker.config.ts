// The Node test project alone, for StrykerJS (stryker.config.mjs): its Vitest runner
// cannot drive browser mode. One exception: the resume store's tests
// (`resume-store.browser.test.ts`) also run here, on fake-indexeddb (an in-memory
// implementation of the IndexedDB API, installed for that file only), so that the
// store's mutants are measured by the same tests that guard it in Chromium. The XHR
// upload path of the client stays covered by its Node test only. See the "Mutation
// testing" section of docs/architecture.md.
import { defineConfig } from 'vitest/config';

// Generous: Stryker's dry run fails outright when one test passes its limit, and on a
// loaded machine the CLI test (a real process through tsx, 1.3 s when quiet) went over
// 20 s and stopped every run of the server's modules before their first mutant.
const timeouts = { testTimeout: 60_000, hookTimeout: 60_000 };

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
