// `pnpm bench` in packages/widget: builds the script-tag file once, fetches the peer's
// bundle once, then prints the size comparison (bench/size-vs-peer.ts) and the first
// screen on a slow phone (bench/first-screen.ts). `--quick` runs each figure once.
import { firstScreen } from './first-screen.ts';
import { buildWidget, withPeerBundle } from './peer.ts';
import { sizeVsPeer } from './size-vs-peer.ts';

const quick = process.argv.includes('--quick');
const dist = buildWidget();
await withPeerBundle(async (peer) => {
  sizeVsPeer(dist, peer);
  await firstScreen(dist, peer, quick ? 1 : 5);
});
