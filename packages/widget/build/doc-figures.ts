// The size figures in the docs come from the build's size report, never typed by hand.
// A figure in a Markdown file sits between markers that name it:
//
//   <!-- size:script -->38.6 KB<!-- /size -->
//
// and `writeDocFigures` (run by build.ts after the size check) rewrites what is between
// them from dist/size-report.json. Names: script, esm, esmWithI18next, worker, locale-<lang>,
// lazy (the script's chunks together), lazy-largest, face and face-wasm (the script-tag
// build's face detector on each path), esm-face and esm-face-wasm (the ESM build's).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SizeReport } from './size.ts';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Each figure's text by marker name (gzip sizes). */
export function figures(report: SizeReport): Record<string, string> {
  const out: Record<string, string> = {
    script: kb(report.script.gzip),
    esm: kb(report.esm.gzip),
    worker: kb(report.worker.gzip),
  };
  if (report.esmWithI18next) out.esmWithI18next = kb(report.esmWithI18next.gzip);
  // The face detector's download on each path: script tag (face, face-wasm) and ESM (esm-face, esm-face-wasm).
  const face = {
    face: report.face,
    'face-wasm': report.faceWasm,
    'esm-face': report.esmFace,
    'esm-face-wasm': report.esmFaceWasm,
  };
  for (const [name, size] of Object.entries(face)) if (size) out[name] = kb(size.gzip);
  if (report.lazy?.length) {
    out.lazy = kb(report.lazy.reduce((n, c) => n + c.gzip, 0));
    out['lazy-largest'] = kb(Math.max(...report.lazy.map((c) => c.gzip)));
  }
  for (const locale of report.locales) {
    const lang = /locales\/([^/]+)\.js$/.exec(locale.file)?.[1];
    if (lang) out[`locale-${lang}`] = kb(locale.gzip);
  }
  return out;
}

const MARKER = /(<!-- size:([\w-]+) -->)([^<]*)(<!-- \/size -->)/g;

/** `text` with every marked figure rewritten; throws on a marker the report has no figure for. */
export function renderFigures(text: string, report: SizeReport): string {
  const values = figures(report);
  return text.replace(MARKER, (_m, open: string, name: string, _old: string, close: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`size marker "${name}" names no figure of the size report`);
    return `${open}${value}${close}`;
  });
}

/** Rewrites the marked figures of each existing file; answers the files that changed. */
export function writeDocFigures(files: string[], report: SizeReport): string[] {
  const changed: string[] = [];
  for (const file of files) {
    if (!existsSync(file)) continue; // a staged copy of the package (packaging test) has no docs
    const text = readFileSync(file, 'utf8');
    const next = renderFigures(text, report);
    if (next !== text) {
      writeFileSync(file, next);
      changed.push(file);
    }
  }
  return changed;
}
