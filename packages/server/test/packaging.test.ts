// What npm users get: @argos-kyc/server, @argos-kyc/sandbox, @argos-kyc/core and the
// @argos-kyc/protocol both of the first and last depend on are packed the way `pnpm publish` packs them (prepack builds dist/, publishConfig points
// the manifest at it), installed from the tarballs with npm into a fresh folder (their
// dependencies from the registry), and used from plain Node 20 without tsx: import,
// a real call against the sandbox, both CLIs, the published types, and the core's
// image worker as a bundler finds it.
//
// The packages are packed from a staged copy in a temp folder, so the test never
// touches the dist/ folders of the checkout.
import { execFile } from 'node:child_process';
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
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PACKAGES = ['server', 'sandbox', 'core', 'protocol'] as const;
type Name = (typeof PACKAGES)[number];

let tmp: string;
let consumer: string;
const installed = (name: Name) => join(consumer, 'node_modules/@argos-kyc', name);
/** The environment of a plain `node`: no loader a test runner may have put in NODE_OPTIONS. */
const plainEnv = () => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
};

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** A copy of the package with what its build needs; devDependencies dropped (workspace links). */
function stage(name: Name, stageRoot: string): string {
  const from = join(root, 'packages', name);
  const to = join(stageRoot, 'packages', name);
  mkdirSync(to, { recursive: true });
  for (const entry of ['src', 'README.md', 'tsconfig.build.json'])
    cpSync(join(from, entry), join(to, entry), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
  delete manifest.devDependencies;
  writeFileSync(join(to, 'package.json'), JSON.stringify(manifest, null, 2));
  // The protocol has no dependencies, hence no node_modules of its own.
  if (existsSync(join(from, 'node_modules')))
    symlinkSync(join(from, 'node_modules'), join(to, 'node_modules'), 'dir');
  return to;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'argos-kyc-packaging-'));
  const stageRoot = join(tmp, 'stage');
  mkdirSync(join(stageRoot, 'scripts'), { recursive: true });
  cpSync(join(root, 'tsconfig.base.json'), join(stageRoot, 'tsconfig.base.json'));
  cpSync(join(root, 'scripts/build-package.mjs'), join(stageRoot, 'scripts/build-package.mjs'));
  symlinkSync(join(root, 'node_modules'), join(stageRoot, 'node_modules'), 'dir');
  const tarballs = join(tmp, 'tarballs');
  await Promise.all(
    PACKAGES.map((name) =>
      run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: stage(name, stageRoot), env: plainEnv() }),
    ),
  );

  consumer = join(tmp, 'consumer');
  mkdirSync(consumer);
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  expect(files).toHaveLength(PACKAGES.length);
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline', ...files],
    { cwd: consumer, env: plainEnv() },
  );
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the published manifests', () => {
  it.each(PACKAGES)(
    '@argos-kyc/%s names only built files that are in the tarball, and no TypeScript source',
    (name) => {
      const dir = installed(name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const targets: string[] = [manifest.main, manifest.types];
      const collect = (value: unknown): void => {
        if (typeof value === 'string') targets.push(value);
        else if (value && typeof value === 'object') Object.values(value).forEach(collect);
      };
      collect(manifest.exports);
      collect(manifest.bin ?? {});
      expect(manifest.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
      for (const target of targets) {
        expect(target, `${name}: ${target}`).toMatch(/^\.\/(dist\/.+\.(js|d\.ts)|package\.json)$/);
        expect(existsSync(join(dir, target)), `${name}: ${target} is in the tarball`).toBe(true);
      }
      const sources = walk(dir).filter((f) => /\.(c|m)?tsx?$/.test(f) && !f.endsWith('.d.ts'));
      expect(sources.map((f) => relative(dir, f))).toEqual([]);
    },
  );

  it('declare the two command-line tools on built JavaScript with a node shebang', () => {
    const bins = { server: 'argos-kyc', sandbox: 'argos-kyc-sandbox' } as const;
    for (const [name, bin] of Object.entries(bins)) {
      const manifest = JSON.parse(readFileSync(join(installed(name as Name), 'package.json'), 'utf8'));
      expect(manifest.bin).toEqual({ [bin]: './dist/cli.js' });
      expect(readFileSync(join(installed(name as Name), 'dist/cli.js'), 'utf8').split('\n')[0]).toBe(
        '#!/usr/bin/env node',
      );
    }
  });
});

describe('plain Node, no tsx', () => {
  it(
    'imports the packages, starts the sandbox and lists its submissions with ArgosClient and with the argos-kyc CLI',
    { timeout: 60_000 },
    async () => {
      const script = join(consumer, 'smoke.mjs');
      writeFileSync(
        script,
        `import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ArgosClient, createKycHandler } from '@argos-kyc/server';
import { startSandbox, renderSpecimenId } from '@argos-kyc/sandbox';
import { reasonOf } from '@argos-kyc/protocol';
const sandbox = await startSandbox({ port: 0, apiKey: 'packaging-key', log: false });
try {
  const client = new ArgosClient({ apiKey: 'packaging-key', baseUrl: sandbox.url + '/v2', retries: 1 });
  const page = await client.listSubmissions();
  const cli = await promisify(execFile)(new URL('./node_modules/.bin/argos-kyc', import.meta.url).pathname, ['list', '--format', 'json'], {
    env: { ...process.env, ARGOS_API_KEY: 'packaging-key', ARGOS_BASE_URL: sandbox.url + '/v2' },
  });
  const picture = renderSpecimenId();
  console.log(JSON.stringify({ items: page.items, handler: typeof createKycHandler, cli: JSON.parse(cli.stdout), picture: picture.length > 1000, reason: reasonOf('No face detected') }));
} finally {
  await sandbox.close();
}
`,
      );
      const { stdout } = await run(process.execPath, [script], { cwd: consumer, env: plainEnv() });
      expect(JSON.parse(stdout)).toEqual({
        items: [],
        handler: 'function',
        cli: [],
        picture: true,
        reason: 'no_face',
      });
    },
  );

  it('runs `argos-kyc --help` and `argos-kyc-sandbox --help` from node_modules/.bin', async () => {
    const server = await run(join(consumer, 'node_modules/.bin/argos-kyc'), ['--help'], { env: plainEnv() });
    expect(server.stdout).toContain('argos-kyc <command> [options]');
    const sandbox = await run(join(consumer, 'node_modules/.bin/argos-kyc-sandbox'), ['--help'], {
      env: plainEnv(),
    });
    expect(sandbox.stdout).toMatch(/^Usage: .*--port/);
  });
});

describe('the published types', () => {
  it(
    'type-check a consumer of all four packages under node16 resolution, the sandbox’s ambient Open Location Code types included',
    { timeout: 60_000 },
    async () => {
      writeFileSync(
        join(consumer, 'consumer.ts'),
        `import { ArgosClient, type Submission } from '@argos-kyc/server';
import { startSandbox, type Sandbox } from '@argos-kyc/sandbox';
import { createFlow, prepareImage, type FlowOptions } from '@argos-kyc/core';
import { MAX_STEP2_ATTEMPTS, type Step2Answer } from '@argos-kyc/protocol';
import type { CodeArea } from 'open-location-code';
export const client: ArgosClient = new ArgosClient({ apiKey: 'k' });
export const first = async (): Promise<Submission | undefined> => (await client.listSubmissions()).items[0];
export const start: () => Promise<Sandbox> = () => startSandbox({ port: 0 });
export type Uses = [typeof createFlow, typeof prepareImage, FlowOptions, CodeArea, Step2Answer];
export const attempts: 3 = MAX_STEP2_ATTEMPTS;
`,
      );
      writeFileSync(
        join(consumer, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module: 'nodenext',
            moduleResolution: 'nodenext',
            target: 'ES2022',
            lib: ['ES2022', 'DOM', 'DOM.Iterable'],
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: ['node'],
            typeRoots: [join(root, 'node_modules/@types')],
          },
          files: ['consumer.ts'],
        }),
      );
      const result = await run(
        process.execPath,
        [join(root, 'node_modules/typescript/bin/tsc'), '-p', consumer],
        { env: plainEnv() },
      ).catch((e: { stdout: string }) => e);
      expect(result.stdout).toBe('');
    },
  );
});

describe('the core’s image worker from dist/', () => {
  it('is referenced as the built worker.js, in the shape bundlers turn into a worker file', () => {
    const runner = readFileSync(join(installed('core'), 'dist/image/runner.js'), 'utf8');
    expect(runner).toContain(`new Worker(new URL('./worker.js', import.meta.url), { type: 'module'`);
    const worker = readFileSync(join(installed('core'), 'dist/image/worker.js'), 'utf8');
    expect(worker).toMatch(/from ['"]\.\/pipeline\.js['"]/);
  });

  it(
    'is emitted as a file of its own when an app bundles the core from node_modules with Vite',
    { timeout: 60_000 },
    async () => {
      const app = join(consumer, 'app');
      mkdirSync(app);
      writeFileSync(
        join(app, 'index.html'),
        '<!doctype html><script type="module" src="./main.js"></script>\n',
      );
      writeFileSync(
        join(app, 'main.js'),
        `import { prepareImage } from '@argos-kyc/core';\nglobalThis.prepare = prepareImage;\n`,
      );
      await run(
        process.execPath,
        [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
        { cwd: app, env: plainEnv() },
      );
      const assets = readdirSync(join(app, 'dist/assets'));
      const worker = assets.find((f) => /^worker-.+\.js$/.test(f));
      expect(worker, `assets: ${assets.join(', ')}`).toBeDefined();
      // The worker is self-contained (the pipeline inside), and the app loads it by its emitted name.
      expect(readFileSync(join(app, 'dist/assets', worker!), 'utf8')).not.toMatch(/from\s*['"]\.\/pipeline/);
      const entry = assets.find((f) => /^index-.+\.js$/.test(f))!;
      expect(readFileSync(join(app, 'dist/assets', entry), 'utf8')).toContain(worker);
    },
  );
});
