// A pull-based multipart/form-data reader and writer that never hold a whole body.
//
// The reader pulls the request stream only as fast as its consumer reads a part's
// content, counts every byte it pulls, and stops with `payload_too_large` the
// moment the body outgrows its limit: a 50 MB upload costs at most one chunk past
// the limit, never 50 MB of memory. (@remix-run/multipart-parser yields a part only
// once it is complete, i.e. it buffers each image whole; that is why this is ours.)
import { ProxyError } from './errors.ts';

/** Limits of one multipart body. */
export interface MultipartLimits {
  /** Bytes of the whole body. */
  maxBodyBytes: number;
  /** Bytes of one part's header block. */
  maxHeaderBytes?: number;
  /** Number of parts. */
  maxParts?: number;
  /** Longest wait for the sender's next byte, ms, before `upload_timeout`; 0 waits for ever. */
  idleTimeoutMs?: number;
}

/** A request body read chunk by chunk: a web stream, or a runtime's own source (the Node adapter's). */
export interface BodySource {
  /** The next chunk, or null at the end of the body. */
  read(): Promise<Uint8Array | null>;
  /** Stops reading: the rest is never pulled, and a pending read answers null. */
  cancel(): Promise<void>;
}

/** A web stream as a BodySource. */
export function webBody(stream: ReadableStream<Uint8Array>): BodySource {
  const reader = stream.getReader();
  return {
    read: async () => {
      const { value, done } = await reader.read();
      return done ? null : value;
    },
    cancel: () => reader.cancel().catch(() => undefined),
  };
}

/** The head of one part. */
export interface PartHead {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

function malformed(why: string): ProxyError {
  return new ProxyError('malformed_request', `The multipart body is malformed: ${why}.`);
}

/** The boundary of a `multipart/form-data` content type, or null. */
export function boundaryOf(contentType: string | null): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function parseDisposition(value: string): { name?: string; filename?: string } {
  if (!/^form-data\s*(;|$)/i.test(value)) return {};
  const out: { name?: string; filename?: string } = {};
  const re = /;\s*(name|filename)="((?:[^"\\]|\\.)*)"|;\s*(name|filename)=([^;\s"]+)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value)) !== null) {
    const key = (m[1] ?? m[3] ?? '').toLowerCase() as 'name' | 'filename';
    const raw = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[4] ?? '');
    if (out[key] === undefined) out[key] = raw;
  }
  return out;
}

/**
 * Where in `buf` (which holds no whole `delimiter`) the delimiter may begin, cut
 * off by the end of the buffer: the first index whose suffix is a prefix of the
 * delimiter, or `buf.length` when there is none.
 */
function partialAt(buf: Buffer, delimiter: Buffer): number {
  const first = delimiter[0]!;
  for (
    let at = buf.indexOf(first, Math.max(0, buf.length - delimiter.length + 1));
    at !== -1;
    at = buf.indexOf(first, at + 1)
  ) {
    if (buf.compare(delimiter, 0, buf.length - at, at) === 0) return at;
  }
  return buf.length;
}

/**
 * Reads a multipart body part by part; a part's content is read chunk by chunk
 * with `readChunk()` until it answers null, then `nextPart()` moves on.
 */
export class MultipartReader {
  /** Bytes pulled from the body so far. */
  bytesRead = 0;
  readonly #source: BodySource;
  readonly #dashBoundary: Buffer;
  readonly #delimiter: Buffer;
  readonly #limits: Required<MultipartLimits>;
  #buf: Buffer = Buffer.alloc(0);
  #state: 'start' | 'afterDelimiter' | 'body' | 'done' = 'start';
  #parts = 0;
  #eof = false;
  /** When the pending read began (performance.now()), or -1 when none is pending. */
  #waitingSince = -1;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #idled = false;

  constructor(body: ReadableStream<Uint8Array> | BodySource, boundary: string, limits: MultipartLimits) {
    this.#source = body instanceof ReadableStream ? webBody(body) : body;
    this.#dashBoundary = Buffer.from(`--${boundary}`);
    this.#delimiter = Buffer.from(`\r\n--${boundary}`);
    this.#limits = { maxHeaderBytes: 1024, maxParts: 32, idleTimeoutMs: 0, ...limits };
  }

  // One timer per body, re-armed only when it fires before a pending read has
  // waited the whole idle time: a chunk costs a clock read, not a timer. Time the
  // consumer spends elsewhere (the vendor taking what was read) is not idleness.
  #checkIdle = (): void => {
    this.#idleTimer = undefined;
    if (this.#waitingSince < 0 || this.#eof) return;
    const waited = performance.now() - this.#waitingSince;
    if (waited >= this.#limits.idleTimeoutMs) {
      this.#idled = true;
      void this.#source.cancel();
    } else this.#armIdle(this.#limits.idleTimeoutMs - waited);
  };

  #armIdle(ms: number): void {
    this.#idleTimer = setTimeout(this.#checkIdle, ms);
    (this.#idleTimer as { unref?: () => void }).unref?.();
  }

  #stopIdle(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  /** The next chunk of the body, counted against the limit; null at its end. */
  async #pull(): Promise<Buffer | null> {
    if (this.#eof) return null;
    let value: Uint8Array | null;
    if (this.#limits.idleTimeoutMs > 0) {
      this.#waitingSince = performance.now();
      if (!this.#idleTimer) this.#armIdle(this.#limits.idleTimeoutMs);
      try {
        value = await this.#source.read();
      } finally {
        this.#waitingSince = -1;
      }
      if (this.#idled) {
        this.#eof = true;
        throw new ProxyError(
          'upload_timeout',
          `No byte of the upload arrived for ${this.#limits.idleTimeoutMs / 1000} s.`,
        );
      }
    } else value = await this.#source.read();
    if (value === null) {
      this.#eof = true;
      this.#stopIdle();
      return null;
    }
    this.bytesRead += value.byteLength;
    if (this.bytesRead > this.#limits.maxBodyBytes) {
      throw new ProxyError(
        'payload_too_large',
        `The body is larger than ${this.#limits.maxBodyBytes} bytes.`,
      );
    }
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }

  /** Pulls one more chunk into the buffer; false at the end of the body. */
  async #fill(): Promise<boolean> {
    const chunk = await this.#pull();
    if (!chunk) return false;
    this.#buf = this.#buf.length === 0 ? chunk : Buffer.concat([this.#buf, chunk]);
    return true;
  }

  /** The next part's head, or null after the closing delimiter. */
  async nextPart(): Promise<PartHead | null> {
    if (this.#state === 'body') {
      while ((await this.readChunk()) !== null) {
        /* skip the rest of an unread part */
      }
    }
    if (this.#state === 'done') return null;
    if (this.#state === 'start') {
      // A preamble before the first delimiter is legal but has no use here: keep it short.
      let at: number;
      while ((at = this.#buf.indexOf(this.#dashBoundary)) === -1) {
        if (this.#buf.length > 1024 || !(await this.#fill())) throw malformed('no opening boundary');
      }
      this.#buf = this.#buf.subarray(at + this.#dashBoundary.length);
      this.#state = 'afterDelimiter';
    }
    while (this.#buf.length < 2) {
      if (!(await this.#fill())) throw malformed('truncated after a boundary');
    }
    if (this.#buf[0] === 0x2d && this.#buf[1] === 0x2d) {
      this.#state = 'done';
      return null;
    }
    if (!this.#buf.subarray(0, 2).equals(CRLF)) throw malformed('bad boundary line');
    this.#buf = this.#buf.subarray(2);
    if (++this.#parts > this.#limits.maxParts) throw malformed('too many parts');
    let end: number;
    while ((end = this.#buf.indexOf(HEADER_END)) === -1) {
      if (this.#buf.length > this.#limits.maxHeaderBytes) throw malformed('part header too large');
      if (!(await this.#fill())) throw malformed('truncated part header');
    }
    if (end > this.#limits.maxHeaderBytes) throw malformed('part header too large');
    const headerText = this.#buf.subarray(0, end).toString('utf8');
    this.#buf = this.#buf.subarray(end + HEADER_END.length);
    let disposition: { name?: string; filename?: string } = {};
    let contentType: string | undefined;
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw malformed('bad part header');
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (key === 'content-disposition') disposition = parseDisposition(value);
      else if (key === 'content-type') contentType = value;
    }
    if (!disposition.name) throw malformed('a part without a name');
    this.#state = 'body';
    return { name: disposition.name, filename: disposition.filename, contentType };
  }

  /** The next chunk of the current part's content, or null at its end. */
  async readChunk(): Promise<Uint8Array | null> {
    const delimiter = this.#delimiter;
    while (this.#state === 'body') {
      const at = this.#buf.indexOf(delimiter);
      if (at !== -1) {
        const out = this.#buf.subarray(0, at);
        this.#buf = this.#buf.subarray(at + delimiter.length);
        this.#state = 'afterDelimiter';
        return out.length > 0 ? out : null;
      }
      // Hand on everything before the first byte where a delimiter split across
      // chunks could start; in an image that is almost always the whole buffer, so
      // each chunk pulled goes on as one chunk, uncopied.
      const keep = partialAt(this.#buf, delimiter);
      if (keep > 0) {
        const out = this.#buf.subarray(0, keep);
        this.#buf = this.#buf.subarray(keep);
        return out;
      }
      // The buffer is empty or could be the start of a delimiter: it needs the next chunk.
      const next = await this.#pull();
      if (!next) throw malformed('truncated part');
      this.#buf = this.#buf.length === 0 ? next : Buffer.concat([this.#buf, next]);
    }
    return null;
  }

  /** The current part's content as text, at most `maxBytes` bytes of UTF-8. */
  async readText(field: string, maxBytes: number): Promise<string> {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let chunk: Uint8Array | null;
    while ((chunk = await this.readChunk()) !== null) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new ProxyError('invalid_field', `Field "${field}" is too long.`, { field });
      chunks.push(chunk);
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
    } catch {
      throw new ProxyError('invalid_field', `Field "${field}" is not UTF-8 text.`, { field });
    }
  }

  /** Reads what follows the closing delimiter (an epilogue, within the body limit) to the end. */
  async drain(): Promise<void> {
    this.#buf = Buffer.alloc(0);
    while (await this.#pull()) {
      /* counted against the limit, then dropped */
    }
  }

  /** Stops reading the body (the rest is never pulled). */
  async cancel(): Promise<void> {
    this.#state = 'done';
    this.#stopIdle();
    await this.#source.cancel();
  }
}

/** One part of an outgoing multipart body. */
export type OutgoingPart =
  | { name: string; value: string }
  | { name: string; filename: string; contentType: string; content: AsyncIterable<Uint8Array> | Uint8Array };

function quote(s: string): string {
  return s.replace(/[\r\n"\\]/g, (c) => encodeURIComponent(c));
}

/**
 * The bytes of a multipart/form-data body, produced from `parts` as the consumer
 * pulls them: a file part's content is passed on chunk by chunk, and an error
 * thrown by `parts` is thrown to the consumer before the closing delimiter, so
 * that an upstream request sending it is aborted (the vendor never sees a
 * complete, processable request). `onEnd` runs once the last byte has been taken.
 */
export function multipartBytes(
  parts: AsyncIterable<OutgoingPart>,
  onEnd?: () => void,
): { bytes: AsyncGenerator<Uint8Array>; contentType: string } {
  const boundary = `----argos-kyc-${crypto.randomUUID().replace(/-/g, '')}`;
  const enc = new TextEncoder();
  async function* bytes(): AsyncGenerator<Uint8Array> {
    for await (const part of parts) {
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quote(part.name)}"`;
      if ('value' in part) {
        yield enc.encode(`${head}\r\n\r\n${part.value}\r\n`);
        continue;
      }
      head += `; filename="${quote(part.filename)}"\r\nContent-Type: ${part.contentType}\r\n\r\n`;
      yield enc.encode(head);
      if (part.content instanceof Uint8Array) yield part.content;
      else for await (const chunk of part.content) yield chunk;
      yield enc.encode('\r\n');
    }
    yield enc.encode(`--${boundary}--\r\n`);
    onEnd?.();
  }
  return { bytes: bytes(), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** `multipartBytes` as a web stream that pulls one chunk at a time (for fetch). */
export function multipartStream(
  parts: AsyncIterable<OutgoingPart>,
  onEnd?: () => void,
): { body: ReadableStream<Uint8Array>; contentType: string } {
  const { bytes, contentType } = multipartBytes(parts, onEnd);
  return { body: streamOf(bytes), contentType };
}

/** A web stream that pulls `it` one chunk at a time (for fetch); cancelling it throws into `it`. */
export function streamOf(it: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel(reason) {
        await it.throw(reason instanceof Error ? reason : new Error('cancelled')).catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
