#!/usr/bin/env node
// `pnpm bench` runs every package's benchmark in turn (image pipeline, proxy, size and first
// screen vs a peer) and prints their figures for the README. `pnpm bench --quick` runs each
// in a few seconds and is a stage of `npm test`: it checks that each benchmark runs to its
// end and prints every figure (not that a timing is met), so that none can rot unseen.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');

/** Each benchmark, and the figures its output must hold. */
const benches = [
  {
    pkg: '@argos-kyc/core',
    figures: [
      /^worker\s*: median \d+ ms/m,
      /^main thread\s*: median \d+ ms/m,
      /^flow total: .* = \d+ bytes/m,
      /^frame analysis 480x360 \(node\): median [\d.]+ ms, p95 [\d.]+ ms .* longest slice [\d.]+ ms/m,
      /^frame analysis .* \(worker, headless Chromium\): median [\d.]+ ms, p95 [\d.]+ ms/m,
    ],
  },
  {
    // The face detector candidate of issue 13 (packages/core/bench/face/run.ts).
    pkg: '@argos-kyc/core',
    script: 'bench:face',
    figures: [
      /^detector bytes: code [\d.]+ KB gzip .* = [\d.]+ KB gzip/m,
      /^backend \w+: cold load \d+ ms, first detection \d+ ms; per detection at \d+: median \d+ ms/m,
      /longest main-thread task \d+ ms/,
      // The widget's path on WASM, then with WebAssembly refused (WebGL, else CPU): both are figures.
      /^selfie path \(the core's face worker, backend wasm\): worker [\d.]+ KB \+ \.wasm [\d.]+ KB \+ weights [\d.]+ KB = [\d.]+ KB gzip; cold load \d+ ms .* per detection in the worker at \d+: median \d+ ms; verdict for a well-placed face \d+ ms .* longest main-thread task while live \d+ ms/m,
      /^selfie path \(the core's face worker, backend (webgl|cpu)\): .* cold load \d+ ms .* per detection in the worker at \d+: median \d+ ms; verdict for a well-placed face \d+ ms .* longest main-thread task while live \d+ ms/m,
    ],
  },
  {
    pkg: '@argos-kyc/server',
    figures: [
      /^session tokens minted: [\d,]+ \/s/m,
      /direct to the sandbox: +median [\d.]+ ms/,
      /through a bare pipe \(no checks\): +median [\d.]+ ms/,
      /through the proxy: +median [\d.]+ ms/,
      /proxy process CPU per step 1: +[\d.]+ ms/,
      /per bare pass-through: +[\d.]+ ms/,
      /added latency, proxy \/ bare hop: +-?[\d.]+x/,
      /CPU per step 1, proxy \/ bare hop: +[\d.]+x/,
      /mark-compacts V8 started itself: \d+ against \d+ per 100 step 1/,
      /proxy process RSS: \d+ MB idle, peak \d+ MB/,
      /\/session: memory median [\d.]+ ms, Redis median [\d.]+ ms: Redis adds -?[\d.]+ ms/,
      /step 1 \(\d+ KB image\): memory median [\d.]+ ms, Redis median [\d.]+ ms: Redis adds -?[\d.]+ ms/,
    ],
  },
  {
    // The document screen's auto-capture (issue 12) through the fake camera: delay and long tasks.
    pkg: '@argos-kyc/widget',
    script: 'bench:capture',
    figures: [
      /first still, sharp frame to shutter: median \d+ ms, max \d+ ms/,
      /longest main-thread task during live analysis: median \d+ ms, max \d+ ms/,
    ],
  },
  {
    pkg: '@argos-kyc/widget',
    figures: [
      /dist\/argos-kyc\.js +[\d.]+ KiB/,
      /dist\/onfido\.min\.js +[\d.]+ KiB/,
      /consent screen interactive +\d+ ms/,
      /core bundle: downloaded and run +\d+ ms/,
      /takes [\d.]+x as long/,
    ],
  },
];

function run(pkg, script = 'bench') {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('pnpm', ['--filter', pkg, 'run', '-s', script, ...(quick ? ['--quick'] : [])], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ code, out, seconds: (Date.now() - started) / 1000 }));
  });
}

const failures = [];
for (const bench of benches) {
  const script = bench.script ?? 'bench';
  console.log(`\n--- ${bench.pkg} ${script}${quick ? ' --quick' : ''} ---`);
  const { code, out, seconds } = await run(bench.pkg, script);
  const missing = bench.figures.filter((re) => !re.test(out));
  if (code !== 0) failures.push(`${bench.pkg} ${script}: exited with ${code}`);
  for (const re of missing) failures.push(`${bench.pkg} ${script}: no figure matching ${re}`);
  console.log(
    `--- ${bench.pkg} ${script}: ${code === 0 && !missing.length ? 'ok' : 'FAILED'} in ${seconds.toFixed(1)} s ---`,
  );
}
if (failures.length) {
  console.log(
    `\nbenchmarks that did not run to their end or print their figures:\n  ${failures.join('\n  ')}`,
  );
  process.exit(1);
}
