// `pnpm run bench:face` in packages/core: the face detector candidate for issue 13, measured
// as the widget would ship it. Builds bench/face with Vite (the detector in a lazy chunk
// of its own), serves it and the tiny detector's weights from one origin on 127.0.0.1
// (no CDN), and drives headless Chromium with this project's flags (no GPU) through it,
// one fresh page per backend so that each load is cold. Prints bytes gzip, cold load,
// ms per detection per input size, the backend and the longest main-thread task.
// `--quick` times two detections at one size on the CPU backend: it checks that the
// benchmark runs to its end, not what it measures.
// Then the widget's own path (selfie.ts), twice: the core's face worker loaded cold, and
// camera-sized frames through it and the gate until the verdict on a well-placed face;
// first under a CSP that allows WebAssembly (the WASM worker), then under one that does
// not, the page saying so as `face-wasm="off"` would (the WebGL/CPU worker).
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { build } from 'vite';
import { chromiumArgs, chromiumPath } from '../../../../tools/chromium.ts';
import { faceWasmAlias } from '../../face-alias.ts';
import type { BackendResult, FaceBenchResult } from './page.ts';
import type { SelfieBenchResult } from './selfie.ts';
import { FACE_INPUT_SIZE as FACE_DETECTOR_INPUT } from '../../src/face/protocol.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..', '..');
const quick = process.argv.includes('--quick');
const runs = quick ? 2 : Number(process.env.BENCH_RUNS ?? 10);
// face-api's own bundle has no .wasm binary: WASM is measured on the widget's path below.
const backends = quick ? ['cpu'] : ['webgl', 'cpu'];
const sizes = quick ? [FACE_DETECTOR_INPUT] : [160, 224, 320, 416];
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'";
/** The policy docs/integration.md gives, which lets the WASM worker compile its binary. */
const CSP_WASM = CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'");
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
};
const WEIGHTS = ['tiny_face_detector_model-weights_manifest.json', 'tiny_face_detector_model.bin'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function gzipBytes(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadBefore = loadavg()[0]!;
  const outDir = mkdtempSync(join(tmpdir(), 'argos-kyc-face-bench-'));
  try {
    await build({
      configFile: false,
      root: here,
      logLevel: 'warn',
      resolve: { alias: faceWasmAlias },
      build: { outDir, emptyOutDir: true, minify: true, sourcemap: false, chunkSizeWarningLimit: 4096 },
    });
    const require = createRequire(join(here, '..', '..', 'package.json'));
    const modelDir = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
    const version = (
      JSON.parse(readFileSync(join(modelDir, '..', 'package.json'), 'utf8')) as { version: string }
    ).version;
    const served = join(outDir, 'model');
    mkdirSync(served);
    for (const file of WEIGHTS) copyFileSync(join(modelDir, file), join(served, file));
    copyFileSync(join(root, 'e2e', 'fixtures', 'face-astronaut.png'), join(outDir, 'face-astronaut.png'));

    const assets = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
    const chunk = assets.find((f) => f.startsWith('detector'));
    if (!chunk) throw new Error(`no detector chunk among ${assets.join(', ')}`);
    const codeGzip = gzipBytes(join(outDir, 'assets', chunk));
    const codeRaw = statSync(join(outDir, 'assets', chunk)).size;
    const weightsGzip = WEIGHTS.reduce((sum, f) => sum + gzipBytes(join(served, f)), 0);
    const weightsRaw = WEIGHTS.reduce((sum, f) => sum + statSync(join(served, f)).size, 0);

    const requests = new Set<string>();
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
      const file = join(outDir, path === '/' ? 'index.html' : path);
      if (!file.startsWith(outDir) || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404).end();
        return;
      }
      requests.add(path);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        // The selfie page allows WebAssembly unless told not to, and so does the WASM worker's file
        // (a worker runs under the policy of its own script's response); the rest keep today's policy.
        'content-security-policy':
          (url.searchParams.get('mode') === 'selfie' && url.searchParams.get('wasm') !== 'off') ||
          /^\/assets\/worker-wasm-/.test(url.pathname)
            ? CSP_WASM
            : CSP,
        'cache-control': 'no-store',
      });
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const executablePath = chromiumPath();
    const browser = await chromium.launch({
      headless: true,
      ...(executablePath ? { executablePath } : {}),
      args: [...chromiumArgs],
    });
    const results: BackendResult[] = [];
    const selfies: SelfieBenchResult[] = [];
    let webgl = false;
    const violations: string[] = [];
    const foreign: string[] = [];
    try {
      for (const backend of backends) {
        const page = await browser.newPage();
        page.on('console', (msg) => {
          if (/Content Security Policy|Refused/i.test(msg.text()))
            violations.push(`${backend}: ${msg.text()}`);
        });
        page.on('request', (r) => {
          if (!r.url().startsWith(`http://127.0.0.1:${port}/`) && !r.url().startsWith('data:'))
            foreign.push(r.url());
        });
        await page.goto(
          `http://127.0.0.1:${port}/?runs=${runs}&backends=${backend}&sizes=${sizes.join(',')}`,
        );
        await page.waitForFunction(() => window.faceBenchResult || window.faceBenchError, undefined, {
          timeout: 300_000,
        });
        const error = await page.evaluate(() => window.faceBenchError);
        if (error) throw new Error(`face benchmark page failed (${backend}): ${error}`);
        const r = (await page.evaluate(() => window.faceBenchResult)) as FaceBenchResult;
        webgl = r.webgl;
        results.push(...r.backends);
        await page.close();
      }
      // The widget's path: the core's face worker, cold, then frames until the gate's verdict.
      for (const query of ['mode=selfie', 'mode=selfie&wasm=off']) {
        const page = await browser.newPage();
        page.on('console', (msg) => {
          if (/Content Security Policy|Refused/i.test(msg.text()))
            violations.push(`selfie (${query}): ${msg.text()}`);
        });
        page.on('request', (r) => {
          if (!r.url().startsWith(`http://127.0.0.1:${port}/`) && !r.url().startsWith('data:'))
            foreign.push(r.url());
        });
        await page.goto(`http://127.0.0.1:${port}/?${query}`);
        await page.waitForFunction(() => window.selfieBenchResult || window.faceBenchError, undefined, {
          timeout: 300_000,
        });
        const error = await page.evaluate(() => window.faceBenchError);
        if (error) throw new Error(`face benchmark page failed (selfie path, ${query}): ${error}`);
        selfies.push((await page.evaluate(() => window.selfieBenchResult))!);
        await page.close();
      }
    } finally {
      await browser.close();
      server.close();
    }

    console.log(
      `Face detector: @vladmandic/face-api ${version}, tiny face detector, built with Vite into a lazy chunk`,
    );
    console.log(
      `detector bytes: code ${kb(codeGzip)} gzip (${kb(codeRaw)} raw) + weights ${kb(weightsGzip)} gzip (${kb(weightsRaw)} raw) = ${kb(codeGzip + weightsGzip)} gzip (budget 500 KB)`,
    );
    console.log(
      `served from this origin only: ${foreign.length} requests elsewhere; CSP "${CSP}" (the WASM selfie page: with 'wasm-unsafe-eval'): ${violations.length} violations; WebGL in this Chromium: ${webgl ? 'yes' : 'no'}`,
    );
    for (const v of new Set(violations)) console.log(`  violation: ${v.slice(0, 200)}`);
    for (const b of results) {
      if (!b.available) {
        console.log(`backend ${b.backend}: cannot run here`);
        continue;
      }
      const perSize = b.sizes
        .map(
          (s) =>
            `${s.inputSize}: median ${median(s.runsMs).toFixed(0)} ms (${s.faces} face${s.faces === 1 ? '' : 's'}, score ${s.score.toFixed(2)})`,
        )
        .join('; ');
      console.log(
        `backend ${b.backend}: cold load ${b.coldLoadMs.toFixed(0)} ms, first detection ${b.firstDetectionMs.toFixed(0)} ms; per detection at ${perSize}; longest main-thread task ${b.longestLongTaskMs.toFixed(0)} ms`,
      );
    }
    const emitted = readdirSync(join(outDir, 'assets'));
    const gzipOf = (test: (f: string) => boolean): number => {
      const file = emitted.find(test);
      return file ? gzipBytes(join(outDir, 'assets', file)) : 0;
    };
    const binGzip = gzipOf((f) => f.endsWith('.bin'));
    for (const selfie of selfies) {
      if (selfie.status !== 'ready') {
        console.log(`selfie path: the face worker did not start (${selfie.reason ?? selfie.status})`);
        continue;
      }
      // What this browser downloaded: the worker that ran (and, on WASM, the one binary it fetched) and the weights.
      const wasm = selfie.backend === 'wasm';
      const workerGzip = gzipOf((f) => /^worker-wasm-.*\.js$/.test(f) === wasm && /^worker-.*\.js$/.test(f));
      const wasmGzip = wasm ? gzipOf((f) => f.endsWith('.wasm')) : 0;
      const parts = `worker ${kb(workerGzip)}${wasm ? ` + .wasm ${kb(wasmGzip)}` : ''} + weights ${kb(binGzip)}`;
      console.log(
        `selfie path (the core's face worker, backend ${selfie.backend}${selfie.wasmReason ? `, WASM did not run: ${selfie.wasmReason}` : ''}): ${parts} = ${kb(workerGzip + wasmGzip + binGzip)} gzip; ` +
          `cold load ${selfie.coldLoadMs.toFixed(0)} ms (worker, backend, weights, one warm-up detection); ` +
          `per detection in the worker at ${selfie.inputSize}: median ${median(selfie.detectionsMs).toFixed(0)} ms; ` +
          `verdict for a well-placed face ${selfie.verdictMs.toFixed(0)} ms after ${selfie.frames} frames (target 1500 ms); ` +
          `longest main-thread task while live ${selfie.longestTaskMs.toFixed(0)} ms (target 50 ms)`,
      );
    }
    console.log(
      `machine: ${cpus().length} cores, load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after` +
        (loadBefore > cpus().length ? ' (busy: figures are pessimistic; run again on an idle machine)' : ''),
    );
    console.log(`face bench took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
