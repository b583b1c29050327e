// Turns the script build's ES modules (an entry and its lazy chunks, as the bundler
// wrote them) into what a page loads with one classic <script>: argos-kyc.js runs as a
// classic script (no import/export), the chunks in lazy/ stay ES modules that it
// imports. What the chunks use from the entry (Lit, the core, the shared styles) is
// handed over on one object the entry publishes under a key of this build
// (`Symbol.for('argos-kyc.<build>')`); the entry's other exports are `window.ArgosKyc`.
// The chunks' `import()` goes through the entry's checked loader (chunk-loader.ts), and
// pinFiles writes every file's hash into the entry once the files are final.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ENTRY = 'argos-kyc.js';
export const LAZY_DIR = 'lazy';
/** The name entry.ts exports its checked `import()` under. */
const LOADER_EXPORT = '__argosKycImport';
const PLACEHOLDER = /(["'`])__ARGOS_KYC_FILES__\1/;

interface Binding {
  imported: string;
  local: string;
}

/** `a as b, c` -> [{imported: a, local: b}, {imported: c, local: c}]. */
function specifiers(list: string): Binding[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [imported, local] = s.split(/\s+as\s+/);
      return { imported: imported!, local: local ?? imported! };
    });
}

const sha384 = (bytes: Buffer | string) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

export function splitScript(out: string, dist: string): void {
  // The bundler's entry only re-exports the eager group (build.ts puts every module the entry
  // reaches statically into one chunk): `export { x as Name, ... } from "./lazy/argos-kyc-HASH.js";`.
  const facade = /^\s*export\s*\{([^}]*)\}\s*from\s*(["'`])\.\/lazy\/(argos-kyc-[\w-]+\.js)\2\s*;?\s*$/.exec(
    readFileSync(join(out, ENTRY), 'utf8'),
  );
  if (!facade) throw new Error(`${ENTRY}: expected only a re-export of the eager group`);
  const eagerFile = facade[3]!;
  const publicNames = specifiers(facade[1]!); // imported: the group's export, local: the public name
  const lazyOut = join(out, LAZY_DIR);
  const chunks = readdirSync(lazyOut).filter((f) => f.endsWith('.js') && f !== eagerFile);
  const stray = readdirSync(out).filter((f) => ![ENTRY, LAZY_DIR, 'assets'].includes(f));
  if (stray.length) throw new Error(`the script build wrote files it has no place for: ${stray.join(', ')}`);

  let eager = readFileSync(join(lazyOut, eagerFile), 'utf8');
  const exportMatch = /export\s*\{([^}]*)\}\s*;?\s*$/.exec(eager);
  if (!exportMatch) throw new Error(`${eagerFile}: no export list at its end`);
  eager = eager.slice(0, exportMatch.index);
  // group export name -> its local name
  const locals = new Map(specifiers(exportMatch[1]!).map((b) => [b.local, b.imported]));
  if (/(^|[;}\s])import\s*[\w{*"'`]/.test(eager.replace(/\bimport\(/g, '')))
    throw new Error(
      `the eager group imports another module statically: it could not run as a classic script`,
    );
  // The core's default worker URL (a bundler's) is never used here: entry.ts always sets the
  // worker's URL (setImageWorkerUrl). A classic script has no import.meta.
  eager = eager.replace(
    /new URL\(\s*(?:\/\*[^*]*\*\/\s*)?(["'`])\.\.\/assets\/[\w-]+\.js\1\s*,\s*import\.meta\.url\s*\)\.href/g,
    '""',
  );
  eager = eager.replace(/(""|''|``)\s*\+\s*import\.meta\.url/g, '""');
  if (/\bimport\.meta\b/.test(eager)) throw new Error(`${ENTRY} uses import.meta: a classic script has none`);
  const loaderExport = publicNames.find((b) => b.local === LOADER_EXPORT)?.imported;
  const loader = loaderExport && locals.get(loaderExport);
  if (!loader) throw new Error(`${ENTRY} does not export ${LOADER_EXPORT} (build/script/entry.ts)`);

  // The build's key: a hash of the chunks as written, so two builds on a page never mix.
  const key = `argos-kyc.${createHash('sha256')
    .update(chunks.map((f) => readFileSync(join(lazyOut, f))).join('\n'))
    .digest('hex')
    .slice(0, 16)}`;
  const handover = `globalThis[Symbol.for(${JSON.stringify(key)})]`;
  const shared = new Set<string>();
  mkdirSync(join(dist, LAZY_DIR), { recursive: true });
  const fromEager = new RegExp(
    `import\\s*\\{([^}]*)\\}\\s*from\\s*(["'\`])\\./${eagerFile.replace(/[.-]/g, '\\$&')}\\2\\s*;?`,
    'g',
  );
  for (const file of chunks) {
    let code = readFileSync(join(lazyOut, file), 'utf8');
    code = code.replace(fromEager, (_, list: string) => {
      const bindings = specifiers(list);
      for (const b of bindings) shared.add(b.imported);
      return `const{${bindings.map((b) => `${b.imported}:${b.local}`).join(',')}}=${handover};`;
    });
    if (code.includes(eagerFile))
      throw new Error(`${LAZY_DIR}/${file} imports the eager group in a way this build does not rewrite`);
    if (/\bimport\(\s*["'`]/.test(code))
      throw new Error(
        `${LAZY_DIR}/${file} imports a chunk dynamically: only the entry may (it checks each file)`,
      );
    writeFileSync(join(dist, LAZY_DIR, file), code);
  }
  // The chunks' imports go through the checked loader.
  eager = eager.replace(
    /\bimport\(\s*(["'`])\.\/([\w.-]+\.js)\1\s*\)/g,
    (_, _q: string, file: string) => `${loader}(${JSON.stringify(`${LAZY_DIR}/${file}`)})`,
  );
  const local = (name: string) => {
    const found = locals.get(name);
    if (!found) throw new Error(`${name} is imported from the eager group, which does not export it`);
    return found;
  };
  const sharedObject = [...shared].map((name) => `${name}:${local(name)}`);
  const publicApi = publicNames
    .filter((b) => b.local !== LOADER_EXPORT)
    .map((b) => `${b.local}:${local(b.imported)}`);
  writeFileSync(
    join(dist, ENTRY),
    `var ArgosKyc=(function(){"use strict";${eager}\n` +
      // The first copy on a page wins, as its elements do (customElements keeps the first definition).
      `${handover}??=Object.freeze({${sharedObject.join(',')}});` +
      `return Object.freeze({${publicApi.join(',')}})})();\n`,
  );
}

export interface PinnedFile {
  integrity: string;
  deps?: string[];
}

/**
 * Writes into dist/argos-kyc.js the sha384 of every file it may load (lazy/, locales/,
 * the image worker), with each chunk's own imports; returns them. Run on the final
 * (ASCII-only) files.
 */
export function pinFiles(dist: string, files: string[]): Record<string, PinnedFile> {
  const pinned: Record<string, PinnedFile> = {};
  for (const file of files) {
    const code = readFileSync(join(dist, file), 'utf8');
    const deps = file.startsWith(`${LAZY_DIR}/`)
      ? // Every static import (`from "./x.js"`, or a bare `import "./x.js"`): each must be checked first.
        [...code.matchAll(/(?:\bfrom|\bimport)\s*(["'`])\.\/([^"'`]+)\1/g)].map((m) => `${LAZY_DIR}/${m[2]}`)
      : [];
    pinned[file] = { integrity: sha384(readFileSync(join(dist, file))), ...(deps.length ? { deps } : {}) };
  }
  const entryPath = join(dist, ENTRY);
  const entry = readFileSync(entryPath, 'utf8');
  if (!PLACEHOLDER.test(entry))
    throw new Error(`${ENTRY} has no place for the files' hashes (chunk-loader.ts)`);
  writeFileSync(
    entryPath,
    entry.replace(PLACEHOLDER, () => JSON.stringify(JSON.stringify(pinned))),
  );
  return pinned;
}
