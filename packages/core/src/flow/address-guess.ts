// The first guess of the address fields from the geocoder's one-line answer, which the
// applicant checks and corrects on the address screen. Apart from ./rules.ts so that the
// script-tag build loads it with that screen (LAZY_ONLY in packages/widget/build/build.ts),
// not with the first screens.
import { alpha2, COUNTRY_CODES, isCountryCode } from '../countries.ts';
import type { AddressFields, GeocodedAddress } from './types.ts';

/** Country names geocoders write that Intl does not (its English names: "United States", ...). */
const COUNTRY_ALIASES: Record<string, string> = {
  USA: 'USA',
  US: 'USA',
  UK: 'GBR',
  'SOUTH KOREA': 'KOR',
  KOREA: 'KOR',
};

function countryOf(part: string): string {
  const key = part.trim().toUpperCase();
  if (COUNTRY_ALIASES[key]) return COUNTRY_ALIASES[key];
  if (isCountryCode(key)) return key;
  if (typeof Intl === 'undefined' || !('DisplayNames' in Intl)) return '';
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  return COUNTRY_CODES.find((code) => names.of(alpha2(code)!)?.toUpperCase() === key) ?? '';
}

// A Korean road-name address as Korean geocoders write it, without commas (an optional
// "대한민국" first): a metropolitan city, then the district and road ("서울특별시 종로구
// 사직로 161": the city, the street "종로구 사직로 161", as the English guess of "161
// Sajik-ro, Jongno-gu, Seoul" has it); or a province, its city or county, then the rest.
const KOREAN_CITY_ADDRESS = /^(?:대한민국\s+)?(\S+(?:특별시|광역시|특별자치시))\s+(\S.*)$/;
const KOREAN_PROVINCE_ADDRESS = /^(?:대한민국\s+)?(\S+도)\s+(\S+[시군])\s+(\S.*)$/;
// A part that is a postal code alone: "01310-200" (Brazil), "111 29" (Sweden, Czechia).
const POSTAL_CODE_ONLY = /^(?:\d[\d-]{2,9}|\d{3} \d{2})$/;
// A postal code before the city: "75007 Paris", "00-950 Warszawa", "111 29 Stockholm",
// "1012 JS Amsterdam" (the Dutch code's two letters are part of it, not of the city).
const POSTAL_CODE_FIRST = /^(\d{4} ?[A-Z]{2}|\d{3} \d{2}|\d[\d-]{2,9})\s+(.*)$/;

/**
 * A first guess of the address fields from the geocoder's one-line answer
 * ("1600 Pennsylvania Avenue NW, Washington, DC 20500, USA"): the applicant checks and
 * corrects it. The last part names the country (with a postal code in a city-state:
 * "Singapore 018956", "98000 Monaco"), the one before it the city (with a state and
 * postal code when written "DC 20500", a postal code before or after it, or alone in a
 * part of its own), the rest is the street. A Korean road-name address is read as such.
 */
export function suggestAddressFields(input: string, found: GeocodedAddress): AddressFields {
  const guessed = { street: '', city: '', state: '', country: '', zipcode: '' };
  const line = found.formattedAddress.trim();
  // Only Korean begins with a name ending in 특별시, 광역시 or 도 and a space.
  const city = KOREAN_CITY_ADDRESS.exec(line);
  const province = KOREAN_PROVINCE_ADDRESS.exec(line);
  if (city) Object.assign(guessed, { city: city[1]!, street: city[2]!, country: 'KOR' });
  else if (province)
    Object.assign(guessed, { state: province[1]!, city: province[2]!, street: province[3]!, country: 'KOR' });
  else guessParts(found.formattedAddress, guessed);
  return {
    input,
    formattedAddress: found.formattedAddress,
    compoundCode: found.compoundCode,
    globalCode: found.globalCode,
    ...guessed,
    detail: '',
  };
}

function guessParts(
  formattedAddress: string,
  guessed: { street: string; city: string; state: string; country: string; zipcode: string },
): void {
  const parts = formattedAddress
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  // The country's name as written beside its postal code: a city-state's city.
  let cityState = '';
  if (parts.length > 1) {
    const last = parts[parts.length - 1]!;
    // "Singapore 018956" and "98000 Monaco": a country with its postal code.
    const after = /^(.*?)\s+(\d[\d-]*)$/.exec(last);
    const before = /^(\d[\d-]*)\s+(.*)$/.exec(last);
    guessed.country = countryOf(last);
    if (!guessed.country && after && countryOf(after[1]!)) {
      guessed.country = countryOf(after[1]!);
      [cityState, guessed.zipcode] = [after[1]!, after[2]!];
    } else if (!guessed.country && before && countryOf(before[2]!)) {
      guessed.country = countryOf(before[2]!);
      [cityState, guessed.zipcode] = [before[2]!, before[1]!];
    }
    if (guessed.country) parts.pop();
  }
  // "..., São Paulo - SP, 01310-200, Brazil": the postal code in a part of its own (it
  // wins over one written with the country: a part holding only a code is no city).
  if (parts.length > 0 && POSTAL_CODE_ONLY.test(parts[parts.length - 1]!)) guessed.zipcode = parts.pop()!;
  if (parts.length > 1) cityOf(parts.pop()!, parts, guessed);
  else if (cityState) guessed.city = cityState;
  guessed.street = parts.join(', ');
}

/** The city, state and postal code of `last`, the part before the country. */
function cityOf(
  last: string,
  parts: string[],
  guessed: { city: string; state: string; zipcode: string },
): void {
  const stateZip = /^([A-Z]{2,3})(?:\s+([A-Z0-9][A-Z0-9 -]{2,9}))?$/.exec(last);
  if (stateZip) {
    guessed.state = stateZip[1]!;
    guessed.zipcode = stateZip[2] ?? guessed.zipcode;
    // "Washington, DC 20500": the part before a state is its city, unless it is the
    // street (a house number first) and nothing else is left.
    if (parts.length > 1 || !/^\d/.test(parts[0]!)) guessed.city = parts.pop()!;
    return;
  }
  // "Tokyo 105-0011", "London SW1A 1AA", "Sydney NSW 2000".
  const after = /^(.*?)\s+((?:[A-Z]{2,3}\s+)?\d[\d-]{2,9}|[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})$/.exec(last);
  const before = POSTAL_CODE_FIRST.exec(last);
  // "São Paulo - SP": a Brazilian city and its state.
  const cityDashState = /^(.+?)\s+-\s+([A-Z]{2})$/.exec(last);
  if (after) {
    guessed.city = after[1]!;
    const tail = after[2]!.split(/\s+/);
    if (tail.length > 1 && /^[A-Z]{2,3}$/.test(tail[0]!)) {
      guessed.state = tail[0]!;
      guessed.zipcode = tail.slice(1).join(' ');
    } else guessed.zipcode = after[2]!;
  } else if (before) {
    guessed.zipcode = before[1]!;
    guessed.city = before[2]!;
  } else if (cityDashState) {
    guessed.city = cityDashState[1]!;
    guessed.state = cityDashState[2]!;
  } else guessed.city = last;
}
