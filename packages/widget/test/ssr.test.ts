// Importing @argos-kyc/widget on a server (SSR, plain Node) must not touch the DOM:
// no `window`, `document`, `location` or storage at import time, and no element
// registered. Checked on the source entry (what the workspace runs) and on the
// built ESM (what npm ships), each in a plain `node` process whose DOM globals are
// traps that record every access and who made it. The one access allowed is Lit's
// own SSR check (lit-html reads `document` to see that there is none).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('..', import.meta.url));

/** Runs in a fresh Node: traps the DOM globals, imports `entry`, reports what was touched. */
const PROBE = `
const touched = [];
const caller = () => {
  const frame = new Error().stack.split('\\n')[3] ?? '';
  return frame.includes('/lit-html/') ? 'lit-html' : frame.replace(/^\\s*at\\s+/, '').replace(process.cwd(), '.');
};
for (const name of ['window', 'document', 'location', 'localStorage', 'sessionStorage', 'indexedDB', 'self', 'history']) {
  if (name in globalThis) throw new Error('this Node already has ' + name);
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() { touched.push('read ' + name + ' by ' + caller()); return undefined; },
    set() { touched.push('wrote ' + name + ' by ' + caller()); },
  });
}
const mod = await import(process.env.ENTRY);
const registered = globalThis.customElements?.get?.('argos-kyc') !== undefined;
process.stdout.write(JSON.stringify({ touched, registered, exports: Object.keys(mod).sort(), element: typeof mod.ArgosKyc }));
`;

interface ProbeResult {
  touched: string[];
  registered: boolean;
  exports: string[];
  element: string;
}

function probe(entry: string, loader: string[] = []): ProbeResult {
  const r = spawnSync(process.execPath, [...loader, '--input-type=module', '-e', PROBE], {
    cwd: pkg,
    env: { ...process.env, ENTRY: pathToFileURL(entry).href },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (r.status !== 0) throw new Error(`node exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return JSON.parse(r.stdout) as ProbeResult;
}

describe('server-side import (no DOM)', () => {
  let out: string;

  beforeAll(() => {
    // Inside the package, so that the built modules find lit and i18next in its node_modules.
    out = mkdtempSync(join(pkg, 'node_modules', '.ssr-build-'));
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'build/build.ts', '--only=esm', `--out=${out}`],
      { cwd: pkg, encoding: 'utf8', timeout: 60_000 },
    );
    if (r.status !== 0) throw new Error(`ESM build failed: ${r.stderr.slice(0, 2000)}`);
  }, 90_000);

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('the built ESM entry (dist/index.js) exports the element without touching window or document', () => {
    const result = probe(join(out, 'index.js'));
    expect(result.touched.filter((t) => !t.endsWith(' by lit-html'))).toEqual([]);
    expect(result.registered).toBe(false);
    expect(result.element).toBe('function');
    expect(result.exports).toEqual(
      expect.arrayContaining(['ArgosKyc', 'KycStepChangeEvent', 'SUPPORTED_LOCALES']),
    );
  });

  it('the source entry (src/index.ts) does the same', () => {
    const result = probe(join(pkg, 'src/index.ts'), ['--import', 'tsx']);
    expect(result.touched.filter((t) => !t.endsWith(' by lit-html'))).toEqual([]);
    expect(result.registered).toBe(false);
    expect(result.element).toBe('function');
  });

  it('the probe does catch a module that reads window (so the checks above can fail)', () => {
    const bad = join(out, 'touches-window.mjs');
    spawnSync(process.execPath, [
      '-e',
      `require('fs').writeFileSync(${JSON.stringify(bad)}, 'export const w = typeof window === "undefined" ? 0 : 1; export const d = globalThis.document;')`,
    ]);
    const touched = probe(bad).touched;
    expect(touched).toHaveLength(2);
    expect(touched[0]).toMatch(/^read window by .*touches-window\.mjs/);
    expect(touched[1]).toMatch(/^read document by .*touches-window\.mjs/);
  });
});
