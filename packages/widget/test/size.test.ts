// The script-tag build's budgets (build/size.ts): the eager file's 40 KB, and each lazy
// chunk's own, by its step's name or the default; one line per file over budget. The
// ESM build's face detector: each worker in assets/ and the files it names, 500 KB a path.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  budgetErrors,
  checkSize,
  FACE_DETECTOR_BUDGET,
  formatReport,
  LAZY_BUDGETS,
  LAZY_DEFAULT_BUDGET,
  namedBeside,
} from '../build/size.ts';

let dist: string;

/** A dist/ with incompressible files of these sizes (gzip is about the size). */
function fakeDist(files: Record<string, number>): string {
  dist = mkdtempSync(join(tmpdir(), 'argos-kyc-size-'));
  mkdirSync(join(dist, 'lazy'));
  for (const [file, bytes] of Object.entries(files)) writeFileSync(join(dist, file), randomBytes(bytes));
  return dist;
}

afterEach(() => rmSync(dist, { recursive: true, force: true }));

describe('size budgets', () => {
  it('checks each lazy chunk against its own budget, and prints each', () => {
    const report = checkSize(
      fakeDist({
        'argos-kyc.js': 20_000,
        'argos-kyc-image-worker.js': 1_000,
        'index.js': 10,
        'define.js': 10,
        'lazy/review-step-AbCd1234.js': 2_000,
        'lazy/address-step-Zz_-9876.js': LAZY_BUDGETS['address-step']! + 2_000,
        'lazy/new-look-step-Qw12Er34.js': 1_000,
      }),
    );
    expect(report.ok).toBe(false);
    const byName = Object.fromEntries(report.lazy.map((c) => [c.name, c]));
    expect(byName['review-step']).toMatchObject({ budget: LAZY_BUDGETS['review-step'], ok: true });
    expect(byName['address-step']).toMatchObject({ budget: LAZY_BUDGETS['address-step'], ok: false });
    // A chunk no one named (a new step) still has a budget.
    expect(byName['new-look-step']).toMatchObject({ budget: LAZY_DEFAULT_BUDGET, ok: true });
    expect(budgetErrors(report)).toEqual([
      expect.stringMatching(
        /^size budget exceeded: dist\/lazy\/address-step-Zz_-9876\.js is \d+ bytes gzip, the budget of address-step is 8192 bytes/,
      ),
    ]);
    const printed = formatReport(report);
    for (const c of report.lazy) expect(printed).toContain(`${c.file} (lazy): `);
    expect(printed).toMatch(/address-step-Zz_-9876\.js \(lazy\): .* OVER BUDGET/);
  });

  it('fails on the eager file alone over 40 KB, with its own line', () => {
    const report = checkSize(
      fakeDist({
        'argos-kyc.js': 42_000,
        'argos-kyc-image-worker.js': 1_000,
        'index.js': 10,
        'define.js': 10,
      }),
    );
    expect(report.ok).toBe(false);
    expect(budgetErrors(report)).toEqual([
      expect.stringMatching(
        /^size budget exceeded: dist\/argos-kyc\.js is \d+ bytes gzip, the budget is 40960 bytes$/,
      ),
    ]);
  });
});

describe("the ESM build's face detector", () => {
  /** A worker of assets/ that names `beside` as the ESM build writes them (esm-face.ts), then `bytes` of noise. */
  function worker(file: string, beside: string[], bytes: number): void {
    const names = beside.map((f) => `new URL(\`./${f}\`,import.meta.url).href`).join(';');
    writeFileSync(join(dist, 'assets', file), Buffer.concat([Buffer.from(`${names};`), randomBytes(bytes)]));
  }

  function esmDist(wasmBytes: number): string {
    fakeDist({ 'argos-kyc.js': 20_000, 'argos-kyc-image-worker.js': 1_000, 'index.js': 10, 'define.js': 10 });
    mkdirSync(join(dist, 'assets'));
    for (const [file, bytes] of Object.entries({
      'model-AbCd1234.bin': 150_000,
      'simd-AbCd1234.wasm': wasmBytes,
      // An asset no face worker names (the image worker, another bundle's): not counted.
      'worker-Qw12Er34.js': 50_000,
    }))
      writeFileSync(join(dist, 'assets', file), randomBytes(bytes));
    worker('face-wasm-worker-Zz_-9876.js', ['simd-AbCd1234.wasm', 'model-AbCd1234.bin'], 140_000);
    worker('face-worker-Zz_-9876.js', ['model-AbCd1234.bin'], 300_000);
    return dist;
  }

  it('counts each worker with the files it names beside itself, and passes within 500 KB a path', () => {
    const report = checkSize(esmDist(130_000));
    expect(report.ok).toBe(true);
    expect(report.esmFaceWasm?.files.map((f) => f.file)).toEqual([
      'assets/face-wasm-worker-Zz_-9876.js',
      'assets/model-AbCd1234.bin',
      'assets/simd-AbCd1234.wasm',
    ]);
    expect(report.esmFace?.files.map((f) => f.file)).toEqual([
      'assets/face-worker-Zz_-9876.js',
      'assets/model-AbCd1234.bin',
    ]);
    expect(report.esmFaceWasm!.gzip).toBeGreaterThan(420_000);
    expect(formatReport(report)).toMatch(
      /^ESM face detector on WASM: .* = [\d.]+ KB gzip \(budget 500\.0 KB\) ok$/m,
    );
    expect(formatReport(report)).toMatch(/^ESM face detector on WebGL\/CPU: .* ok$/m);
  });

  it('fails the build when the WASM path is over 500 KB, naming its files', () => {
    const report = checkSize(esmDist(230_000));
    expect(report.ok).toBe(false);
    expect(report.esmFaceWasm!.gzip).toBeGreaterThan(FACE_DETECTOR_BUDGET);
    expect(budgetErrors(report)).toEqual([
      expect.stringMatching(
        /^size budget exceeded: the ESM build's face detector on WASM \(assets\/face-wasm-worker-Zz_-9876\.js \+ assets\/model-AbCd1234\.bin \+ assets\/simd-AbCd1234\.wasm\) is \d+ bytes gzip, the budget is 512000 bytes/,
      ),
    ]);
  });

  it('refuses a worker that names a file the build did not emit', () => {
    esmDist(130_000);
    rmSync(join(dist, 'assets', 'simd-AbCd1234.wasm'));
    expect(() => checkSize(dist)).toThrow(/names assets\/simd-AbCd1234\.wasm, which the build did not emit/);
  });

  it('reads the names however the minifier quotes them, and only relative ones', () => {
    expect(
      namedBeside(
        `a=new URL("./a.bin", import.meta.url);b=new URL('./b.wasm',import.meta.url);c=new URL(\`./c.js\`,import.meta.url);d=new URL("https://cdn.example/d.bin",import.meta.url)`,
      ),
    ).toEqual(['a.bin', 'b.wasm', 'c.js']);
  });
});
