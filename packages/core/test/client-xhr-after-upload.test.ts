// Step 1 over XMLHttpRequest when the connection drops: resent only if the body never
// left. A drop after the upload's `load` event may come after the vendor created the
// submission, and a second step 1 would be a second paid submission. A scripted
// XMLHttpRequest is the only way to drop a connection at that moment from a test (a
// real server cannot make the browser fire upload `load` and then `error` on cue);
// the connection refused before the body left is also covered in a real Chromium by
// client-xhr.browser.test.ts. This file runs in the Node project, so mutation testing
// (stryker.config.mjs) sees it too.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EndpointClient } from '../src/index.ts';

type Script = 'error-after-upload' | 'error-before-upload' | 'timeout-after-upload' | 'ok';

/** Each `send()` plays the next script; what was sent is kept for the assertions. */
function scriptedXhr(scripts: Script[]) {
  const sent: { url: string; headers: Record<string, string>; body: unknown }[] = [];
  class ScriptedXhr {
    upload: { onprogress: ((e: ProgressEvent) => void) | null; onload: (() => void) | null } = {
      onprogress: null,
      onload: null,
    };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    ontimeout: (() => void) | null = null;
    onabort: (() => void) | null = null;
    timeout = 0;
    status = 0;
    responseText = '';
    private url = '';
    private headers: Record<string, string> = {};
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    getResponseHeader(name: string) {
      return name === 'content-type' ? 'application/json' : null;
    }
    abort() {
      this.onabort?.();
    }
    send(body: unknown) {
      sent.push({ url: this.url, headers: this.headers, body });
      const script = scripts.shift() ?? 'error-before-upload';
      setTimeout(() => {
        if (script !== 'error-before-upload') {
          this.upload.onprogress?.({ loaded: 10, total: 10, lengthComputable: true } as ProgressEvent);
          this.upload.onload?.();
        }
        if (script === 'error-after-upload' || script === 'error-before-upload') this.onerror?.();
        else if (script === 'timeout-after-upload') this.ontimeout?.();
        else {
          this.status = 200;
          this.responseText = JSON.stringify({ submissionId: 'sub-1', token: 'bound-token', fields: {} });
          this.onload?.();
        }
      }, 0);
    }
  }
  vi.stubGlobal('XMLHttpRequest', ScriptedXhr);
  return sent;
}

const input = () => ({
  idType: 'passport' as const,
  issuingCountry: 'USA',
  image: new Blob([new Uint8Array(64)], { type: 'image/jpeg' }),
});
const client = () =>
  new EndpointClient({
    endpoint: 'https://shop.example/kyc',
    getToken: async () => 'host-token',
    transport: 'xhr',
  });

afterEach(() => vi.unstubAllGlobals());

describe('step 1 over XMLHttpRequest, connection lost', () => {
  it('is not sent again when the connection fails after the whole body was uploaded', async () => {
    const sent = scriptedXhr(['error-after-upload', 'ok']);
    await expect(client().step1(input())).rejects.toMatchObject({ code: 'network_error' });
    expect(sent).toHaveLength(1);
  });

  it('is not sent again when the answer times out after the body was uploaded', async () => {
    const sent = scriptedXhr(['timeout-after-upload', 'ok']);
    await expect(client().step1(input())).rejects.toMatchObject({ code: 'timeout', retryable: true });
    expect(sent).toHaveLength(1);
  });

  it('is sent once more, to the same place with the same token, when the body never left', async () => {
    const sent = scriptedXhr(['error-before-upload', 'ok']);
    const result = await client().step1(input());
    expect(result.submissionId).toBe('sub-1');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.url).toBe('https://shop.example/kyc/step1');
    expect(sent[1]!.headers.authorization).toBe('Bearer host-token');
    expect(sent[1]!.body).toBeInstanceOf(FormData);
    expect((sent[1]!.body as FormData).get('idType')).toBe('passport');
  });

  it('is sent at most twice when the body never leaves', async () => {
    const sent = scriptedXhr(['error-before-upload', 'error-before-upload', 'ok']);
    await expect(client().step1(input())).rejects.toMatchObject({ code: 'network_error', retryable: true });
    expect(sent).toHaveLength(2);
  });
});
