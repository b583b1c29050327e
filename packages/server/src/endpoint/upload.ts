// The upload pipe of step 1 and step 2. Text fields that come before the first image
// are read and validated before the vendor is called at all. From the first image on,
// the outgoing multipart body is a stream built as the incoming one is read: the image
// passes through chunk by chunk, sniffed and counted; a field after it is validated
// when it arrives, and if it (or a required field that never came) fails, the
// outgoing stream is errored before its closing delimiter, which aborts the upstream
// request, and the browser gets our 4xx. The vendor never receives a complete request
// that failed our checks: whatever follows the closing boundary (an epilogue) is read
// and counted before the closing delimiter goes upstream too, so a body refused for
// its size creates nothing (issue 10). The widget sends text fields first, so in
// practice every check runs before the first image byte leaves.
import { MAX_IMAGE_BYTES, MAX_TEXT_FIELD_BYTES, sniffImage } from '@argos-kyc/protocol';
import { ProxyError } from '../errors.ts';
import { boundaryOf, MultipartReader, type OutgoingPart, type PartHead } from '../multipart.ts';
import type { CallContext } from './context.ts';

/** Reads the first bytes of an image part, judges its type, then streams it on with a byte count. */
async function openImage(
  reader: MultipartReader,
  head: PartHead,
  record: (e: unknown) => ProxyError,
): Promise<OutgoingPart> {
  const field = head.name;
  const first: Uint8Array[] = [];
  let size = 0;
  let chunk: Uint8Array | null = null;
  while (size < 8 && (chunk = await reader.readChunk()) !== null) {
    first.push(chunk);
    size += chunk.byteLength;
  }
  if (size === 0) throw new ProxyError('invalid_field', `Field "${field}" is an empty file.`, { field });
  const joined = first.length === 1 ? first[0]! : Buffer.concat(first);
  const kind = sniffImage(joined);
  if (!kind)
    throw new ProxyError('unsupported_image', `Field "${field}" is not a JPEG or PNG image.`, { field });
  const tooLarge = () =>
    new ProxyError('payload_too_large', `Field "${field}" is larger than ${MAX_IMAGE_BYTES} bytes.`, {
      field,
    });
  if (size > MAX_IMAGE_BYTES) throw tooLarge();
  // Runs while the upstream request pulls it: a failure here is recorded, so that
  // the answer is our 4xx rather than the upstream call's abort.
  async function* content(): AsyncGenerator<Uint8Array> {
    try {
      yield joined;
      let c: Uint8Array | null;
      while ((c = await reader.readChunk()) !== null) {
        size += c.byteLength;
        if (size > MAX_IMAGE_BYTES) throw tooLarge();
        yield c;
      }
    } catch (e) {
      throw record(e);
    }
  }
  return {
    name: field,
    filename: kind === 'image/png' ? `${field}.png` : `${field}.jpg`,
    contentType: kind,
    content: content(),
  };
}

/**
 * A reader of the call's multipart body: from the runtime's own body source when it
 * gives one (the Node adapter, a web-stream hop per chunk cheaper), else the Request's.
 */
export function openMultipart(
  request: Request,
  maxBodyBytes: number,
  ctx: CallContext,
  idleTimeoutMs: number,
): MultipartReader {
  const boundary = boundaryOf(request.headers.get('content-type'));
  if (!boundary || !request.body)
    throw new ProxyError('malformed_request', 'The body must be multipart/form-data.');
  // A declared length over the limit is refused before a byte is read.
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBodyBytes)
    throw new ProxyError('payload_too_large', `The body is larger than ${maxBodyBytes} bytes.`);
  const reader = new MultipartReader(ctx.info?.body ?? request.body, boundary, {
    maxBodyBytes,
    maxParts: 32,
    idleTimeoutMs,
  });
  ctx.reader = reader;
  return reader;
}

/** An upload ready to go upstream, part by part. */
export interface Upload {
  /** The parts to send; errored before the closing delimiter when a check fails. */
  parts: AsyncGenerator<OutgoingPart>;
  /** The check that failed while the parts were sent, if one did. */
  failure(): ProxyError | null;
  /** True once the last part was taken: the vendor may have received a whole form. */
  complete(): boolean;
  /** Reads the rest of the body through the same checks, sending nothing anywhere. */
  discard(): Promise<void>;
}

/**
 * Reads text fields until the first file part (validating each with `accept`),
 * then answers the parts to send upstream: `fixed`, the fields so far, the
 * images streamed, and later fields validated as they come; `finish` and the
 * `requiredFiles` check run on the whole body, before the closing delimiter.
 */
export async function pipeUpload(
  reader: MultipartReader,
  fixed: OutgoingPart[],
  acceptText: (name: string, value: string) => string,
  files: ReadonlySet<string>,
  requiredFiles: readonly string[],
  finish: () => void,
): Promise<Upload> {
  const seen = new Set<string>();
  const readText = async (head: PartHead): Promise<OutgoingPart> => {
    if (files.has(head.name))
      throw new ProxyError('invalid_field', `Field "${head.name}" must be a file.`, { field: head.name });
    if (seen.has(head.name))
      throw new ProxyError('invalid_field', `Field "${head.name}" is given twice.`, { field: head.name });
    seen.add(head.name);
    const value = await reader.readText(head.name, MAX_TEXT_FIELD_BYTES);
    return { name: head.name, value: acceptText(head.name, value) };
  };
  const checkFile = (head: PartHead) => {
    if (!files.has(head.name))
      throw new ProxyError('unknown_field', `Field "${head.name}" is not taken here.`, {
        field: head.name,
      });
    if (seen.has(head.name))
      throw new ProxyError('invalid_field', `Field "${head.name}" is given twice.`, { field: head.name });
    seen.add(head.name);
  };
  const prefix: OutgoingPart[] = [...fixed];
  let pending: PartHead | null;
  while (
    (pending = await reader.nextPart()) !== null &&
    pending.filename === undefined &&
    !files.has(pending.name)
  ) {
    prefix.push(await readText(pending));
  }
  if (pending === null) {
    finish();
    throw new ProxyError('invalid_field', 'An image is required.', { field: requiredFiles[0]! });
  }
  checkFile(pending);
  let failure: ProxyError | null = null;
  const record = (e: unknown): ProxyError => {
    failure ??=
      e instanceof ProxyError ? e : new ProxyError('malformed_request', 'The body could not be read.');
    return failure;
  };
  const firstImage = await openImage(reader, pending, record);
  let complete = false;
  async function* parts(): AsyncGenerator<OutgoingPart> {
    try {
      yield* prefix;
      yield firstImage;
      let head: PartHead | null;
      while ((head = await reader.nextPart()) !== null) {
        if (head.filename !== undefined || files.has(head.name)) {
          checkFile(head);
          yield await openImage(reader, head, record);
        } else {
          yield await readText(head);
        }
      }
      // The epilogue to the end of the body, within its limit, before the form is whole.
      await reader.drain();
      finish();
      for (const name of requiredFiles) {
        if (!seen.has(name))
          throw new ProxyError('invalid_field', `Field "${name}" is required.`, { field: name });
      }
      complete = true;
    } catch (e) {
      throw record(e);
    }
  }
  const outgoing = parts();
  return {
    parts: outgoing,
    failure: () => failure,
    complete: () => complete,
    async discard() {
      for await (const part of outgoing) {
        if ('content' in part && !(part.content instanceof Uint8Array))
          for await (const _ of part.content) {
            /* dropped */
          }
      }
    },
  };
}
