// What the widget's benchmarks share: the script-tag build, and the peer's core bundle
// (Onfido's web SDK 13.8.7, its last self-contained build), fetched from the npm registry
// into a temporary folder at bench time (`npm pack`); nothing of it is kept or committed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const widgetDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PEER = 'onfido-sdk-ui@13.8.7';
const PEER_FILE = 'package/dist/onfido.min.js';

/**
 * Builds the widget (ESM and script tag, as `pnpm build` does); returns dist/. Under
 * `npm test` (scripts/test-all.mjs) the build stage has just built this tree and says so
 * with WIDGET_DIST_BUILT=1: building it again would only cost the run ~15 s.
 */
export function buildWidget(): string {
  if (process.env.WIDGET_DIST_BUILT === '1' && existsSync(join(widgetDir, 'dist', 'argos-kyc.js'))) {
    console.log('(the widget as the build stage of this run built it)');
    return join(widgetDir, 'dist');
  }
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'build/build.ts'], {
    cwd: widgetDir,
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    console.error(build.stdout, build.stderr);
    process.exit(1);
  }
  return join(widgetDir, 'dist');
}

/** Runs `use` with the path of the peer's core bundle (null, said why, when it cannot be fetched), then deletes it. */
export async function withPeerBundle<T>(use: (path: string | null) => Promise<T>): Promise<T> {
  const tmp = mkdtempSync(join(tmpdir(), 'argos-kyc-peer-'));
  try {
    let path: string | null = null;
    try {
      const tgz = execFileSync('npm', ['pack', PEER, '--silent'], {
        cwd: tmp,
        encoding: 'utf8',
        timeout: 120_000,
      })
        .trim()
        .split('\n')
        .pop()!;
      execFileSync('tar', ['xzf', tgz, PEER_FILE], { cwd: tmp });
      if (existsSync(join(tmp, PEER_FILE))) path = join(tmp, PEER_FILE);
    } catch (err) {
      console.log(`(peer not measured: ${(err as Error).message.split('\n')[0]})`);
    }
    return await use(path);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
