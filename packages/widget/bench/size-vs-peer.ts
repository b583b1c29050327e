// Side by side, in one run: our script-tag file (English, every screen) against the
// core bundle of a commercial peer, Onfido's web SDK 13.8.7 (its last self-contained
// build), both gzip -9 by the same code. The peer comes from the npm registry into a
// temporary folder at bench time (`npm pack`); nothing of it is kept or committed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const widget = join(dirname(fileURLToPath(import.meta.url)), '..');
const PEER = 'onfido-sdk-ui@13.8.7';
const PEER_FILE = 'package/dist/onfido.min.js';

function gzipSize(path: string): { raw: number; gzip: number } {
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const build = spawnSync(process.execPath, ['--import', 'tsx', 'build/build.ts'], {
  cwd: widget,
  encoding: 'utf8',
});
if (build.status !== 0) {
  console.error(build.stdout, build.stderr);
  process.exit(1);
}
const ours = gzipSize(join(widget, 'dist', 'argos-kyc.js'));

let peer: { raw: number; gzip: number } | null = null;
const tmp = mkdtempSync(join(tmpdir(), 'argos-kyc-peer-'));
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
  if (existsSync(join(tmp, PEER_FILE))) peer = gzipSize(join(tmp, PEER_FILE));
} catch (err) {
  console.log(`(peer not measured: ${(err as Error).message.split('\n')[0]})`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB (${n.toLocaleString('en')} B)`;
console.log('script-tag file, English, every screen (gzip -9):');
console.log(
  `  @argos-kyc/widget dist/argos-kyc.js   ${kb(ours.gzip).padStart(22)} gzip  (${kb(ours.raw)} raw; budget 40 KiB)`,
);
if (peer) {
  console.log(`  ${PEER} dist/onfido.min.js ${kb(peer.gzip).padStart(22)} gzip  (${kb(peer.raw)} raw)`);
  console.log(`  ours is ${(peer.gzip / ours.gzip).toFixed(1)}x smaller`);
}
