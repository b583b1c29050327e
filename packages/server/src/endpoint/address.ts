// POST {base}/address: a small JSON body (an address, a plus code or "lat,lng"),
// read with a byte limit, looked up by the vendor's geocoder.
import { addressLanguage, languageProblem, type AddressAnswer } from '@argos-kyc/protocol';
import { ProxyError } from '../errors.ts';
import * as v from '../validate.ts';
import type { Endpoint } from './context.ts';
import { readJsonObject } from './json-body.ts';

/** The vendor's geocoder on one address, plus code or "lat,lng". */
export async function address(endpoint: Endpoint, request: Request): Promise<AddressAnswer> {
  await endpoint.authenticate(request);
  const input = await readJsonObject(request);
  for (const key of Object.keys(input)) {
    if (key !== 'address' && key !== 'language')
      throw new ProxyError('unknown_field', `Field "${key}" is not taken here.`, { field: key });
  }
  if (typeof input.address !== 'string')
    throw new ProxyError('invalid_field', 'Field "address" is required.', { field: 'address' });
  const addr = v.addressQuery('address', input.address);
  let language: string | null = null;
  if (input.language !== undefined) {
    // A malformed tag is the browser's fault (the widget sends its locale's primary
    // language): refused, and the message never repeats it.
    if (typeof input.language !== 'string' || languageProblem(input.language)) {
      throw new ProxyError('invalid_field', 'Field "language" is not a language tag.', {
        field: 'language',
      });
    }
    // A well-formed tag outside the allowlist is dropped, not refused: an applicant in a
    // rare locale still gets their address, in the vendor's default (English).
    language = addressLanguage(input.language);
  }
  try {
    // Tried once here: the browser's client retries a failed look-up (a 502/504 says
    // retryable), and only it also sees its own network fail; retrying in both layers
    // made one failed look-up nine vendor calls (docs/architecture.md, decisions).
    const r = await endpoint.client.addressCode(language ? { address: addr, language } : { address: addr }, {
      ...endpoint.vendorCall,
      attempts: 1,
    });
    return {
      formattedAddress: r.formatted_address,
      compoundCode: r.compound_code,
      globalCode: r.global_code,
    };
  } catch (e) {
    throw endpoint.vendorFailure(e, 'address');
  }
}
