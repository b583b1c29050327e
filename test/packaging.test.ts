// What npm users get, tried the way a new integrator tries it. Every non-private
// package under packages/ is packed the way `pnpm publish` packs it (prepack builds
// dist/, publishConfig points the manifest at it, `workspace:` ranges become
// versions), and the tarballs are installed with npm, in ONE install together with
// Express 5, into a fresh app folder outside the repository, with `--engine-strict`
// on this machine's Node (20). Then, with only what npm installed:
// - each package's manifest names only built files that are in its tarball;
// - plain Node imports each package; both bins run;
// - an Express 5 shop built from the Express example of packages/server/README.md,
//   taken from the README as written, talks to the installed sandbox bin; the
//   installed core's client completes a verification (approved) through it, and the
//   installed widget's script-tag file, served by the shop, registers <argos-kyc> in
//   Chromium and opens its session;
// - Vite bundles an app that imports the widget's ESM build and the core (one Lit,
//   shared with the app; the core's image worker a file of its own); and an app that runs
//   the selfie's face check (`checkFace`) runs it on WebAssembly in Chromium from the files
//   its own build emitted (the face worker, the .wasm, the weights), built for production
//   and in Vite's dev server, with no request to any other origin;
// - the published types type-check in a strict consumer (`exactOptionalPropertyTypes`,
//   `skipLibCheck: false`), Express middleware included.
//
// The packages are packed from a staged copy in a temp folder, so the test never
// touches the dist/ folders of the checkout. It needs the npm registry for Express and
// the packages' dependencies (`--prefer-offline`: the npm cache first).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../tools/chromium.ts';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  [key: string]: unknown;
}
const readJson = (file: string): Manifest => JSON.parse(readFileSync(file, 'utf8'));

/** Every package that would be published: packages/* without `"private": true`. */
const PACKAGES = readdirSync(join(root, 'packages'))
  .filter((dir) => existsSync(join(root, 'packages', dir, 'package.json')))
  .map((dir) => ({ dir, manifest: readJson(join(root, 'packages', dir, 'package.json')) }))
  .filter((p) => !p.manifest.private);
const NAMES = PACKAGES.map((p) => p.manifest.name);
const VERSIONS = new Map(PACKAGES.map((p) => [p.manifest.name, p.manifest.version]));

/** The webpack an integrator's app is built with below (its Node API: webpack-cli wants a newer Node). */
const WEBPACK = '5.113.0';

let tmp: string;
let app: string;
let typecheck: Promise<{ stdout: string }>;
const installed = (name: string) => join(app, 'node_modules', name);
/**
 * The environment of a plain `node` in a shell: no loader a test runner may have put in
 * NODE_OPTIONS, and none of Vitest's variables (NODE_ENV=test would change a Vite build).
 */
const plainEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const key of Object.keys(env))
    if (key === 'NODE_OPTIONS' || key === 'NODE_ENV' || key === 'TEST' || key.startsWith('VITEST'))
      delete env[key];
  return env;
};
/** execFile, with the command's output in the error when it fails. */
const runLoud = (cmd: string, args: string[], options: Parameters<typeof run>[2]) =>
  run(cmd, args, options).catch((e: Error & { stdout?: string; stderr?: string }) => {
    throw new Error(
      `${e.message}\n${String(e.stdout ?? '').slice(-3000)}\n${String(e.stderr ?? '').slice(-3000)}`,
    );
  });

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** What `pnpm publish` writes for a `workspace:` range. */
function published(range: string, name: string): string {
  if (!range.startsWith('workspace:')) return range;
  const version = VERSIONS.get(name);
  if (!version) throw new Error(`${name}: a workspace dependency that is not a package here`);
  const spec = range.slice('workspace:'.length);
  return spec === '*' ? version : spec === '^' || spec === '~' ? `${spec}${version}` : spec;
}

/** A copy of the package without its tests, outputs and devDependencies (they are workspace links). */
function stage(dir: string, stageRoot: string): string {
  const from = join(root, 'packages', dir);
  const to = join(stageRoot, 'packages', dir);
  const skip = new Set(['node_modules', 'dist', 'test', 'bench', '.vitest']);
  cpSync(from, to, {
    recursive: true,
    filter: (src) => src === from || !skip.has(relative(from, src).split(/[\\/]/)[0]!),
  });
  const manifest = readJson(join(from, 'package.json'));
  delete manifest.devDependencies;
  for (const field of ['dependencies', 'peerDependencies'] as const) {
    const deps = manifest[field];
    if (deps) for (const [name, range] of Object.entries(deps)) deps[name] = published(range, name);
  }
  // `pnpm run build` outside a workspace first re-checks the install and cannot resolve
  // the sibling packages: run the build script itself, as that nested run would.
  const scripts = manifest.scripts as Record<string, string> | undefined;
  if (scripts?.prepack === 'pnpm run build' && scripts.build) scripts.prepack = scripts.build;
  writeFileSync(join(to, 'package.json'), JSON.stringify(manifest, null, 2));
  // A package without dependencies has no node_modules of its own.
  if (existsSync(join(from, 'node_modules')))
    symlinkSync(join(from, 'node_modules'), join(to, 'node_modules'), 'dir');
  return to;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts an installed program; `ready` is a line it prints, or a check polled until it passes. */
async function startProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp | (() => Promise<boolean>),
): Promise<{ child: ChildProcess; match: RegExpMatchArray | null; output: () => string }> {
  const child = spawn(command, args, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`${command} exited (${exited}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`${command} did not start:\n${output}`);
    const match = ready instanceof RegExp ? ready.exec(output) : null;
    if (match) return { child, match, output: () => output };
    if (typeof ready === 'function' && (await ready().catch(() => false)))
      return { child, match: null, output: () => output };
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Type-checks a strict consumer of every package (started as soon as the install is done:
 * tsc with skipLibCheck off is the slowest step, and the other tests run meanwhile).
 */
function startTypecheck(): Promise<{ stdout: string }> {
  writeFileSync(
    join(app, 'consumer.ts'),
    `import express from 'express';
import { ArgosClient, createKycHandler, toExpressMiddleware, type Submission } from '@argos-kyc/server';
import { startSandbox, type Sandbox } from '@argos-kyc/sandbox';
import { createFlow, prepareImage, type FlowOptions } from '@argos-kyc/core';
import type { ArgosKyc } from '@argos-kyc/widget';
import { MAX_STEP2_ATTEMPTS, type Step2Answer } from '@argos-kyc/protocol';
import type { CodeArea } from 'open-location-code';
export const client: ArgosClient = new ArgosClient({ apiKey: 'k' });
export const first = async (): Promise<Submission | undefined> => (await client.listSubmissions()).items[0];
export const start: () => Promise<Sandbox> = () => startSandbox({ port: 0 });
export type Uses = [typeof createFlow, typeof prepareImage, FlowOptions, CodeArea, ArgosKyc['credentials'], Step2Answer];
export const attempts: 3 = MAX_STEP2_ATTEMPTS;
const kyc = createKycHandler({
  client,
  secrets: [{ kid: 'k1', secret: 'x'.repeat(32) }],
  resolveApplicant: () => ({ userid: 'u1' }),
});
express().use(toExpressMiddleware(kyc));
`,
  );
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'ES2022',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        strict: true,
        exactOptionalPropertyTypes: true,
        noEmit: true,
        skipLibCheck: false,
        types: ['node'],
      },
      files: ['consumer.ts'],
    }),
  );
  return run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', app], {
    env: plainEnv(),
  }).catch((e: { stdout: string }) => e);
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'argos-kyc-packaging-'));
  const stageRoot = join(tmp, 'stage');
  mkdirSync(join(stageRoot, 'scripts'), { recursive: true });
  cpSync(join(root, 'tsconfig.base.json'), join(stageRoot, 'tsconfig.base.json'));
  cpSync(join(root, 'scripts/build-package.mjs'), join(stageRoot, 'scripts/build-package.mjs'));
  symlinkSync(join(root, 'node_modules'), join(stageRoot, 'node_modules'), 'dir');
  const tarballs = join(tmp, 'tarballs');
  // The workspace's tools (tsc, tsx) on PATH, as `pnpm run` gives them inside the repository.
  const env = plainEnv({ PATH: [join(root, 'node_modules/.bin'), process.env.PATH ?? ''].join(delimiter) });
  await Promise.all(
    PACKAGES.map(({ dir }) =>
      runLoud('pnpm', ['pack', '--pack-destination', tarballs], { cwd: stage(dir, stageRoot), env }),
    ),
  );

  app = join(tmp, 'shop');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  expect(files).toHaveLength(PACKAGES.length);
  const express = readJson(join(root, 'packages/server/node_modules/express/package.json')).version;
  const expressTypes = readJson(
    join(root, 'packages/server/node_modules/@types/express/package.json'),
  ).version;
  // One install: the tarballs, the shop's Express and its types. `--engine-strict`: every
  // package installed, peers and dependencies included, declares this Node as supported.
  await runLoud(
    'npm',
    [
      'install',
      '--engine-strict',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      '--prefer-offline',
      ...files,
      `express@${express}`,
      `@types/express@${expressTypes}`,
      `webpack@${WEBPACK}`,
    ],
    { cwd: app, env: plainEnv() },
  );
  typecheck = startTypecheck();
}, 600_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the packed packages', () => {
  it('are every non-private package, the widget and the protocol included', () => {
    expect(NAMES).toEqual(
      expect.arrayContaining([
        '@argos-kyc/protocol',
        '@argos-kyc/server',
        '@argos-kyc/sandbox',
        '@argos-kyc/core',
        '@argos-kyc/widget',
      ]),
    );
  });

  it.each(NAMES)('%s names only built files that are in its tarball, and no TypeScript source', (name) => {
    const dir = installed(name);
    const manifest = readJson(join(dir, 'package.json'));
    const targets: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') targets.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    for (const field of ['main', 'module', 'types', 'exports', 'bin', 'unpkg', 'jsdelivr', 'customElements'])
      collect(manifest[field]);
    expect(targets.length, `${name} names its entry points`).toBeGreaterThan(0);
    for (const target of targets) {
      const path = target.replace(/^\.\//, '');
      expect(path, `${name}: ${target}`).toMatch(/^(dist\/.+|package\.json)$/);
      // A subpath pattern ("./dist/locales/*") names a folder that must be there.
      const file = path.includes('*') ? dirname(path) : path;
      expect(existsSync(join(dir, file)), `${name}: ${target} is in the tarball`).toBe(true);
    }
    const sources = walk(dir).filter((f) => /\.(c|m)?tsx?$/.test(f) && !f.endsWith('.d.ts'));
    expect(sources.map((f) => relative(dir, f))).toEqual([]);
  });

  it('leave Lit and i18next to the host: peer dependencies with ranges, installed once at the top', () => {
    const manifest = readJson(join(installed('@argos-kyc/widget'), 'package.json'));
    expect(Object.keys(manifest.peerDependencies ?? {}).sort()).toEqual(['i18next', 'lit']);
    expect(Object.keys(manifest.dependencies ?? {})).not.toContain('lit');
    expect(Object.keys(manifest.dependencies ?? {})).not.toContain('i18next');
    for (const range of Object.values(manifest.peerDependencies ?? {})) expect(range).toMatch(/^\^\d/);
    expect(existsSync(join(app, 'node_modules/lit/package.json'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/i18next/package.json'))).toBe(true);
    expect(existsSync(join(installed('@argos-kyc/widget'), 'node_modules/lit'))).toBe(false);
  });
});

describe('plain Node, no tsx', () => {
  it('imports every package', { timeout: 60_000 }, async () => {
    const script = join(app, 'imports.mjs');
    writeFileSync(
      script,
      `const names = ${JSON.stringify(NAMES)};
const out = {};
for (const name of names) out[name] = Object.keys(await import(name)).length > 0;
// The protocol's vocabulary works from its built files.
const { reasonOf } = await import('@argos-kyc/protocol');
out.reason = reasonOf('No face detected');
console.log(JSON.stringify(out));
`,
    );
    const { stdout } = await run(process.execPath, [script], { cwd: app, env: plainEnv() });
    expect(JSON.parse(stdout)).toEqual({
      ...Object.fromEntries(NAMES.map((n) => [n, true])),
      reason: 'no_face',
    });
  });

  it(
    'runs the bins from node_modules/.bin, each declared on built JavaScript with a node shebang',
    {
      timeout: 60_000,
    },
    async () => {
      const bins = { '@argos-kyc/server': 'argos-kyc', '@argos-kyc/sandbox': 'argos-kyc-sandbox' };
      for (const [name, bin] of Object.entries(bins)) {
        const manifest = readJson(join(installed(name), 'package.json'));
        expect(manifest.bin).toEqual({ [bin]: './dist/cli.js' });
        expect(readFileSync(join(installed(name), 'dist/cli.js'), 'utf8').split('\n')[0]).toBe(
          '#!/usr/bin/env node',
        );
      }
      const server = await run(join(app, 'node_modules/.bin/argos-kyc'), ['--help'], { env: plainEnv() });
      expect(server.stdout).toContain('argos-kyc <command> [options]');
      const sandbox = await run(join(app, 'node_modules/.bin/argos-kyc-sandbox'), ['--help'], {
        env: plainEnv(),
      });
      // The installed bin's name, not the monorepo's `pnpm sandbox`.
      expect(sandbox.stdout).toMatch(/^Usage: argos-kyc-sandbox .*--port/);
    },
  );
});

describe('an Express 5 shop wired by the server README, against the installed sandbox bin', () => {
  let sandbox: Awaited<ReturnType<typeof startProcess>> | undefined;
  let shop: Awaited<ReturnType<typeof startProcess>> | undefined;
  let shopUrl: string;
  let sandboxApi: string;

  beforeAll(async () => {
    sandbox = await startProcess(
      join(app, 'node_modules/.bin/argos-kyc-sandbox'),
      ['--port', '0', '--auto-approve', '--quiet', '--api-key', 'shop-sandbox-key'],
      plainEnv(),
      /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    );
    sandboxApi = `${sandbox.match![1]}/v2`;

    // The README's Express example as written; the shop brings its own `users` and
    // `metrics` (the README's placeholders) and its page with the widget's script tag.
    const readme = readFileSync(join(installed('@argos-kyc/server'), 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Express (Node)'));
    const example = /```(?:ts|js)\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example, 'the README has an Express example').toBeDefined();
    writeFileSync(
      join(app, 'shop.mjs'),
      `// The shop's own sign-in and metrics.
const users = {
  async fromSessionCookie(cookie) {
    return /(^|;\\s*)sid=alex(;|$)/.test(cookie ?? '') ? { id: 'alex-1', email: 'alex@shop.example', plan: 'gold' } : null;
  },
};
const metrics = { record() {} };
${example}`,
    );
    const widgetDist = join(installed('@argos-kyc/widget'), 'dist');
    mkdirSync(join(app, 'public'));
    // The integrator copies the script-tag file and what loads beside it into its static folder.
    for (const f of ['argos-kyc.js', 'argos-kyc-image-worker.js', 'locales', 'lazy'])
      cpSync(join(widgetDist, f), join(app, 'public', f), { recursive: true });
    const integrity = readJson(join(widgetDist, 'size-report.json')) as unknown as {
      script: { integrity: string };
    };
    writeFileSync(
      join(app, 'public/index.html'),
      `<!doctype html><meta charset="utf-8"><title>Shop</title>
<script src="/argos-kyc.js" integrity="${integrity.script.integrity}" crossorigin="anonymous"></script>
<argos-kyc endpoint="/kyc" disable-resume></argos-kyc>
`,
    );
    const port = await freePort();
    shopUrl = `http://127.0.0.1:${port}`;
    shop = await startProcess(
      process.execPath,
      ['shop.mjs'],
      plainEnv({
        PORT: String(port),
        ARGOS_API_KEY: 'shop-sandbox-key',
        ARGOS_BASE_URL: sandboxApi,
        KYC_TOKEN_SECRET: 'a-shop-secret-of-at-least-32-bytes!!',
      }),
      // Express prints nothing: the shop is up once its endpoint answers.
      async () => (await fetch(`${shopUrl}/kyc/session`, { method: 'POST' })).status === 401,
    );
  }, 120_000);

  afterAll(() => {
    shop?.child.kill();
    sandbox?.child.kill();
  });

  it(
    'completes a verification (approved) through the shop with the installed core client, then the back-office CLI shows it',
    { timeout: 60_000 },
    async () => {
      const script = join(app, 'verify.mjs');
      writeFileSync(
        script,
        `import { EndpointClient } from '@argos-kyc/core';
import { renderSpecimenId } from '@argos-kyc/sandbox';
// Signed in to the shop: its session cookie goes with every call.
const signedIn = (url, init = {}) => fetch(url, { ...init, headers: { ...init.headers, cookie: 'sid=alex' } });
const client = new EndpointClient({ endpoint: process.argv[2] + '/kyc', fetch: signedIn, transport: 'fetch' });
// The pictures first: drawing one takes a while on a busy machine, and a pause between two
// calls longer than the shop's keep-alive timeout (Node's 5 s) would race its socket close.
const picture = () => new Blob([renderSpecimenId()], { type: 'image/jpeg' });
const idImage = picture();
const faceImage = picture();
const session = await client.session();
const one = await client.step1({ idType: 'passport', issuingCountry: 'GBR', image: idImage });
const two = await client.step2({ fields: { name: one.ocr.name, birthDate: one.ocr.birthDate }, faceImage });
const status = await client.status();
console.log(JSON.stringify({ emailRequired: session.emailRequired, submissionId: one.submissionId, step2: two.kycStatus, status: status.kycStatus }));
`,
      );
      const { stdout } = await run(process.execPath, [script, shopUrl], { cwd: app, env: plainEnv() });
      const result = JSON.parse(stdout) as Record<string, string | boolean>;
      expect(result).toMatchObject({ emailRequired: false, step2: 'approved', status: 'approved' });

      const cli = await run(join(app, 'node_modules/.bin/argos-kyc'), ['show', String(result.submissionId)], {
        env: plainEnv({ ARGOS_API_KEY: 'shop-sandbox-key', ARGOS_BASE_URL: sandboxApi }),
      });
      // Identity came from the shop's sign-in (resolveApplicant), not from the client.
      expect(JSON.parse(cli.stdout)).toMatchObject({
        userid: 'alex-1',
        email: 'alex@shop.example',
        kyc: { result: 'approved' },
      });
    },
  );

  it(
    "serves the installed script-tag file, which registers <argos-kyc> in Chromium and opens a session on the shop's endpoint",
    { timeout: 60_000 },
    async () => {
      const executablePath = chromiumPath();
      const browser = await chromium.launch({
        ...(executablePath ? { executablePath } : {}),
        args: [...chromiumArgs],
      });
      try {
        const context = await browser.newContext();
        await context.addCookies([{ name: 'sid', value: 'alex', url: shopUrl }]);
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        // (The browser's own favicon request is the shop's business, not the widget's.)
        page.on(
          'console',
          (m) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && errors.push(m.text()),
        );
        const session = page.waitForResponse((r) => r.url() === `${shopUrl}/kyc/session`);
        await page.goto(`${shopUrl}/`);
        expect((await session).status()).toBe(200);
        expect(await page.evaluate(() => typeof customElements.get('argos-kyc'))).toBe('function');
        await page.getByRole('heading', { name: 'Verify your identity' }).waitFor();
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});

describe('a Vite app that bundles the ESM build', () => {
  it(
    'shares one Lit with the app, and emits the core’s image worker as a file of its own',
    { timeout: 90_000 },
    async () => {
      const vite = join(app, 'vite-app');
      mkdirSync(vite);
      writeFileSync(
        join(vite, 'index.html'),
        '<!doctype html><script type="module" src="./main.js"></script>\n',
      );
      writeFileSync(
        join(vite, 'main.js'),
        `import { LitElement } from 'lit';
import '@argos-kyc/widget/define';
import { ArgosKyc } from '@argos-kyc/widget';
import { prepareImage } from '@argos-kyc/core';
globalThis.shop = { LitElement, ArgosKyc, prepareImage };
`,
      );
      await run(
        process.execPath,
        [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
        { cwd: vite, env: plainEnv() },
      );
      const assets = readdirSync(join(vite, 'dist/assets'));
      const entry = assets.find((f) => /^index-.+\.js$/.test(f))!;
      const bundle = readFileSync(join(vite, 'dist/assets', entry), 'utf8');
      expect(bundle).toContain('argos-kyc');
      // Lit registers its version once per copy.
      expect(bundle.match(/litElementVersions/g)).toHaveLength(1);
      const worker = assets.find((f) => /^worker-.+\.js$/.test(f));
      expect(worker, `assets: ${assets.join(', ')}`).toBeDefined();
      expect(readFileSync(join(vite, 'dist/assets', worker!), 'utf8')).not.toMatch(/from\s*['"]\.\/pipeline/);
      expect(bundle).toContain(worker);
    },
  );
});

/**
 * An app that runs the selfie's face check from the installed widget: `faceCheck()` checks
 * the public-domain fixture face and a bare wall with `checkFace`, the check the selfie
 * screen runs on an upload.
 */
function faceApp(folder = 'face-app'): string {
  const dir = join(app, folder);
  if (existsSync(dir)) return dir;
  mkdirSync(join(dir, 'public'), { recursive: true });
  cpSync(join(root, 'e2e/fixtures/face-astronaut.png'), join(dir, 'public/face.png'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>\n');
  writeFileSync(
    join(dir, 'main.js'),
    `import { checkFace } from '@argos-kyc/widget';
const face = async () => createImageBitmap(await (await fetch('/face.png')).blob());
async function wall() {
  const canvas = new OffscreenCanvas(640, 480);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#7f8a96';
  ctx.fillRect(0, 0, 640, 480);
  return createImageBitmap(canvas);
}
globalThis.faceCheck = async () => ({ face: await checkFace(await face()), wall: await checkFace(await wall()) });
`,
  );
  return dir;
}

/**
 * Opens `url` in Chromium, runs the app's `faceCheck()`, and answers its verdicts, what the
 * face workers said when they loaded (their `loaded` / `unavailable` messages) and every
 * URL the page and its workers requested.
 */
async function runFaceCheck(url: string): Promise<{
  verdicts: unknown;
  workersSaid: Array<{ type: string; backend?: string; reason?: string }>;
  requests: string[];
}> {
  const executablePath = chromiumPath();
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: [...chromiumArgs],
  });
  try {
    const context = await browser.newContext();
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    await context.addInitScript(() => {
      const said: unknown[] = [];
      (window as unknown as { workersSaid: unknown[] }).workersSaid = said;
      const Native = window.Worker;
      window.Worker = class extends Native {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          this.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
            if (event.data?.type === 'loaded' || event.data?.type === 'unavailable') said.push(event.data);
          });
        }
      };
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    const verdicts = await page.evaluate(() =>
      (globalThis as unknown as { faceCheck(): Promise<unknown> }).faceCheck(),
    );
    const workersSaid = await page.evaluate(() => (window as unknown as { workersSaid: [] }).workersSaid);
    expect(errors).toEqual([]);
    return { verdicts, workersSaid, requests };
  } finally {
    await browser.close();
  }
}

/** What the face check must have done: on WASM, from files of the app's origin, and nothing from elsewhere. */
function expectFaceCheckOnWasm(
  run: Awaited<ReturnType<typeof runFaceCheck>>,
  origin: string,
  workers: { wasm: RegExp; webgl: RegExp } = {
    wasm: /\/face-wasm-worker-[^/]*\.js$/,
    webgl: /\/face-worker-[^/]*\.js$/,
  },
): string[] {
  // The fixture face passes; the bare wall has no face (a verdict of our detector: Chromium
  // on Linux has no FaceDetector of its own, where the answer would be undefined).
  expect(run.verdicts).toEqual({ face: null, wall: 'no_face' });
  expect(run.workersSaid).toEqual([expect.objectContaining({ type: 'loaded', backend: 'wasm' })]);
  expect(run.requests.filter((r) => new URL(r).origin !== origin)).toEqual([]);
  const paths = run.requests.map((r) => new URL(r).pathname);
  expect(paths.filter((p) => workers.wasm.test(p))).toHaveLength(1);
  expect(paths.filter((p) => /tfjs-backend-wasm-simd-[^/]*\.wasm$/.test(p))).toHaveLength(1);
  expect(paths.filter((p) => /tiny_face_detector_model-[^/]*\.bin$/.test(p))).toHaveLength(1);
  // The WebGL/CPU worker is never fetched on the WASM path.
  expect(paths.filter((p) => workers.webgl.test(p))).toEqual([]);
  return paths;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
};

/** A static server of `dir` (what any host does with a Vite app's dist/). */
async function serveStatic(dir: string): Promise<{ server: Server; url: string }> {
  const server = createHttpServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file) || !/\.\w+$/.test(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}` };
}

describe("the selfie's face check in an app that bundles the ESM build", () => {
  it(
    'a Vite production build emits the face worker, the .wasm and the weights as files, and the check runs on WASM from them',
    { timeout: 120_000 },
    async () => {
      const dir = faceApp();
      await runLoud(
        process.execPath,
        [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
        { cwd: dir, env: plainEnv() },
      );
      const assets = readdirSync(join(dir, 'dist/assets'));
      // The app's bundler copied each file the worker names, under a name of its own.
      for (const file of [
        /^face-wasm-worker-.+\.js$/,
        /^tfjs-backend-wasm-simd-.+\.wasm$/,
        /^tiny_face_detector_model-.+\.bin$/,
      ])
        expect(
          assets.filter((f) => file.test(f)),
          `${file} in ${assets.join(', ')}`,
        ).toHaveLength(1);
      for (const f of assets.filter((f) => f.endsWith('.js')))
        expect(readFileSync(join(dir, 'dist/assets', f), 'utf8'), f).not.toMatch(
          /data:application\/(wasm|octet-stream);base64,[A-Za-z0-9+/]{64}/,
        );
      const { server, url } = await serveStatic(join(dir, 'dist'));
      try {
        const paths = expectFaceCheckOnWasm(await runFaceCheck(url), url);
        expect(
          paths
            .filter((p) => p.startsWith('/assets/face') || /\.(wasm|bin)$/.test(p))
            .map((p) => p.replace(/^\/assets\//, '')),
        ).toEqual(
          expect.arrayContaining(
            assets.filter((f) => /^(face-wasm-worker-.+\.js|.+\.wasm|.+\.bin)$/.test(f)),
          ),
        );
      } finally {
        server.close();
      }
    },
  );

  it(
    "Vite's dev server (the widget pre-bundled as a dependency) serves the same files, and the check runs on WASM",
    { timeout: 120_000 },
    async () => {
      const dir = faceApp();
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const dev = await startProcess(
        process.execPath,
        [
          join(root, 'node_modules/vite/bin/vite.js'),
          relative(app, dir),
          '--host',
          '127.0.0.1',
          '--port',
          String(port),
          '--strictPort',
        ],
        plainEnv(),
        async () => (await fetch(`${url}/`)).ok,
      );
      try {
        const paths = expectFaceCheckOnWasm(await runFaceCheck(url), url);
        // The files the installed package ships, served from it (no copy, no inlining; under /@fs/ here,
        // the app being a folder below the one npm installed into).
        expect(paths.filter((p) => /\.(wasm|bin)$/.test(p))).toEqual([
          expect.stringMatching(
            /\/node_modules\/@argos-kyc\/widget\/dist\/assets\/tfjs-backend-wasm-simd-[\w-]+\.wasm$/,
          ),
          expect.stringMatching(
            /\/node_modules\/@argos-kyc\/widget\/dist\/assets\/tiny_face_detector_model-[\w-]+\.bin$/,
          ),
        ]);
        // Vite pre-bundled the widget into node_modules/.vite/deps/ (the known trap for files named
        // by new URL(…, import.meta.url) in a dependency): Vite 8's optimizer still finds them.
        expect(paths).toContainEqual(
          expect.stringMatching(/\/node_modules\/\.vite\/deps\/@argos-kyc_widget\.js$/),
        );
      } finally {
        dev.child.kill();
      }
    },
  );

  it(
    'a webpack 5 production build makes each face worker a chunk of its own, copies the .wasm and the weights, and the check runs on WASM',
    { timeout: 180_000 },
    async () => {
      const dir = faceApp('face-app-webpack');
      // webpack's automatic public path reads document.currentScript: a classic script.
      writeFileSync(join(dir, 'index.html'), '<!doctype html><script src="./main.js"></script>\n');
      writeFileSync(
        join(dir, 'build.mjs'),
        `import webpack from 'webpack';
const compiler = webpack({
  mode: 'production',
  context: process.cwd(),
  entry: './main.js',
  output: {
    path: process.cwd() + '/dist',
    chunkFilename: '[name]-[contenthash:8].js',
    assetModuleFilename: '[name]-[contenthash:8][ext]',
  },
  // The package's files come minified: Terser over the face workers again costs minutes here.
  optimization: { minimize: false },
  performance: { hints: false },
});
compiler.run((error, stats) => {
  if (error || stats.hasErrors()) console.error(error ?? stats.toString('errors-only'));
  compiler.close(() => process.exit(error || stats.hasErrors() ? 1 : 0));
});
`,
      );
      await runLoud(process.execPath, ['build.mjs'], { cwd: dir, env: plainEnv() });
      cpSync(join(dir, 'index.html'), join(dir, 'dist/index.html'));
      cpSync(join(dir, 'public/face.png'), join(dir, 'dist/face.png'));
      const files = readdirSync(join(dir, 'dist'));
      // Each worker by its own name (two workers of one name would be one chunk, both downloaded).
      for (const file of [
        /^argos-kyc-face-wasm-.+\.js$/,
        /^argos-kyc-face-[0-9a-f]{8}\.js$/,
        /\.wasm$/,
        /\.bin$/,
      ])
        expect(
          files.filter((f) => file.test(f)),
          `${file} in ${files.join(', ')}`,
        ).toHaveLength(1);
      const { server, url } = await serveStatic(join(dir, 'dist'));
      try {
        expectFaceCheckOnWasm(await runFaceCheck(url), url, {
          wasm: /\/argos-kyc-face-wasm-[^/]*\.js$/,
          webgl: /\/argos-kyc-face-[0-9a-f]{8}\.js$/,
        });
      } finally {
        server.close();
      }
    },
  );
});

describe('the published types', () => {
  it(
    'type-check a strict consumer of every package under nodenext, Express middleware included',
    { timeout: 300_000 },
    async () => {
      expect((await typecheck).stdout).toBe('');
    },
  );
});
