// The client's XMLHttpRequest upload path in Chromium: real upload progress events,
// and the one retry of step 1 allowed when the body never left the browser.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EndpointClient } from '../src/index.ts';

const image = () => new Blob([new Uint8Array(300_000).fill(9)], { type: 'image/jpeg' });
const input = () => ({ idType: 'passport' as const, issuingCountry: 'USA', image: image() });

afterEach(() => vi.restoreAllMocks());

describe('EndpointClient over XMLHttpRequest', () => {
  it('reports upload progress up to the whole body', async () => {
    // The test page's own server has no endpoint: the upload completes, the answer is its 404, not the protocol's.
    const c = new EndpointClient({
      endpoint: '/no-endpoint-here',
      getToken: async () => 'host-token',
      transport: 'xhr',
    });
    const progress: { loaded: number; total: number }[] = [];
    const error = await c.step1(input(), { onProgress: (p) => progress.push(p) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'endpoint_not_found' });
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1)!;
    expect(last.loaded).toBe(last.total);
    expect(last.total).toBeGreaterThan(300_000);
  });

  it('repeats step 1 once, and only once, when the connection failed before the body was sent', async () => {
    const send = vi.spyOn(XMLHttpRequest.prototype, 'send');
    // Nothing listens on port 9 of loopback: the connection is refused before any byte of the body.
    const c = new EndpointClient({
      endpoint: 'http://127.0.0.1:9/kyc',
      getToken: async () => 'host-token',
      transport: 'xhr',
    });
    await expect(c.step1(input())).rejects.toMatchObject({ code: 'network_error', retryable: true });
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('reports aborted when the caller cancels the upload', async () => {
    const c = new EndpointClient({
      endpoint: '/no-endpoint-here',
      getToken: async () => 'host-token',
      transport: 'xhr',
    });
    const controller = new AbortController();
    const pending = c.step1(input(), { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(pending).rejects.toMatchObject({ code: 'aborted', retryable: false });
  });
});
