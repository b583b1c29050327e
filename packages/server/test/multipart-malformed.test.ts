// The multipart reader facing bodies a client controls: every malformed shape is
// refused with its reason (never parsed into something else), each limit is exact,
// and the part heads it answers are what the headers say. Also the writer's
// quoting, which keeps a field name from forging another part.
import { describe, expect, it } from 'vitest';
import { ProxyError } from '../src/errors.ts';
import { MultipartReader, boundaryOf, multipartBytes } from '../src/multipart.ts';

const B = 'bnd';
const enc = (s: string | Uint8Array) => (typeof s === 'string' ? new TextEncoder().encode(s) : s);

function stream(text: string | Uint8Array, chunk = 1 << 20): ReadableStream<Uint8Array> {
  const bytes = enc(text);
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, at + chunk));
      at += chunk;
    },
  });
}

const part = (headers: string, content = 'v') => `--${B}\r\n${headers}\r\n\r\n${content}\r\n`;
const field = (name: string, content = 'v') =>
  part(`Content-Disposition: form-data; name="${name}"`, content);
const end = `--${B}--\r\n`;

/** Reads every part (heads and text); answers them, or the refusal as "code: message". */
async function read(
  body: string | Uint8Array,
  limits: Partial<ConstructorParameters<typeof MultipartReader>[2]> = {},
  chunk?: number,
): Promise<unknown> {
  const reader = new MultipartReader(stream(body, chunk), B, { maxBodyBytes: 1 << 20, ...limits });
  const parts: unknown[] = [];
  try {
    for (let head = await reader.nextPart(); head; head = await reader.nextPart())
      parts.push({ ...head, text: await reader.readText(head.name, 1000) });
    return parts;
  } catch (e) {
    if (!(e instanceof ProxyError)) throw e;
    return `${e.code}: ${e.message}`;
  }
}
const bad = (why: string) => `malformed_request: The multipart body is malformed: ${why}.`;

describe('MultipartReader refuses malformed bodies, each for its reason', () => {
  it.each([
    ['no boundary at all', 'hello', 'no opening boundary'],
    ['an empty body', '', 'no opening boundary'],
    ['nothing after the first boundary', `--${B}`, 'truncated after a boundary'],
    ['one byte after it', `--${B}\r`, 'truncated after a boundary'],
    ['junk after a boundary', `--${B}xx\r\n`, 'bad boundary line'],
    [
      'a part header with no end',
      `--${B}\r\nContent-Disposition: form-data; name="a"\r\n`,
      'truncated part header',
    ],
    ['a header line without a colon', part('Content-Disposition form-data'), 'bad part header'],
    ['a header line starting with a colon', part(': form-data; name="a"'), 'bad part header'],
    [
      'a part without a name',
      part('Content-Disposition: form-data; filename="x"') + end,
      'a part without a name',
    ],
    [
      'a part with an empty name',
      part('Content-Disposition: form-data; name=""') + end,
      'a part without a name',
    ],
    [
      'a disposition that is not form-data',
      part('Content-Disposition: attachment; name="a"') + end,
      'a part without a name',
    ],
    [
      'a disposition that only starts like it',
      part('Content-Disposition: form-database; name="a"') + end,
      'a part without a name',
    ],
    [
      'content cut before its delimiter',
      `--${B}\r\nContent-Disposition: form-data; name="a"\r\n\r\nabc`,
      'truncated part',
    ],
  ])('%s', async (_, body, why) => {
    expect(await read(body)).toBe(bad(why));
    expect(await read(body, {}, 3)).toBe(bad(why));
  });

  it('refuses a preamble it has held over 1 KiB of without finding the boundary', async () => {
    const body = `${'p'.repeat(1100)}${field('a')}${end}`;
    expect(await read(body, {}, 64)).toBe(bad('no opening boundary'));
    expect(await read(`${'p'.repeat(1000)}${field('a')}${end}`, {}, 64)).toHaveLength(1);
  });

  it('takes a short preamble and an epilogue', async () => {
    expect(await read(`preamble\r\n${field('a', 'x')}${end}epilogue`)).toEqual([
      { name: 'a', filename: undefined, contentType: undefined, text: 'x' },
    ]);
    expect(await read(`${'p'.repeat(1000)}${field('a')}${end}`)).toHaveLength(1);
  });

  it('takes exactly maxParts parts, not one more', async () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => field(`f${i}`)).join('') + end;
    expect(await read(body(32))).toHaveLength(32);
    expect(await read(body(33))).toBe(bad('too many parts'));
    expect(await read(body(2), { maxParts: 2 })).toHaveLength(2);
    expect(await read(body(3), { maxParts: 2 })).toBe(bad('too many parts'));
  });

  it('takes a part header of exactly maxHeaderBytes, not one byte more', async () => {
    const header = (size: number) => {
      const base = 'Content-Disposition: form-data; name="a"\r\nX-Pad: ';
      return base + 'p'.repeat(size - base.length);
    };
    expect(await read(part(header(1024)) + end)).toHaveLength(1);
    expect(await read(part(header(1025)) + end)).toBe(bad('part header too large'));
    expect(await read(part(header(100)) + end, { maxHeaderBytes: 100 })).toHaveLength(1);
    expect(await read(part(header(101)) + end, { maxHeaderBytes: 100 })).toBe(bad('part header too large'));
    // Byte by byte, what it holds while looking for the blank line (header and up to
    // three bytes of it) may not pass the limit either: it stops three bytes sooner.
    expect(await read(part(header(1021)) + end, {}, 1)).toHaveLength(1);
    expect(await read(part(header(1022)) + end, {}, 1)).toBe(bad('part header too large'));
  });
});

describe('MultipartReader part heads', () => {
  it('reads name and filename quoted (with escapes) or not, case-insensitively, the first of each winning', async () => {
    const body =
      part(
        'content-disposition: FORM-DATA; NAME="a\\"b"; Filename="c\\\\d.jpg"\r\nContent-Type:  image/jpeg ',
      ) +
      part('Content-Disposition: form-data;name=plain;filename=f.png') +
      part('Content-Disposition: form-data; name="first"; name="second"') +
      part('Content-Disposition: form-data ; name="spaced"\r\nX-Other: y') +
      end;
    expect(await read(body)).toEqual([
      { name: 'a"b', filename: 'c\\d.jpg', contentType: 'image/jpeg', text: 'v' },
      { name: 'plain', filename: 'f.png', contentType: undefined, text: 'v' },
      { name: 'first', filename: undefined, contentType: undefined, text: 'v' },
      { name: 'spaced', filename: undefined, contentType: undefined, text: 'v' },
    ]);
  });

  it('skips the unread rest of a part when asked for the next one', async () => {
    const reader = new MultipartReader(stream(field('a', 'x'.repeat(5000)) + field('b', 'y') + end, 64), B, {
      maxBodyBytes: 1 << 20,
    });
    expect((await reader.nextPart())?.name).toBe('a');
    expect((await reader.nextPart())?.name).toBe('b');
    expect(await reader.readText('b', 10)).toBe('y');
    expect(await reader.nextPart()).toBeNull();
    expect(await reader.nextPart()).toBeNull();
  });
});

describe('MultipartReader text and limits', () => {
  it('takes text up to maxBytes exactly, and refuses more or bytes that are not UTF-8', async () => {
    const text = async (content: string | Uint8Array, max: number) => {
      const body = Buffer.concat([
        Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="t"\r\n\r\n`),
        Buffer.from(enc(content)),
        Buffer.from(`\r\n${end}`),
      ]);
      const reader = new MultipartReader(stream(body, 3), B, { maxBodyBytes: 1 << 20 });
      await reader.nextPart();
      return reader.readText('t', max).then(
        (t) => t,
        (e: ProxyError) => `${e.code} ${e.field}: ${e.message}`,
      );
    };
    expect(await text('héllo', 6)).toBe('héllo');
    expect(await text('héllo', 5)).toBe('invalid_field t: Field "t" is too long.');
    expect(await text(new Uint8Array([0x61, 0xff, 0x62]), 10)).toBe(
      'invalid_field t: Field "t" is not UTF-8 text.',
    );
    expect(await text('', 0)).toBe('');
  });

  it('counts every byte against the body limit, epilogue included, to the byte', async () => {
    const body = field('a', 'x') + end + 'e'.repeat(10);
    const size = enc(body).length;
    for (const chunk of [1, 5, 1 << 20]) {
      const ok = new MultipartReader(stream(body, chunk), B, { maxBodyBytes: size });
      while (await ok.nextPart()) await ok.readText('a', 10);
      await ok.drain();
      expect(ok.bytesRead).toBe(size);
      const over = new MultipartReader(stream(body, chunk), B, { maxBodyBytes: size - 1 });
      const err = await (async () => {
        while (await over.nextPart()) await over.readText('a', 10);
        await over.drain();
      })().catch((e: ProxyError) => `${e.code}: ${e.message}`);
      expect(err).toBe(`payload_too_large: The body is larger than ${size - 1} bytes.`);
    }
  });

  it('pulls nothing more once cancelled', async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulls++;
        c.enqueue(enc(field('a', 'x')));
      },
    });
    const reader = new MultipartReader(body, B, { maxBodyBytes: 1 << 20 });
    await reader.nextPart();
    const before = pulls;
    await reader.cancel();
    expect(await reader.nextPart()).toBeNull();
    expect(await reader.readChunk()).toBeNull();
    expect(pulls).toBe(before);
  });
});

describe('boundaryOf', () => {
  it('takes a boundary of up to 70 characters, quoted or not, in a multipart/form-data type only', () => {
    const b70 = 'b'.repeat(70);
    expect(boundaryOf(`Multipart/Form-Data ; BOUNDARY=${b70}`)).toBe(b70);
    expect(boundaryOf(`multipart/form-data; boundary="${b70}"`)).toBe(b70);
    expect(boundaryOf(`multipart/form-data; boundary=${b70}b`)).toBe(b70);
    expect(boundaryOf(`multipart/form-data; boundary="${b70}b"`)).toBeNull();
    expect(boundaryOf('multipart/form-data; boundary=abc; charset=utf-8')).toBe('abc');
    expect(boundaryOf('multipart/form-data; boundary=')).toBeNull();
    expect(boundaryOf('multipart/form-data')).toBeNull();
    expect(boundaryOf('text/plain; x=multipart/form-data; boundary=abc')).toBeNull();
    expect(boundaryOf(null)).toBeNull();
    expect(boundaryOf('')).toBeNull();
  });
});

describe('multipartBytes', () => {
  it('quotes CR, LF, quote and backslash in names, so a name cannot forge a part; calls onEnd once, at the end', async () => {
    let ended = 0;
    async function* parts() {
      yield { name: 'a"\r\n\\b', value: 'v' };
      yield { name: 'f', filename: 'x"\r\n.jpg', contentType: 'image/jpeg', content: new Uint8Array([1, 2]) };
    }
    const { bytes, contentType } = multipartBytes(parts(), () => ended++);
    const chunks: Uint8Array[] = [];
    for await (const c of bytes) {
      expect(ended).toBe(0);
      chunks.push(c);
    }
    expect(ended).toBe(1);
    const boundary = boundaryOf(contentType)!;
    expect(boundary).toMatch(/^----argos-kyc-[0-9a-f]{32}$/);
    expect(Buffer.concat(chunks).toString('latin1')).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="a%22%0D%0A%5Cb"\r\n\r\nv\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="x%22%0D%0A.jpg"\r\n` +
        `Content-Type: image/jpeg\r\n\r\n\x01\x02\r\n--${boundary}--\r\n`,
    );
  });
});
