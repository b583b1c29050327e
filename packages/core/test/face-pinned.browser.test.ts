// The face worker's files checked against their pins (worker-run.ts, fetchPinned): the
// widget's ESM build names the weights and the .wasm beside its worker with their sha384,
// so that an integrator's bundler may rename the file (a hash in its name) or inline it
// as a data: URL and the content is still checked: a fetched file by fetch's `integrity`,
// an inlined one by its own digest.
import { describe, expect, test } from 'vitest';
/// <reference path="../src/face/assets.d.ts" />
import weightsUrl from '@vladmandic/face-api/model/tiny_face_detector_model.bin?url';
import { fetchPinned } from '../src/face/worker-run.ts';

async function sha384(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
  return `sha384-${btoa(String.fromCharCode(...digest))}`;
}

async function weights(): Promise<{ bytes: ArrayBuffer; pin: string; dataUrl: string }> {
  const bytes = await (await fetch(weightsUrl)).arrayBuffer();
  let binary = '';
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000)
    binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return { bytes, pin: await sha384(bytes), dataUrl: `data:application/octet-stream;base64,${btoa(binary)}` };
}

/** The same pin with one character of its digest changed. */
const wrong = (pin: string) => pin.slice(0, -3) + (pin.at(-3) === 'A' ? 'B' : 'A') + pin.slice(-2);

describe('fetchPinned', () => {
  test('a fetched file: its bytes under the right pin, refused under another', async () => {
    const { bytes, pin } = await weights();
    const got = await fetchPinned({ url: weightsUrl, integrity: pin });
    expect(got).toBeInstanceOf(ArrayBuffer);
    expect((got as ArrayBuffer).byteLength).toBe(bytes.byteLength);
    expect(await fetchPinned({ url: weightsUrl, integrity: wrong(pin) })).toBe('refused');
  });

  test('an inlined file (data: URL): its bytes under the right pin, refused under another', async () => {
    const { bytes, pin, dataUrl } = await weights();
    const got = await fetchPinned({ url: dataUrl, integrity: pin });
    expect(got).toBeInstanceOf(ArrayBuffer);
    expect(await sha384(got as ArrayBuffer)).toBe(pin);
    expect((got as ArrayBuffer).byteLength).toBe(bytes.byteLength);
    expect(await fetchPinned({ url: dataUrl, integrity: wrong(pin) })).toBe('refused');
    expect(await fetchPinned({ url: dataUrl, integrity: `sha256-${pin.slice(7)}` })).toBe('refused');
  });

  test('without a pin (the sources under Vite in development): the bytes as they come', async () => {
    const { bytes, dataUrl } = await weights();
    expect(((await fetchPinned({ url: dataUrl })) as ArrayBuffer).byteLength).toBe(bytes.byteLength);
    expect(((await fetchPinned({ url: weightsUrl })) as ArrayBuffer).byteLength).toBe(bytes.byteLength);
  });
});
