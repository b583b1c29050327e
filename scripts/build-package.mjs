#!/usr/bin/env node
// Builds one workspace package for npm (`pnpm build` in packages/server, sandbox, core):
// `tsc -p tsconfig.build.json` into dist/ (ES2022 + .d.ts + maps), then the few things
// tsc leaves undone, and a check that nothing published still names a .ts file.
//
//   --bin=cli.js   dist/cli.js starts with `#!/usr/bin/env node` (its map is shifted to match)
//
// Always:
// - declarations name './x.js', not './x.ts' (tsc keeps the source's extension in .d.ts);
// - `new URL('./x.ts', import.meta.url)` becomes './x.js' in the JS (tsc rewrites imports,
//   not URLs; the core's image worker is found this way by bundlers);
// - hand-written ambient .d.ts files that a source file references with
//   `/// <reference path="./x.d.ts" />` are copied to dist/ and the reference is put back
//   on the emitted .d.ts (tsc 5.5+ drops it), so consumers of the types see them too.
// Fails when an emitted .js or .d.ts still has a relative '.ts' specifier.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = process.cwd();
const src = join(pkg, 'src');
const dist = join(pkg, 'dist');
const bins = process.argv
  .slice(2)
  .filter((a) => a.startsWith('--bin='))
  .map((a) => a.slice('--bin='.length));

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const started = Date.now();
rmSync(dist, { recursive: true, force: true });
const env = {
  ...process.env,
  PATH: [join(pkg, 'node_modules/.bin'), join(root, 'node_modules/.bin'), process.env.PATH ?? ''].join(
    delimiter,
  ),
};
const tsc = spawnSync('tsc', ['-p', 'tsconfig.build.json'], {
  cwd: pkg,
  stdio: 'inherit',
  env,
  shell: process.platform === 'win32',
});
if (tsc.status !== 0) {
  console.error(`tsc -p tsconfig.build.json failed in ${relative(root, pkg)}`);
  process.exit(1);
}

// Relative specifiers ending in .ts: import/export ... from, import(), require(), new URL().
const TS_SPECIFIER =
  /((?:from|import|require)\s*\(?\s*|new\s+URL\s*\(\s*)(['"])(\.{1,2}\/[^'"\n]+?)\.(m|c)?ts\2/g;
const files = walk(dist);
for (const file of files) {
  if (file.endsWith('.d.ts')) {
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      text.replace(TS_SPECIFIER, (_m, lead, q, path, mc) => `${lead}${q}${path}.${mc ?? ''}js${q}`),
    );
  } else if (file.endsWith('.js')) {
    const text = readFileSync(file, 'utf8');
    // Only URLs: imports were rewritten by tsc (rewriteRelativeImportExtensions).
    const out = text.replace(
      /(new\s+URL\s*\(\s*)(['"])(\.{1,2}\/[^'"\n]+?)\.ts(\2\s*,\s*import\.meta\.url)/g,
      (_m, lead, q, path, tail) => {
        const target = join(dirname(file), `${path}.js`);
        if (!existsSync(target))
          throw new Error(
            `${relative(pkg, file)}: new URL('${path}.ts') has no built ${relative(pkg, target)}`,
          );
        return `${lead}${q}${path}.js${tail}`;
      },
    );
    if (out !== text) writeFileSync(file, out);
  }
}

// Ambient declarations referenced from sources travel with the emitted declarations.
for (const file of walk(src)) {
  if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue;
  const refs = [
    ...readFileSync(file, 'utf8').matchAll(/^\/\/\/\s*<reference\s+path="([^"]+\.d\.ts)"\s*\/>/gm),
  ].map((m) => m[1]);
  if (refs.length === 0) continue;
  const emitted = join(dist, relative(src, file)).replace(/\.ts$/, '.d.ts');
  for (const ref of refs) copyFileSync(join(dirname(file), ref), join(dirname(emitted), ref));
  writeFileSync(
    emitted,
    `${refs.map((r) => `/// <reference path="${r}" />`).join('\n')}\n${readFileSync(emitted, 'utf8')}`,
  );
}

for (const bin of bins) {
  const file = join(dist, bin);
  const text = readFileSync(file, 'utf8');
  const hadShebang = text.startsWith('#!');
  writeFileSync(file, `#!/usr/bin/env node\n${hadShebang ? text.slice(text.indexOf('\n') + 1) : text}`);
  chmodSync(file, 0o755);
  if (!hadShebang && existsSync(`${file}.map`)) {
    // One more generated line at the top: one more ';' at the start of the mappings.
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
    map.mappings = `;${map.mappings}`;
    writeFileSync(`${file}.map`, JSON.stringify(map));
  }
}

const left = walk(dist).filter(
  (f) => /\.(js|d\.ts)$/.test(f) && new RegExp(TS_SPECIFIER.source).test(readFileSync(f, 'utf8')),
);
if (left.length) {
  console.error(`still naming .ts files: ${left.map((f) => relative(pkg, f)).join(', ')}`);
  process.exit(1);
}
console.log(
  `${relative(root, pkg)}: dist/ built, ${walk(dist).length} files (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
