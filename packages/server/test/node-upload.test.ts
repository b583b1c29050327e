// The Node upload transport on its own: backpressure from a vendor that stops reading.
import { createServer, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeUpload } from '../src/node-upload.ts';
import { listen } from './helpers.ts';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

describe('nodeUpload', () => {
  it('stops pulling the body while the vendor does not read it (never buffers an upload)', async () => {
    let held: IncomingMessage | undefined;
    const server = createServer((req) => {
      held = req;
      req.pause();
    });
    const origin = await listen(server);
    closers.push(
      () => server.closeAllConnections(),
      () => server.close(),
    );
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024);
    async function* body() {
      for (let i = 0; i < 800; i++) {
        pulled += chunk.byteLength;
        yield chunk;
      }
    }
    const controller = new AbortController();
    const sent = nodeUpload(new URL(`${origin}/v2/submission/step1`), {
      method: 'POST',
      headers: {},
      body: body(),
      signal: controller.signal,
    });
    sent.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 400));
    expect(held).toBeDefined();
    // 50 MB offered; what was pulled is what the loopback socket buffers hold plus a bounded queue.
    expect(pulled).toBeLessThan(16 * 1024 * 1024);
    controller.abort();
    await expect(sent).rejects.toThrow();
  });
});
