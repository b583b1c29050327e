#!/usr/bin/env node
// One entry point for the README's two commands (`npm start`, `npm test`) on a
// fresh machine with Node 20+: it brings pnpm (pinned), the workspace's
// dependencies and, for tests, a Chromium and a redis-server, then runs the real work.
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] ?? 'test';
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmVersion = pkg.packageManager.split('@')[1];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function which(cmd) {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** A pnpm of the pinned version: the one on PATH if it matches, else a local copy in .tools/. */
function ensurePnpm() {
  const onPath = which('pnpm');
  if (onPath) {
    try {
      const v = execFileSync(onPath, ['--version'], { encoding: 'utf8' }).trim();
      if (v === pnpmVersion) return onPath;
    } catch {
      /* fall through to the local copy */
    }
  }
  const local = join(root, '.tools', 'node_modules', '.bin', 'pnpm');
  if (!existsSync(local)) {
    console.log(`[bootstrap] installing pnpm@${pnpmVersion} into .tools/`);
    mkdirSync(join(root, '.tools'), { recursive: true });
    const status = run('npm', [
      'install',
      '--prefix',
      join(root, '.tools'),
      '--no-save',
      '--no-audit',
      '--no-fund',
      `pnpm@${pnpmVersion}`,
    ]);
    if (status !== 0) process.exit(status);
  }
  return local;
}

function ensureDeps(pnpm) {
  const lock = join(root, 'pnpm-lock.yaml');
  const marker = join(root, 'node_modules', '.pnpm', 'lock.yaml');
  const fresh = existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
  if (fresh) return;
  console.log('[bootstrap] installing dependencies');
  const status = run(pnpm, ['install', '--frozen-lockfile']);
  if (status !== 0) process.exit(status);
}

/** A Chromium for browser and e2e tests: $CHROMIUM_PATH, the system one, or one we install. */
function ensureChromium(pnpm) {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(candidate)) {
      process.env.CHROMIUM_PATH = candidate;
      return;
    }
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && which('apt-get')) {
    console.log('[bootstrap] installing Chromium from apt');
    if (
      run('apt-get', ['update']) === 0 &&
      run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-nanum']) === 0
    ) {
      process.env.CHROMIUM_PATH = '/usr/bin/chromium';
      return;
    }
  }
  // (fonts-nanum: Korean screens render legibly in screenshots.)
  // A laptop without a system Chromium: Playwright's own browser (CHROMIUM_PATH stays unset).
  console.log('[bootstrap] no system Chromium; asking Playwright for its own');
  const status = run(pnpm, ['exec', 'playwright', 'install', 'chromium']);
  if (status !== 0) {
    console.error('[bootstrap] no Chromium available: install one and set CHROMIUM_PATH');
    process.exit(status);
  }
}

/**
 * A redis-server for the server package's shared-store tests and bench (they start their
 * own, on a free loopback port, never a system service): the one on PATH, or Debian's.
 */
function ensureRedis() {
  if (which('redis-server')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && which('apt-get')) {
    console.log('[bootstrap] installing redis-server from apt');
    if (run('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server']) === 0) return;
    if (
      run('apt-get', ['update']) === 0 &&
      run('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server']) === 0
    )
      return;
  }
  console.error(
    '[bootstrap] no redis-server: install Redis 6.2 or later (e.g. apt-get install redis-server)',
  );
  process.exit(1);
}

const pnpm = ensurePnpm();
ensureDeps(pnpm);
process.env.PATH = `${join(root, 'node_modules', '.bin')}:${dirname(pnpm)}:${process.env.PATH}`;

if (mode === 'start') {
  // The /embed/ demo pages load the built script-tag file: build it first (about 10 s).
  const built = run(pnpm, ['--filter', '@argos-kyc/widget', 'run', 'build']);
  if (built !== 0) process.exit(built);
  process.exit(run(pnpm, ['--filter', '@argos-kyc/demo', 'start']));
} else if (mode === 'test') {
  ensureChromium(pnpm);
  ensureRedis();
  process.exit(run('node', [join(root, 'scripts', 'test-all.mjs')]));
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
