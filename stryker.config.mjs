// Mutation testing of the security-critical modules (`pnpm mutate`; see the
// "Mutation testing" section of docs/architecture.md for when to run it and
// which surviving mutants are equivalent).
import { createRequire } from 'node:module';

// pnpm does not hoist the plugins next to @stryker-mutator/core, where its default
// "@stryker-mutator/*" lookup searches: name them by their resolved paths.
const require = createRequire(import.meta.url);
const plugin = (name) => require.resolve(name);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  plugins: [plugin('@stryker-mutator/vitest-runner'), plugin('@stryker-mutator/typescript-checker')],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.stryker.json',
  coverageAnalysis: 'perTest',
  mutate: [
    'packages/server/src/{endpoint.ts,endpoint/**/*.ts}',
    'packages/server/src/{tokens,validate,multipart,rate-limit}.ts',
    'packages/core/src/client/**/*.ts',
    'packages/core/src/flow/{machine,rules,address-guess}.ts',
    'packages/core/src/store/**/*.ts',
  ],
  // The machine is shared: two workers at most (`pnpm mutate --concurrency 1` on a busy one).
  concurrency: 2,
  timeoutMS: 10_000,
  // A mutant is "timed out" (counted as detected) when its tests take longer than
  // factor x their dry-run time + timeoutMS. On a shared machine whose load rises
  // after the dry run, the default factor (1.5) turned slow but passing runs of
  // static mutants into timeouts, i.e. false kills: give the tests room.
  timeoutFactor: 4,
  // `pnpm mutate --incremental` reuses results of unchanged mutants and tests from this file.
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
