// The vendor's 413 must reach any client: one in another process (Node's fetch,
// i.e. undici) keeps writing its body after the answer, and a sandbox that closes
// the socket without reading the rest makes that client fail with EPIPE/reset and
// never see the 413 (issue 10, finding 7).
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.ts';

/** POSTs a multipart form with a `bytes`-long idImage from a child Node process; answers status and body, or the error. */
function fetchFromAnotherProcess(
  url: string,
  apiKey: string,
  bytes: number,
  chunked: boolean,
): Promise<{ status?: number; body?: string; error?: string }> {
  const script = `
    const [url, key, size, chunked] = process.argv.slice(1);
    const image = new Uint8Array(Number(size));
    image.set([0xff, 0xd8, 0xff, 0xe0]);
    const form = new FormData();
    for (const [k, v] of Object.entries({ issuingCountry: 'USA', email: 'a@example.test', idType: 'passport' })) form.append(k, v);
    form.append('idImage', new Blob([image], { type: 'image/jpeg' }), 'id.jpg');
    const init = { method: 'POST', headers: { 'x-api-key': key } };
    (async () => {
      const req = new Request(url, { ...init, body: form });
      const body = chunked === 'yes'
        ? { body: req.body, duplex: 'half', headers: { ...init.headers, 'content-type': req.headers.get('content-type') } }
        : { body: form };
      try {
        const res = await fetch(url, { ...init, ...body });
        console.log(JSON.stringify({ status: res.status, body: await res.text() }));
      } catch (e) {
        console.log(JSON.stringify({ error: String(e.cause?.code ?? e.cause ?? e) }));
      }
    })();
  `;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', script, url, apiKey, String(bytes), chunked ? 'yes' : 'no'],
      { timeout: 20_000 },
      (err, stdout) => {
        if (err) return reject(err);
        resolve(JSON.parse(stdout.trim()) as { status?: number; body?: string; error?: string });
      },
    );
  });
}

describe('an oversized upload', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ log: false });
  });
  afterAll(() => sandbox.close());

  // 12 MiB: far past the 3 MiB + 64 KiB a step-1 body may have, and far more than
  // the socket buffers hold, so the client is still writing when the 413 is sent.
  const BIG = 12 * 1024 * 1024;

  it('gets its 413 in a client of another process when the length is declared', async () => {
    const r = await fetchFromAnotherProcess(`${sandbox.url}/v2/submission/step1`, sandbox.apiKey, BIG, false);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body!)).toEqual({ message: 'Request Entity Too Large' });
  });

  it('gets its 413 in a client of another process when the body is chunked', async () => {
    const r = await fetchFromAnotherProcess(`${sandbox.url}/v2/submission/step1`, sandbox.apiKey, BIG, true);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body!)).toEqual({ message: 'Request Entity Too Large' });
  });

  it('creates nothing', async () => {
    await fetchFromAnotherProcess(`${sandbox.url}/v2/submission/step1`, sandbox.apiKey, BIG, true);
    const res = await fetch(`${sandbox.url}/v2/submission`, { headers: { 'x-api-key': sandbox.apiKey } });
    expect(((await res.json()) as { Items: unknown[] }).Items).toEqual([]);
  });
});
