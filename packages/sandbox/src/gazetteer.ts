// POST /v2/address_code without the internet: a small built-in gazetteer of real
// places with their true coordinates, and real Open Location Codes computed from them
// by Google's library (docs/vendor-api.md #11). Unknown places are a 404, never an invented one.
// Asked with `language=ko`, the Korean places answer as Koreans write them (road-name
// addresses, compound codes named in Korean); every other answer is in English.
// The library ships no types; ours travel with this file to every importer.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./olc.d.ts" />
import olc from 'open-location-code';
import type { AddressCodeResponse } from './types.ts';

const codec = new olc.OpenLocationCode();

/** A locality that compound codes are expressed against. */
export interface Locality {
  name: string;
  /** The name in Korean, for the localities in Korea (`language=ko`). */
  ko?: string;
  lat: number;
  lng: number;
}

/** A gazetteer entry: one real address. */
export interface Place {
  formatted: string;
  /** The road-name address in Korean, for the places in Korea (`language=ko`). */
  ko?: string;
  lat: number;
  lng: number;
  locality: string;
  /** Other ways people write it (normalised on load). */
  aliases: string[];
}

/** Localities, named the way compound codes name them. */
export const LOCALITIES: readonly Locality[] = [
  { name: 'Washington, DC, USA', lat: 38.9072, lng: -77.0369 },
  { name: 'New York, NY, USA', lat: 40.7128, lng: -74.006 },
  { name: 'San Francisco, CA, USA', lat: 37.7749, lng: -122.4194 },
  { name: 'Mountain View, CA, USA', lat: 37.3861, lng: -122.0839 },
  { name: 'Toronto, ON, Canada', lat: 43.6532, lng: -79.3832 },
  { name: 'London, UK', lat: 51.5074, lng: -0.1278 },
  { name: 'Paris, France', lat: 48.8566, lng: 2.3522 },
  { name: 'Berlin, Germany', lat: 52.52, lng: 13.405 },
  { name: 'Rome, Italy', lat: 41.9028, lng: 12.4964 },
  { name: 'Seoul, South Korea', ko: '대한민국 서울특별시', lat: 37.5665, lng: 126.978 },
  { name: 'Busan, South Korea', ko: '대한민국 부산광역시', lat: 35.1796, lng: 129.0756 },
  { name: 'Tokyo, Japan', lat: 35.6812, lng: 139.7671 },
  { name: 'Singapore', lat: 1.2903, lng: 103.852 },
  { name: 'Sydney NSW, Australia', lat: -33.8688, lng: 151.2093 },
];

/** Real addresses with their true coordinates. */
export const PLACES: readonly Place[] = [
  {
    formatted: '1600 Pennsylvania Avenue NW, Washington, DC 20500, USA',
    lat: 38.8976763,
    lng: -77.0365298,
    locality: 'Washington, DC, USA',
    aliases: ['1600 Pennsylvania Avenue NW', 'The White House'],
  },
  {
    formatted: '20 W 34th St., New York, NY 10001, USA',
    lat: 40.748817,
    lng: -73.985428,
    locality: 'New York, NY, USA',
    aliases: ['20 West 34th Street', 'Empire State Building'],
  },
  {
    formatted: 'Liberty Island, New York, NY 10004, USA',
    lat: 40.689247,
    lng: -74.044502,
    locality: 'New York, NY, USA',
    aliases: ['Statue of Liberty'],
  },
  {
    formatted: 'Golden Gate Bridge, San Francisco, CA, USA',
    lat: 37.8199286,
    lng: -122.4782551,
    locality: 'San Francisco, CA, USA',
    aliases: [],
  },
  {
    formatted: '1600 Amphitheatre Parkway, Mountain View, CA 94043, USA',
    lat: 37.4220656,
    lng: -122.0840897,
    locality: 'Mountain View, CA, USA',
    aliases: ['1600 Amphitheatre Parkway', 'Googleplex'],
  },
  {
    formatted: '290 Bremner Blvd, Toronto, ON M5V 3L9, Canada',
    lat: 43.6425662,
    lng: -79.3870568,
    locality: 'Toronto, ON, Canada',
    aliases: ['290 Bremner Boulevard', 'CN Tower'],
  },
  {
    formatted: 'Buckingham Palace, London SW1A 1AA, UK',
    lat: 51.501364,
    lng: -0.14189,
    locality: 'London, UK',
    aliases: ['Buckingham Palace'],
  },
  {
    formatted: '10 Downing St, London SW1A 2AA, UK',
    lat: 51.503396,
    lng: -0.12764,
    locality: 'London, UK',
    aliases: ['10 Downing Street'],
  },
  {
    formatted: 'Champ de Mars, 5 Av. Anatole France, 75007 Paris, France',
    lat: 48.8583701,
    lng: 2.2944813,
    locality: 'Paris, France',
    aliases: ['5 Avenue Anatole France', 'Tour Eiffel', 'Eiffel Tower'],
  },
  {
    formatted: 'Pariser Platz, 10117 Berlin, Germany',
    lat: 52.5162746,
    lng: 13.3777041,
    locality: 'Berlin, Germany',
    aliases: ['Pariser Platz', 'Brandenburger Tor', 'Brandenburg Gate'],
  },
  {
    formatted: 'Piazza del Colosseo, 1, 00184 Roma RM, Italy',
    lat: 41.8902102,
    lng: 12.4922309,
    locality: 'Rome, Italy',
    aliases: ['Piazza del Colosseo 1', 'Colosseum', 'Colosseo'],
  },
  {
    formatted: '161 Sajik-ro, Jongno-gu, Seoul, South Korea',
    ko: '서울특별시 종로구 사직로 161',
    lat: 37.579617,
    lng: 126.977041,
    locality: 'Seoul, South Korea',
    aliases: ['161 Sajik-ro', 'Gyeongbokgung', '사직로 161', '경복궁'],
  },
  {
    formatted: '105 Namsangongwon-gil, Yongsan-gu, Seoul, South Korea',
    ko: '서울특별시 용산구 남산공원길 105',
    lat: 37.5511694,
    lng: 126.9882266,
    locality: 'Seoul, South Korea',
    aliases: ['105 Namsangongwon-gil', 'N Seoul Tower', 'Namsan Tower', '남산공원길 105', 'N서울타워'],
  },
  {
    formatted: '120 Suyeonggangbyeon-daero, Haeundae-gu, Busan, South Korea',
    ko: '부산광역시 해운대구 수영강변대로 120',
    lat: 35.171234,
    lng: 129.127168,
    locality: 'Busan, South Korea',
    aliases: ['120 Suyeonggangbyeon-daero', 'Busan Cinema Center', '수영강변대로 120', '영화의전당'],
  },
  {
    formatted: '4 Chome-2-8 Shibakoen, Minato City, Tokyo 105-0011, Japan',
    lat: 35.6585805,
    lng: 139.7454329,
    locality: 'Tokyo, Japan',
    aliases: ['4-2-8 Shibakoen', 'Tokyo Tower'],
  },
  {
    formatted: '10 Bayfront Ave, Singapore 018956',
    lat: 1.2834,
    lng: 103.8607,
    locality: 'Singapore',
    aliases: ['10 Bayfront Avenue', 'Marina Bay Sands'],
  },
  {
    formatted: 'Bennelong Point, Sydney NSW 2000, Australia',
    lat: -33.8567844,
    lng: 151.2152967,
    locality: 'Sydney NSW, Australia',
    aliases: ['Sydney Opera House'],
  },
];

const ABBREVIATIONS: Record<string, string> = {
  av: 'avenue',
  ave: 'avenue',
  st: 'street',
  rd: 'road',
  blvd: 'boulevard',
  pkwy: 'parkway',
  w: 'west',
  e: 'east',
  n: 'north',
  s: 'south',
  dc: 'dc',
  us: 'usa',
  uk: 'uk',
};

/** Case, accents, punctuation, spacing and common abbreviations do not matter. */
export function normalizeAddress(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .map((w) => ABBREVIATIONS[w] ?? w)
    .join(' ');
}

const NEARBY_PLACE_M = 100;
const NEARBY_LOCALITY_M = 20_000;

/** Why an address_code lookup failed: 400 malformed input, 404 nothing known there. */
export class AddressLookupError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

/** Great-circle distance in metres. */
export function distanceM(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLng = (bLng - aLng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function locality(name: string): Locality {
  const found = LOCALITIES.find((l) => l.name === name);
  if (!found) throw new Error(`gazetteer: unknown locality ${name}`);
  return found;
}

function nearestLocality(lat: number, lng: number): Locality | undefined {
  let best: Locality | undefined;
  let bestM = Infinity;
  for (const l of LOCALITIES) {
    const m = distanceM(lat, lng, l.lat, l.lng);
    if (m < bestM) [best, bestM] = [l, m];
  }
  return bestM <= NEARBY_LOCALITY_M ? best : undefined;
}

/**
 * The language of an answer: Korean when asked for `ko` (or `ko-KR`, any case), else
 * English, the vendor's default; a language the sandbox does not know is not an error.
 */
export type AnswerLanguage = 'en' | 'ko';

/** The answer language for the request's optional `language` field. */
export function answerLanguage(language: string | undefined): AnswerLanguage {
  return language?.trim().split(/[-_]/)[0]?.toLowerCase() === 'ko' ? 'ko' : 'en';
}

function codesAt(
  lat: number,
  lng: number,
  loc: Locality,
  lang: AnswerLanguage,
): { compound_code: string; global_code: string } {
  const global = codec.encode(lat, lng, 10);
  // Compound codes drop the first four digits (the 1x1 degree area) and name the locality.
  const name = lang === 'ko' && loc.ko ? loc.ko : loc.name;
  return { compound_code: `${global.slice(4)} ${name}`, global_code: global };
}

function formattedOf(place: Place, lang: AnswerLanguage): string {
  return lang === 'ko' && place.ko ? place.ko : place.formatted;
}

function answerForPlace(place: Place, lang: AnswerLanguage): AddressCodeResponse {
  const codes = codesAt(place.lat, place.lng, locality(place.locality), lang);
  return { formatted_address: formattedOf(place, lang), ...codes };
}

function answerForPoint(lat: number, lng: number, lang: AnswerLanguage): AddressCodeResponse {
  const near = PLACES.find((p) => distanceM(lat, lng, p.lat, p.lng) <= NEARBY_PLACE_M);
  const loc = near ? locality(near.locality) : nearestLocality(lat, lng);
  if (!loc) throw new AddressLookupError(404, 'No known place near these coordinates');
  const codes = codesAt(lat, lng, loc, lang);
  return { formatted_address: near ? formattedOf(near, lang) : codes.compound_code, ...codes };
}

// A place is found by its English or Korean address, whatever the answer's language.
const placeKeys: Array<{ key: string; place: Place }> = PLACES.flatMap((place) =>
  [place.formatted, ...(place.ko ? [place.ko] : []), ...place.aliases].map((text) => ({
    key: normalizeAddress(text),
    place,
  })),
);

function findPlaceByText(text: string): Place | undefined {
  const input = normalizeAddress(text);
  if (!input) return undefined;
  const exact = placeKeys.find((k) => k.key === input);
  if (exact) return exact.place;
  // "1600 Pennsylvania Ave NW, Washington" contains the alias "1600 pennsylvania avenue nw".
  const padded = ` ${input} `;
  const within = placeKeys.filter((k) => padded.includes(` ${k.key} `));
  within.sort((a, b) => b.key.length - a.key.length);
  return within[0]?.place;
}

function findLocalityByText(text: string): Locality | undefined {
  const input = normalizeAddress(text);
  return (
    LOCALITIES.find(
      (l) => normalizeAddress(l.name) === input || (l.ko && normalizeAddress(l.ko) === input),
    ) ??
    LOCALITIES.find(
      (l) =>
        normalizeAddress(l.name).split(' ')[0] === input.split(' ')[0] &&
        input.length > 0 &&
        normalizeAddress(l.name).startsWith(input),
    )
  );
}

const LAT_LNG = /^\s*([+-]?\d{1,3}(?:\.\d+)?)\s*,\s*([+-]?\d{1,3}(?:\.\d+)?)\s*$/;

/** Resolves an address, a global code, a compound code or "lat,lng", answered in `language`. */
export function lookupAddress(address: string, language?: string): AddressCodeResponse {
  const lang = answerLanguage(language);
  const text = address.trim();
  if (!text) throw new AddressLookupError(400, 'address is required');
  const point = LAT_LNG.exec(text);
  if (point) {
    const lat = Number(point[1]);
    const lng = Number(point[2]);
    if (Math.abs(lat) > 90 || Math.abs(lng) > 180)
      throw new AddressLookupError(400, 'address: latitude or longitude out of range');
    return answerForPoint(lat, lng, lang);
  }
  const [first = '', ...rest] = text.split(/\s+/);
  const code = first.toUpperCase();
  if (code.includes('+') && codec.isValid(code)) {
    if (codec.isFull(code)) {
      if (rest.length > 0) throw new AddressLookupError(400, 'address: a global code takes no locality');
      const area = codec.decode(code);
      return answerForPoint(area.latitudeCenter, area.longitudeCenter, lang);
    }
    const localityText = rest.join(' ');
    if (!localityText) throw new AddressLookupError(400, 'address: a short plus code needs a locality');
    const loc = findLocalityByText(localityText);
    if (!loc) throw new AddressLookupError(404, 'Unknown locality in the compound code');
    const area = codec.decode(codec.recoverNearest(code, loc.lat, loc.lng));
    return answerForPoint(area.latitudeCenter, area.longitudeCenter, lang);
  }
  const place = findPlaceByText(text);
  if (!place) throw new AddressLookupError(404, 'Address not found');
  return answerForPlace(place, lang);
}
