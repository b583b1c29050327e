// The small JSON bodies of the endpoint (`/address`, and `/session` when it names a
// submission): read with a byte limit, parsed strictly, an object or a 400.
import { JSON_MAX_BODY_BYTES } from '@argos-kyc/protocol';
import { ProxyError } from '../errors.ts';

/** A JSON object body of at most JSON_MAX_BODY_BYTES bytes. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '') || !request.body) {
    throw new ProxyError('malformed_request', 'The body must be JSON.');
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > JSON_MAX_BODY_BYTES)
    throw new ProxyError('payload_too_large', `The body is larger than ${JSON_MAX_BODY_BYTES} bytes.`);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > JSON_MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new ProxyError('payload_too_large', `The body is larger than ${JSON_MAX_BODY_BYTES} bytes.`);
    }
    chunks.push(value);
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    throw new ProxyError('malformed_request', 'The body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ProxyError('malformed_request', 'The body must be a JSON object.');
  return body as Record<string, unknown>;
}
