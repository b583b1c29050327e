// Request-body reading with hard byte limits: a body is counted as it streams in and
// reading stops at the limit, so a 50 MB upload is never held in memory.
import type { IncomingMessage } from 'node:http';

/** Thrown when a body passes its limit. */
export class BodyTooLargeError extends Error {
  constructor() {
    super('Request Entity Too Large');
  }
}

/** Reads the whole body, or throws BodyTooLargeError as soon as it passes `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Stop reading: the caller answers 413 and closes the connection.
        req.pause();
        reject(new BodyTooLargeError());
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
