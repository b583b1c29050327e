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

  describe('language', () => {
    const GYEONGBOKGUNG_KO = '서울특별시 종로구 사직로 161';

    it('answers a Korean place in Korean when asked for ko: the road-name address, the locality in Korean, the same codes', async () => {
      const en = (await lookup('161 Sajik-ro, Jongno-gu, Seoul, South Korea', { language: 'en' })).body;
      const ko = await lookup('161 Sajik-ro, Jongno-gu, Seoul, South Korea', { language: 'ko' });
      expect(ko.status).toBe(200);
      expect(ko.body).toEqual({
        formatted_address: GYEONGBOKGUNG_KO,
        compound_code: `${en.global_code.slice(4)} 대한민국 서울특별시`,
        global_code: en.global_code,
      });
      expect(en.formatted_address).toBe('161 Sajik-ro, Jongno-gu, Seoul, South Korea');
      expect(en.compound_code).toBe(`${en.global_code.slice(4)} Seoul, South Korea`);
      // A region subtag or another case is still Korean.
      expect((await lookup('Gyeongbokgung', { language: 'ko-KR' })).body.formatted_address).toBe(
        GYEONGBOKGUNG_KO,
      );
      expect((await lookup('Gyeongbokgung', { language: 'KO' })).body.formatted_address).toBe(
        GYEONGBOKGUNG_KO,
      );
    });

    it('has a real Korean road-name address for every place in Korea, found by it and by its Korean aliases', async () => {
      const korean = PLACES.filter((p) => p.locality.endsWith('South Korea'));
      expect(korean.length).toBeGreaterThanOrEqual(3);
      for (const place of korean) {
        // Province or metropolitan city, district, road name, building number.
        expect(place.ko, place.formatted).toMatch(/^\S+(특별시|광역시|도) \S+(구|시|군) \S+(로|길) \d+$/);
        for (const text of [place.ko!, place.formatted, ...place.aliases]) {
          const { status, body } = await lookup(text, { language: 'ko' });
          expect(status, text).toBe(200);
          expect(body.formatted_address, text).toBe(place.ko);
        }
        // Asked in Korean by "lat,lng" and by its Korean compound code: the same place.
        const byPoint = (await lookup(`${place.lat},${place.lng}`, { language: 'ko' })).body;
        expect(byPoint.formatted_address).toBe(place.ko);
        expect((await lookup(byPoint.compound_code, { language: 'ko' })).body).toEqual(byPoint);
        // Typed in Korean, asked in English: the English address.
        expect((await lookup(place.ko!)).body.formatted_address).toBe(place.formatted);
      }
    });

    it('answers in English for every other language, no language or an unknown one; a place outside Korea stays English in ko', async () => {
      const others: Record<string, string>[] = [
        {},
        { language: 'en' },
        { language: 'fr' },
        { language: 'tlh' },
        { language: '' },
      ];
      for (const extra of others) {
        expect((await lookup('Gyeongbokgung', extra)).body.formatted_address, JSON.stringify(extra)).toBe(
          '161 Sajik-ro, Jongno-gu, Seoul, South Korea',
        );
      }
      expect(await lookup('The White House', { language: 'ko' })).toEqual({ status: 200, body: WHITE_HOUSE });
      expect((await lookup('Eiffel Tower', { language: 'ko' })).body.formatted_address).toBe(
        'Champ de Mars, 5 Av. Anatole France, 75007 Paris, France',
      );
    });

    it('names the locality in Korean for a point in Korea that is no known place', async () => {
      // Seoul City Hall square, about 1.5 km from the gazetteer's places.
      const { status, body } = await lookup('37.5663,126.9779', { language: 'ko' });
      expect(status).toBe(200);
      expect(body.formatted_address).toBe(body.compound_code);
      expect(body.compound_code).toMatch(
        /^[23456789CFGHJMPQRVWX]{4}\+[23456789CFGHJMPQRVWX]{2} 대한민국 서울특별시$/,
      );
    });
  });
});
