// The Node test project alone, for StrykerJS (stryker.config.mjs): its Vitest runner
// cannot drive browser mode, so modules covered only by *.browser.test.ts files
// (the XHR upload path, the IndexedDB resume store) score low under it. See the
// "Mutation testing" section of docs/architecture.md.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['packages/server/test/**/*.test.ts', 'packages/core/test/**/*.test.ts'],
    exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
