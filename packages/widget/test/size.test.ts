// The script-tag build's budgets (build/size.ts): the eager file's 40 KB, and each lazy
// chunk's own, by its step's name or the default; one line per file over budget.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { budgetErrors, checkSize, formatReport, LAZY_BUDGETS, LAZY_DEFAULT_BUDGET } from '../build/size.ts';

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
