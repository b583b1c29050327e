// The docs' size figures are the build's (build/doc-figures.ts): marked, rewritten from
// the size report, and none typed by hand beside them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { figures, renderFigures } from '../build/doc-figures.ts';
import type { SizeReport } from '../build/size.ts';

const report: SizeReport = {
  ok: true,
  budget: 40 * 1024,
  script: { file: 'argos-kyc.js', raw: 125_000, gzip: 39_508, integrity: 'sha384-x' },
  lazy: [],
  esm: { files: [], raw: 130_000, gzip: 37_028 },
  esmWithI18next: { raw: 190_000, gzip: 53_742 },
  locales: [{ file: 'locales/ko.js', raw: 12_000, gzip: 4342 }],
  worker: { file: 'argos-kyc-image-worker.js', raw: 10_000, gzip: 3_990 },
};

describe('doc figures', () => {
  it('rewrites each marked figure from the size report, and only those', () => {
    const text =
      'script <!-- size:script -->37.3 KB<!-- /size -->, ko <!-- size:locale-ko -->4.0 KB<!-- /size -->, Onfido 485 KB';
    expect(renderFigures(text, report)).toBe(
      'script <!-- size:script -->38.6 KB<!-- /size -->, ko <!-- size:locale-ko -->4.2 KB<!-- /size -->, Onfido 485 KB',
    );
    expect(figures(report)).toEqual({
      script: '38.6 KB',
      esm: '36.2 KB',
      esmWithI18next: '52.5 KB',
      worker: '3.9 KB',
      'locale-ko': '4.2 KB',
    });
  });

  it('gives the lazy chunks together and the largest, when the report has them', () => {
    const lazy = [
      {
        file: 'lazy/review-step-AbCd1234.js',
        name: 'review-step',
        raw: 4000,
        gzip: 1700,
        budget: 6144,
        ok: true,
      },
      { file: 'lazy/end-step-AbCd1234.js', name: 'end-step', raw: 400, gzip: 350, budget: 4096, ok: true },
    ];
    expect(figures({ ...report, lazy })).toMatchObject({ lazy: '2.0 KB', 'lazy-largest': '1.7 KB' });
  });

  it("gives the face detector's download on each path, script tag and ESM, when the report has them", () => {
    const path = (gzip: number) => ({ files: [], gzip, budget: 500 * 1024, ok: true });
    expect(
      figures({
        ...report,
        face: path(485_000),
        faceWasm: path(430_000),
        esmFace: path(485_200),
        esmFaceWasm: path(440_600),
      }),
    ).toMatchObject({
      face: '473.6 KB',
      'face-wasm': '419.9 KB',
      'esm-face': '473.8 KB',
      'esm-face-wasm': '430.3 KB',
    });
    expect(figures(report)).not.toHaveProperty('esm-face-wasm');
  });

  it('refuses a marker the report has no figure for', () => {
    expect(() => renderFigures('<!-- size:scripts -->1 KB<!-- /size -->', report)).toThrow(/"scripts"/);
  });

  it.each(['docs/integration.md', 'README.md'])(
    '%s gives the build’s figures through markers only (no size typed by hand)',
    (file) => {
      const text = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');
      expect(text).toContain('<!-- size:script -->');
      const unmarked = text.replace(/<!-- size:[\w-]+ -->[^<]*<!-- \/size -->/g, '');
      expect(unmarked.match(/\b\d+\.\d KB\b/g) ?? []).toEqual([]);
    },
  );
});
