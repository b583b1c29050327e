// Side by side, in one run: our script-tag file (English, every screen) against the
// core bundle of a commercial peer (bench/peer.ts), both gzip -9 by the same code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PEER } from './peer.ts';

function gzipSize(path: string): { raw: number; gzip: number } {
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** Prints both sizes and how many times smaller ours is. */
export function sizeVsPeer(dist: string, peerPath: string | null): void {
  const ours = gzipSize(join(dist, 'argos-kyc.js'));
  const peer = peerPath ? gzipSize(peerPath) : null;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB (${n.toLocaleString('en')} B)`;
  console.log('script-tag file, English, every screen (gzip -9):');
  console.log(
    `  @argos-kyc/widget dist/argos-kyc.js   ${kb(ours.gzip).padStart(22)} gzip  (${kb(ours.raw)} raw; budget 40 KiB)`,
  );
  if (peer) {
    console.log(`  ${PEER} dist/onfido.min.js ${kb(peer.gzip).padStart(22)} gzip  (${kb(peer.raw)} raw)`);
    console.log(`  ours is ${(peer.gzip / ours.gzip).toFixed(1)}x smaller`);
  }
}
