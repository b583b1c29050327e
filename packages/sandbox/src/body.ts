// Request-body reading with hard byte limits: a body is counted as it streams in and
// reading stops at the limit, so a 50 MB upload is never held in memory.
import type { IncomingMessage } from 'node:http';

/** Thrown when a body passes its limit. */
export class BodyTooLargeError extends Error {
  constructor() {
    super('Request Entity Too Large');
  }
}

/**
 * The most of an oversized body that is read (and dropped) before answering 413, so
 * that a client still writing it (Node's fetch, a browser) gets to read the answer
 * instead of a reset. Past it (a 50 MB upload) the connection is simply closed.
 */
const MAX_DISCARDED_BYTES = 16 * 1024 * 1024;

/** Reads the rest of a body without keeping it; true once it ended, false if it was cut off. */
function discardRest(req: IncomingMessage, already: number): Promise<boolean> {
  if (req.complete) return Promise.resolve(true);
  return new Promise((resolve) => {
    let seen = already;
    const onData = (chunk: Buffer): void => {
      seen += chunk.length;
      if (seen > MAX_DISCARDED_BYTES) done(false);
    };
    const done = (ended: boolean): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      if (!ended) req.pause();
      resolve(ended);
    };
    const onEnd = (): void => done(true);
    const onClose = (): void => done(req.complete);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
    req.resume();
  });
}

/**
 * Reads the whole body, or throws BodyTooLargeError once it passes `limit` bytes.
 * The rest of a body over the limit is read and dropped first (up to 16 MiB in
 * all), so that the 413 reaches any client.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit)
    return discardRest(req, 0).then(() => Promise.reject(new BodyTooLargeError()));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        void discardRest(req, size).then(() => reject(new BodyTooLargeError()));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** A file field of a multipart body. */
export interface UploadedFile {
  bytes: Buffer;
  filename: string;
}

/** A parsed multipart/form-data body: text fields and file fields. */
export interface ParsedForm {
  fields: Map<string, string>;
  files: Map<string, UploadedFile>;
}

/** Thrown for a body that is not the form it claims to be. */
export class MalformedBodyError extends Error {}

/** Parses a buffered multipart/form-data body with the WHATWG parser built into Node. */
export async function parseMultipart(body: Buffer, contentType: string): Promise<ParsedForm> {
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(contentType)) {
    throw new MalformedBodyError('Expected multipart/form-data');
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new MalformedBodyError('Malformed multipart body');
  }
  const fields = new Map<string, string>();
  const files = new Map<string, UploadedFile>();
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields.set(name, value);
    else files.set(name, { bytes: Buffer.from(await value.arrayBuffer()), filename: value.name });
  }
  return { fields, files };
}

/** Parses an application/x-www-form-urlencoded body (or JSON, which some clients send). */
export function parseUrlEncoded(body: Buffer): Map<string, string> {
  return new Map(new URLSearchParams(body.toString('utf8')).entries());
}
