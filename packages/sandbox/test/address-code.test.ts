// POST /v2/address_code: addresses, global codes, compound codes and "lat,lng" resolved
// against the built-in gazetteer with real Open Location Codes (docs/vendor-api.md #10, #11).
import olc from 'open-location-code';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLACES, startSandbox, type AddressCodeResponse, type Sandbox } from '../src/index.ts';
import { call } from './helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: false });
});
afterAll(() => sandbox.close());

const WHITE_HOUSE: AddressCodeResponse = {
  formatted_address: '1600 Pennsylvania Avenue NW, Washington, DC 20500, USA',
  compound_code: 'VXX7+39 Washington, DC, USA',
  global_code: '87C4VXX7+39',
};

async function lookup(
  address: string | undefined,
  extra: Record<string, string> = {},
): Promise<{ status: number; body: AddressCodeResponse & { message?: string; field?: string } }> {
  const params = new URLSearchParams(extra);
  if (address !== undefined) params.set('address', address);
  const res = await call(sandbox, '/v2/address_code', { method: 'POST', body: params });
  return {
    status: res.status,
    body: (await res.json()) as AddressCodeResponse & { message?: string; field?: string },
  };
}

describe('POST /v2/address_code', () => {
  it("answers the vendor's sample exactly", async () => {
    expect(
      await lookup('1600 Pennsylvania Avenue NW, Washington, DC 20500, USA', { language: 'en' }),
    ).toEqual({ status: 200, body: WHITE_HOUSE });
  });

  it.each([
    '  1600 pennsylvania avenue nw,   washington, dc 20500, usa ',
    '1600 Pennsylvania Ave. NW, Washington DC',
    '1600 PENNSYLVANIA AVE NW',
    'The White House',
  ])('forgives case, punctuation, spaces and abbreviations: %s', async (address) => {
    expect((await lookup(address)).body).toEqual(WHITE_HOUSE);
  });

  it('resolves a global code and a compound code', async () => {
    expect((await lookup('87C4VXX7+39')).body).toEqual(WHITE_HOUSE);
    expect((await lookup('VXX7+39 Washington, DC, USA')).body).toEqual(WHITE_HOUSE);
    expect((await lookup('vxx7+39 washington dc usa')).body).toEqual(WHITE_HOUSE);
  });

  it('resolves "lat,lng" near a known place to that place, with the codes of the point (docs/vendor-api.md #10)', async () => {
    const { status, body } = await lookup('38.897,-77.036');
    expect(status).toBe(200);
    expect(body.formatted_address).toBe(WHITE_HOUSE.formatted_address);
    expect(body.global_code).toBe(new olc.OpenLocationCode().encode(38.897, -77.036, 10));
    expect(body.compound_code).toBe(`${body.global_code.slice(4)} Washington, DC, USA`);
  });

  it('names a point away from known places by its compound code within 20 km of a locality', async () => {
    const { status, body } = await lookup('38.95,-77.10');
    expect(status).toBe(200);
    expect(body.global_code).toBe(new olc.OpenLocationCode().encode(38.95, -77.1, 10));
    expect(body.formatted_address).toBe(body.compound_code);
    expect(body.compound_code).toMatch(/ Washington, DC, USA$/);
  });

  it("answers 404 for the vendor's unsigned example (38.897,77.036 is in Kazakhstan) and for unknown places", async () => {
    for (const address of ['38.897,77.036', '12 Nowhere Lane, Atlantis', 'VXX7+39 Atlantis', '6GCRPR6C+24']) {
      const { status, body } = await lookup(address);
      expect(status, address).toBe(404);
      expect(body.message).toEqual(expect.any(String));
    }
  });

  it('answers 400 naming address when it is missing, malformed or out of range', async () => {
    for (const address of [undefined, '   ', '91,0', 'VXX7+39']) {
      const { status, body } = await lookup(address);
      expect(status, String(address)).toBe(400);
      expect(body.field).toBe('address');
    }
  });

  it('gives every gazetteer place real, self-consistent codes', async () => {
    const codec = new olc.OpenLocationCode();
    for (const place of PLACES) {
      const { body } = await lookup(place.formatted);
      expect(body.global_code).toBe(codec.encode(place.lat, place.lng, 10));
      expect((await lookup(body.compound_code)).body.global_code).toBe(body.global_code);
      expect((await lookup(`${place.lat},${place.lng}`)).body.formatted_address).toBe(place.formatted);
    }
  });
});
