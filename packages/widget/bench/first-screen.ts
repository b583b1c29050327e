// The first screen on a slow phone: Chromium with DevTools' "Fast 3G" network (1.6 Mbps
// down, 150 ms round trip) and a 4x CPU slowdown, both through CDP. Timed from navigation:
// ours until the consent screen's "I agree, start" button is rendered and enabled on a
// script-tag page; the peer's core bundle (bench/peer.ts) until it has downloaded and run,
// nothing more. Both come from the same local server, gzip -9 on the wire, no cache.
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../../tools/chromium.ts';
import { en } from '../src/i18n/en.ts';
import { PEER } from './peer.ts';

const FAST_3G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1_000_000) / 8,
  uploadThroughput: (750 * 1000) / 8,
};
const CPU_SLOWDOWN = 4;

const OURS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>first screen</title><script src="/probe.js"></script><script src="/dist/argos-kyc.js" defer></script></head>
<body><main><argos-kyc endpoint="/kyc"></argos-kyc></main></body></html>`;
const PEER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>peer bundle</title></head>
<body><script src="/peer.js" onload="window.firstScreenMs = performance.now()"></script></body></html>`;
// Looks for the consent button through the shadow roots on every frame (cheap: a few dozen nodes).
const PROBE = `(() => {
  const label = ${JSON.stringify(en.consent.agree)};
  const find = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'BUTTON' && el.textContent.trim() === label && !el.disabled) return el;
      if (el.shadowRoot) { const hit = find(el.shadowRoot); if (hit) return hit; }
    }
    return null;
  };
  const look = () => { if (find(document)) window.firstScreenMs = performance.now(); else requestAnimationFrame(look); };
  requestAnimationFrame(look);
})();`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function send(res: ServerResponse, type: string, body: Buffer | string, gzip = false): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(200, {
    'content-type': type,
    'cache-control': 'no-store',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(bytes);
}

async function timeOnce(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as { firstScreenMs?: number }).firstScreenMs, undefined, {
      timeout: 120_000,
      polling: 250,
    });
    return await page.evaluate(() => (window as unknown as { firstScreenMs: number }).firstScreenMs);
  } finally {
    await context.close();
  }
}

/** Prints the median time of each (`runs` of each, alternated) and their ratio. */
export async function firstScreen(dist: string, peerPath: string | null, runs: number): Promise<void> {
  const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 });
  const peer = peerPath ? gz(peerPath) : null;
  const cache = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') return send(res, 'text/html', OURS_PAGE);
    if (path === '/peer') return send(res, 'text/html', PEER_PAGE);
    if (path === '/probe.js') return send(res, 'text/javascript', PROBE);
    if (path === '/peer.js' && peer) return send(res, 'text/javascript', peer, true);
    // A stand-in for the customer endpoint: the consent screen needs only a session.
    if (path === '/kyc/session') {
      res.setHeader('x-argos-kyc-protocol', '1');
      return send(
        res,
        'application/json',
        JSON.stringify({
          token: 'bench-token',
          expiresAt: new Date(Date.now() + 900_000).toISOString(),
          emailRequired: false,
          submissionId: null,
        }),
      );
    }
    const file = normalize(path.replace(/^\/dist\//, '')).replace(/^(\.\.[/\\])+/, '');
    if (path.startsWith('/dist/') && file.endsWith('.js')) {
      try {
        if (!cache.has(file)) cache.set(file, gz(join(dist, file)));
        return send(res, 'text/javascript', cache.get(file)!, true);
      } catch {
        // Not built: a 404 below.
      }
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const executablePath = chromiumPath();
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: [...chromiumArgs],
  });
  try {
    const ours: number[] = [];
    const theirs: number[] = [];
    // One unmeasured load of each first (the browser's own start-up costs).
    await timeOnce(browser, `${origin}/`);
    for (let i = 0; i < runs; i++) {
      ours.push(await timeOnce(browser, `${origin}/`));
      if (peer) theirs.push(await timeOnce(browser, `${origin}/peer`));
    }
    const list = (v: number[]) => v.map((x) => x.toFixed(0)).join(' ');
    console.log(
      `first screen on a slow phone (Fast 3G: 1.6 Mbps down, 150 ms round trip; ${CPU_SLOWDOWN}x CPU slowdown), ${runs} run(s) each, median from navigation:`,
    );
    console.log(
      `  @argos-kyc/widget script tag: consent screen interactive   ${median(ours).toFixed(0).padStart(6)} ms  (${list(ours)})`,
    );
    if (peer) {
      console.log(
        `  ${PEER} core bundle: downloaded and run ${median(theirs).toFixed(0).padStart(6)} ms  (${list(theirs)})`,
      );
      console.log(`  the peer's bundle alone takes ${(median(theirs) / median(ours)).toFixed(1)}x as long`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}
