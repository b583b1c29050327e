// The address look-up is retried in one layer only, here in the browser's client: it
// is the one layer that also sees its own network fail, and the endpoint calls the
// vendor once per call (packages/server/test/address-tried-once.test.ts), so a look-up
// the vendor keeps failing costs three vendor calls (docs/architecture.md, decisions).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EndpointClient } from '../src/index.ts';
import { protocolError, startScriptedEndpoint, type ScriptedEndpoint } from './support/scripted-endpoint.ts';

let endpoint: ScriptedEndpoint;
beforeEach(async () => {
  endpoint = await startScriptedEndpoint();
});
afterEach(() => endpoint.close());

const client = () => new EndpointClient({ endpoint: endpoint.url, backoffMs: 1, transport: 'fetch' });
const lookUps = () => endpoint.seen.filter((r) => r.path === '/address').length;

describe('the address look-up after the vendor failed', () => {
  it('is tried again after a retryable 502 and 504, and answers once the vendor does', async () => {
    endpoint.script('/address', protocolError(502, 'vendor_error'), protocolError(504, 'vendor_timeout'), {
      status: 200,
      body: { formattedAddress: 'F', globalCode: 'G', compoundCode: 'C' },
    });
    expect(await client().address('somewhere')).toEqual({
      formattedAddress: 'F',
      globalCode: 'G',
      compoundCode: 'C',
    });
    expect(lookUps()).toBe(3);
  });

  it('gives up after three calls with the endpoint’s error, for the applicant to try again', async () => {
    endpoint.script(
      '/address',
      protocolError(502, 'vendor_error'),
      protocolError(502, 'vendor_error'),
      protocolError(502, 'vendor_error'),
      protocolError(502, 'vendor_error'),
    );
    await expect(client().address('somewhere')).rejects.toMatchObject({
      code: 'vendor_error',
      retryable: true,
    });
    expect(lookUps()).toBe(3);
  });

  it('is not tried again when nothing matches (404 address_not_found)', async () => {
    endpoint.script('/address', protocolError(404, 'address_not_found'));
    await expect(client().address('Nowhere')).rejects.toMatchObject({ code: 'address_not_found' });
    expect(lookUps()).toBe(1);
  });
});
