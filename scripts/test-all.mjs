#!/usr/bin/env node
// Runs every test stage (types, lint, unit + browser, build with its size budget, the
// benchmarks in their quick form, e2e), keeps going after a
// failing stage so one run shows every problem, and closes with one plain
// "N passed, N failed" line counted over the test cases of all stages.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, '.reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const stages = [
  // The formatter decides layout; a file it would change fails this stage (`pnpm format` fixes it).
  { name: 'format', cmd: ['pnpm', 'run', '-s', 'format:check'] },
  { name: 'types', cmd: ['pnpm', 'run', '-s', 'typecheck'] },
  { name: 'lint', cmd: ['pnpm', 'run', '-s', 'lint'] },
  {
    name: 'unit+browser',
    cmd: [
      'pnpm',
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(reports, 'vitest.json')}`,
    ],
  },
  // The build checks the script-tag file's 40 KB gzip budget (and no eval) and fails over it.
  { name: 'build', cmd: ['pnpm', '--filter', '@argos-kyc/widget', 'run', 'build'] },
  // Every benchmark runs to its end and prints its figures (scripts/bench.mjs); no timing is judged.
  // The widget's bench measures the build the stage above made (when it passed) rather than building again.
  {
    name: 'bench',
    cmd: ['node', 'scripts/bench.mjs', '--quick'],
    env: () => (failedStages.includes('build') ? {} : { WIDGET_DIST_BUILT: '1' }),
  },
  {
    name: 'e2e',
    cmd: ['pnpm', 'exec', 'playwright', 'test', '-c', 'e2e/playwright.config.ts'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'playwright.json') },
  },
];

let passed = 0;
let failed = 0;
const failedStages = [];
for (const stage of stages) {
  console.log(`\n=== ${stage.name} ===`);
  const started = Date.now();
  const r = spawnSync(stage.cmd[0], stage.cmd.slice(1), {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, ...(typeof stage.env === 'function' ? stage.env() : stage.env) },
  });
  const ok = r.status === 0;
  console.log(
    `=== ${stage.name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`,
  );
  if (!ok) failedStages.push(stage.name);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
const vitest = readJson(join(reports, 'vitest.json'));
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
}
const pw = readJson(join(reports, 'playwright.json'));
if (pw?.stats) {
  passed += (pw.stats.expected ?? 0) + (pw.stats.flaky ?? 0);
  if (pw.stats.flaky)
    console.log(`e2e: ${pw.stats.flaky} test(s) passed only on their retry (flaky): see the list above`);
  failed += pw.stats.unexpected ?? 0;
}
// A stage that failed without counting a test (types, lint, a crash) still counts once.
for (const name of failedStages) {
  if (name === 'format' || name === 'types' || name === 'lint' || name === 'build' || name === 'bench')
    failed += 1;
}
if (failedStages.length) console.log(`\nfailed stages: ${failedStages.join(', ')}`);
if (!existsSync(join(reports, 'vitest.json'))) console.log('(no vitest report was written)');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedStages.length ? 1 : 0);
