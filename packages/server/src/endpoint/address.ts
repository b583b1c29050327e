// POST {base}/address: a small JSON body (an address, a plus code or "lat,lng"),
// read with a byte limit, looked up by the vendor's geocoder.
import { JSON_MAX_BODY_BYTES, languageProblem, type AddressAnswer } from '@argos-kyc/protocol';
import { ProxyError } from '../errors.ts';
import * as v from '../validate.ts';
import type { Endpoint } from './context.ts';

/** The vendor's geocoder on one address, plus code or "lat,lng". */
export async function address(endpoint: Endpoint, request: Request): Promise<AddressAnswer> {
  await endpoint.authenticate(request);
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
  const input = body as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (key !== 'address' && key !== 'language')
      throw new ProxyError('unknown_field', `Field "${key}" is not taken here.`, { field: key });
  }
  if (typeof input.address !== 'string')
    throw new ProxyError('invalid_field', 'Field "address" is required.', { field: 'address' });
  const addr = v.addressQuery('address', input.address);
  let language: string | undefined;
  if (input.language !== undefined) {
    if (typeof input.language !== 'string' || languageProblem(input.language)) {
      throw new ProxyError('invalid_field', 'Field "language" is not a language tag.', {
        field: 'language',
      });
    }
    language = input.language;
  }
  try {
    const r = await endpoint.client.addressCode(
      language ? { address: addr, language } : { address: addr },
      endpoint.vendorCall,
    );
    return {
      formattedAddress: r.formatted_address,
      compoundCode: r.compound_code,
      globalCode: r.global_code,
    };
  } catch (e) {
    throw endpoint.vendorFailure(e, 'address');
  }
}
