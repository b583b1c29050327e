#!/usr/bin/env node
// Runs every test stage (types, lint, unit + browser, build with its size budget, the
// benchmarks in their quick form, e2e), keeps going after a
// failing stage so one run shows every problem, and closes with one plain
// "N passed, N failed" line counted over the test cases of all stages.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, '.reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

// `alongside` stages are single-threaded static checks: they run at the same time as the
// next plain stage (the unit and browser tests), their output held and printed after it,
// which saves most of their ~50 s on CI's two cores (issue 10: the whole run in 15 minutes).
const stages = [
  // The formatter decides layout; a file it would change fails this stage (`pnpm format` fixes it).
  { name: 'format', cmd: ['pnpm', 'run', '-s', 'format:check'], alongside: true },
  { name: 'types', cmd: ['pnpm', 'run', '-s', 'typecheck'], alongside: true },
  { name: 'lint', cmd: ['pnpm', 'run', '-s', 'lint'], alongside: true },
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
  { name: 'bench', cmd: ['node', 'scripts/bench.mjs', '--quick'] },
  {
    name: 'e2e',
    cmd: ['pnpm', 'exec', 'playwright', 'test', '-c', 'e2e/playwright.config.ts'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'playwright.json') },
  },
];

let passed = 0;
let failed = 0;
const failedStages = [];
const seconds = (started) => ((Date.now() - started) / 1000).toFixed(1);
function report(stage, ok, started) {
  console.log(`=== ${stage.name}: ${ok ? 'ok' : 'FAILED'} in ${seconds(started)} s ===`);
  if (!ok) failedStages.push(stage.name);
}

/** Starts a stage with its output held; resolves once it ended, with what it printed. */
function startHeld(stage) {
  const started = Date.now();
  const child = spawn(stage.cmd[0], stage.cmd.slice(1), { cwd: root, env: { ...process.env, ...stage.env } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ stage, ok: false, out: `${out}${error.message}\n`, started }));
    child.on('close', (code) => resolve({ stage, ok: code === 0, out, started }));
  });
}

let held = [];
for (const stage of stages) {
  if (stage.alongside) {
    console.log(`\n=== ${stage.name}: started, its output follows the next stage's ===`);
    held.push(startHeld(stage));
    continue;
  }
  console.log(`\n=== ${stage.name} ===`);
  const started = Date.now();
  // Not spawnSync: the held stages' output is read while this one runs.
  const status = await new Promise((resolve) => {
    const child = spawn(stage.cmd[0], stage.cmd.slice(1), {
      stdio: 'inherit',
      cwd: root,
      env: { ...process.env, ...stage.env },
    });
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code));
  });
  report(stage, status === 0, started);
  for (const done of await Promise.all(held)) {
    console.log(`\n=== ${done.stage.name} (ran alongside) ===`);
    process.stdout.write(done.out);
    report(done.stage, done.ok, done.started);
  }
  held = [];
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
