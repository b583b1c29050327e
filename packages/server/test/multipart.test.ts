// The streaming multipart reader and writer, byte by byte.
import { describe, expect, it } from 'vitest';
import { MultipartReader, boundaryOf, multipartStream } from '../src/multipart.ts';
import { ProxyError } from '../src/errors.ts';
import { rawMultipart } from './helpers.ts';

function streamOf(bytes: Uint8Array, chunkSize: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, at + chunkSize));
      at += chunkSize;
    },
  });
}

async function readAll(body: ReadableStream<Uint8Array>, boundary: string, maxBodyBytes = 1 << 20) {
  const reader = new MultipartReader(body, boundary, { maxBodyBytes });
  const out: { name: string; filename?: string; bytes: Buffer }[] = [];
  for (let head = await reader.nextPart(); head; head = await reader.nextPart()) {
    const chunks: Uint8Array[] = [];
    for (let c = await reader.readChunk(); c; c = await reader.readChunk()) chunks.push(c);
    out.push({
      name: head.name,
      ...(head.filename !== undefined ? { filename: head.filename } : {}),
      bytes: Buffer.concat(chunks),
    });
  }
  return { parts: out, bytesRead: reader.bytesRead };
}

describe('MultipartReader', () => {
  const image = new Uint8Array(5000).map((_, i) => (i * 7) % 256);
  // Content that nearly contains the delimiter, to catch a split-delimiter bug.
  const tricky = Buffer.from('x\r\n--test-boundary-4 not quite\r\n--test-boundar');
  const { body, contentType } = rawMultipart([
    { name: 'a', value: 'héllo' },
    { name: 'img', filename: 'i.jpg', bytes: image },
    { name: 'tricky', filename: 't.bin', bytes: tricky },
    { name: 'empty', value: '' },
  ]);

  it.each([1, 3, 7, 64, 100_000])(
    'parses the same parts whatever the chunk size (%i bytes)',
    async (size) => {
      const { parts, bytesRead } = await readAll(streamOf(body, size), boundaryOf(contentType)!);
      expect(parts.map((p) => p.name)).toEqual(['a', 'img', 'tricky', 'empty']);
      expect(parts[0]!.bytes.toString()).toBe('héllo');
      expect(parts[1]).toMatchObject({ filename: 'i.jpg' });
      expect(Buffer.compare(parts[1]!.bytes, Buffer.from(image))).toBe(0);
      expect(Buffer.compare(parts[2]!.bytes, tricky)).toBe(0);
      expect(parts[3]!.bytes.length).toBe(0);
      // Everything up to the closing delimiter; the trailing CRLF after it need not be read.
      expect(bytesRead).toBeGreaterThanOrEqual(body.length - 2);
    },
  );

  it('hands each chunk pulled from an image on whole and uncopied, however it falls', async () => {
    const big = new Uint8Array(64 * 1024 * 4).map((_, i) => (i * 31 + 7) % 251);
    const raw = rawMultipart([{ name: 'img', filename: 'i.jpg', bytes: big }]);
    const at = Buffer.from(raw.body).indexOf(Buffer.from(big.subarray(0, 16)));
    // The first chunk ends inside the image; the rest are 64 KiB chunks of image bytes then the tail.
    const pulled = [raw.body.slice(0, at + 1000)];
    for (let i = at + 1000; i < raw.body.length; i += 64 * 1024)
      pulled.push(raw.body.slice(i, i + 64 * 1024));
    let n = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull: (c) => (n < pulled.length ? c.enqueue(pulled[n++]!) : c.close()),
    });
    const reader = new MultipartReader(stream, boundaryOf(raw.contentType)!, { maxBodyBytes: 1 << 20 });
    await reader.nextPart();
    const out: Uint8Array[] = [];
    for (let c = await reader.readChunk(); c; c = await reader.readChunk()) out.push(c);
    expect(Buffer.compare(Buffer.concat(out), Buffer.from(big))).toBe(0);
    // One chunk out per chunk in (the last also holds the closing delimiter), each a view of the chunk pulled.
    expect(out.length).toBe(pulled.length);
    for (let i = 1; i < out.length - 1; i++) expect(out[i]!.buffer).toBe(pulled[i]!.buffer);
  });

  it('stops pulling as soon as the body passes its limit', async () => {
    const err = await readAll(streamOf(body, 1000), 'test-boundary-42', 2500).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProxyError);
    expect((err as ProxyError).code).toBe('payload_too_large');
  });

  it('reads a boundary from a content type, quoted or not', () => {
    expect(boundaryOf('multipart/form-data; boundary=abc')).toBe('abc');
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b"')).toBe('a b');
    expect(boundaryOf('multipart/mixed; boundary=abc')).toBeNull();
    expect(boundaryOf('application/json')).toBeNull();
  });
});

describe('multipartStream', () => {
  it('writes a body the platform’s own parser reads back', async () => {
    async function* parts() {
      yield { name: 'idType', value: 'passport' };
      yield {
        name: 'idImage',
        filename: 'id.jpg',
        contentType: 'image/jpeg',
        content: (async function* () {
          yield new Uint8Array([1, 2]);
          yield new Uint8Array([3]);
        })(),
      };
    }
    const { body, contentType } = multipartStream(parts());
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    expect(form.get('idType')).toBe('passport');
    const img = form.get('idImage') as File;
    expect(img.name).toBe('id.jpg');
    expect(new Uint8Array(await img.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('errors the stream, before the closing delimiter, when its parts fail', async () => {
    async function* parts() {
      yield { name: 'a', value: '1' };
      throw new Error('late field refused');
    }
    const { body } = multipartStream(parts());
    const text: string[] = [];
    const reader = body.getReader();
    const err = await (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return null;
        text.push(new TextDecoder().decode(value));
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(text.join('')).not.toMatch(/--\r\n$/);
  });
});
