// The endpoint forwards an upload only when its first bytes are a JPEG (FF D8 FF) or
// a PNG signature (NOTES #9). Each near miss below is one byte off or one byte short:
// `FF D8 00 ...` was once forwarded as a JPEG by a mutant no test noticed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffImage } from '../src/validate.ts';
import { file, post, session, startStack, step1Form, submissionCount, type Stack } from './helpers.ts';

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The signature with byte `i` replaced by `b`, padded with image-looking bytes to 64. */
function withByte(signature: number[], i: number, b: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(64).fill(0xe0);
  bytes.set(signature);
  bytes[i] = b;
  return bytes;
}

/** Every one-byte change of each signature (to 00 and to the byte xor 1), and each signature cut short. */
function nearMisses(): { label: string; bytes: Uint8Array<ArrayBuffer> }[] {
  const out: { label: string; bytes: Uint8Array<ArrayBuffer> }[] = [];
  for (const [name, sig] of [
    ['jpeg', JPEG],
    ['png', PNG],
  ] as const) {
    sig.forEach((orig, i) => {
      for (const b of [0x00, orig ^ 0x01])
        out.push({ label: `${name}[${i}]=${b}`, bytes: withByte(sig, i, b) });
    });
    out.push({ label: `${name} cut short`, bytes: new Uint8Array(sig.slice(0, -1)) });
  }
  return out;
}

describe('image magic bytes', () => {
  it('takes the exact JPEG and PNG signatures, however short the rest', () => {
    expect(sniffImage(new Uint8Array(JPEG))).toBe('image/jpeg');
    expect(sniffImage(withByte(JPEG, 3, 0xdb))).toBe('image/jpeg');
    expect(sniffImage(new Uint8Array(PNG))).toBe('image/png');
    expect(sniffImage(withByte(PNG, 8, 0x00))).toBe('image/png');
  });

  it('refuses every signature one byte off or one byte short', () => {
    for (const { label, bytes } of nearMisses()) expect(sniffImage(bytes), label).toBeNull();
  });

  it('refuses empty input and a JPEG signature inside a PNG one', () => {
    expect(sniffImage(new Uint8Array(0))).toBeNull();
    expect(sniffImage(new Uint8Array([0xff, 0xd8]))).toBeNull();
    expect(sniffImage(new Uint8Array([0x89, ...JPEG, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull();
  });
});

describe('step 1 with an image one byte off a JPEG', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('answers 415 for FF D8 00 and never reaches the vendor', async () => {
    const { token } = await session(stack, 'alice');
    const almost = withByte(JPEG, 2, 0x00);
    almost.set([0xff, 0xd9], almost.length - 2);
    const r = await post(stack, 'step1', token, step1Form({}, file(almost, 'id.jpg')));
    expect(r).toMatchObject({ status: 415, body: { code: 'unsupported_image', field: 'idImage' } });
    expect(await submissionCount(stack)).toBe(0);
  });
});
