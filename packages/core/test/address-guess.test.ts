// The first guess of the address fields from a geocoder's line, where the postal code
// sits in another place than "City ST 12345": beside the country in a city-state, in a
// part of its own, before the city with letters or a space in it; and a Korean
// road-name address, which the sandbox answers in Korean for `language=ko` (issue 16,
// item 6). Each of these was guessed wrong before (the postal code or the state taken
// for the city).
import { describe, expect, it } from 'vitest';
import { guess } from './address-guess-helper.ts';

describe('the address guess, postal codes in other places', () => {
  it.each([
    // A city-state: the country's name with its postal code is the city too.
    ['1 Raffles Pl, Singapore 048616', '1 Raffles Pl', 'Singapore', '', 'SGP', '048616'],
    ['10 Bayfront Ave, Singapore 018956', '10 Bayfront Ave', 'Singapore', '', 'SGP', '018956'],
    ['Av. de la Madone, 98000 Monaco', 'Av. de la Madone', 'Monaco', '', 'MCO', '98000'],
    // A state with its postal code after a city with no street before it.
    ['Washington, DC 20500, USA', '', 'Washington', 'DC', 'USA', '20500'],
    ['Washington, DC, USA', '', 'Washington', 'DC', 'USA', ''],
    // ... and after a street alone: no city to guess, the state and postal code still right.
    ['1 Main St, NY 10001, USA', '1 Main St', '', 'NY', 'USA', '10001'],
    // The postal code in a part of its own, and a Brazilian "city - state".
    [
      'Av. Paulista, 1578 - Bela Vista, São Paulo - SP, 01310-200, Brazil',
      'Av. Paulista, 1578 - Bela Vista',
      'São Paulo',
      'SP',
      'BRA',
      '01310-200',
    ],
    // Postal codes before the city that hold letters or a space.
    ['Dam 1, 1012 JS Amsterdam, Netherlands', 'Dam 1', 'Amsterdam', '', 'NLD', '1012 JS'],
    ['Drottninggatan 1, 111 51 Stockholm, Sweden', 'Drottninggatan 1', 'Stockholm', '', 'SWE', '111 51'],
    ['Staroměstské nám. 1, 110 00 Praha 1, Czechia', 'Staroměstské nám. 1', 'Praha 1', '', 'CZE', '110 00'],
    [
      'Krakowskie Przedmieście 1, 00-068 Warszawa, Poland',
      'Krakowskie Przedmieście 1',
      'Warszawa',
      '',
      'POL',
      '00-068',
    ],
    // A postal code in a part of its own: with a space, alone, beside a city-state's own.
    ['Staroměstské nám. 1, Praha 1, 110 00, Czechia', 'Staroměstské nám. 1', 'Praha 1', '', 'CZE', '110 00'],
    ['01310-200, Brazil', '', '', '', 'BRA', '01310-200'],
    ['1 Raffles Pl, 048616, Singapore 048616', '1 Raffles Pl', 'Singapore', '', 'SGP', '048616'],
    // The country with its postal code, a state without one before it: the code stays.
    ['1 Main St, Springfield, IL, USA 62701', '1 Main St', 'Springfield', 'IL', 'USA', '62701'],
    // A Brazilian state is two capitals at the end, no more.
    ['Rua X 1, Bela Vista - SPA, Brazil', 'Rua X 1', 'Bela Vista - SPA', '', 'BRA', ''],
  ])('guesses %j', (line, street, city, state, country, zipcode) => {
    expect(guess(line)).toEqual({ street, city, state, country, zipcode });
  });
});

describe('the address guess, Korean road-name addresses', () => {
  it.each([
    // A metropolitan city: the city, then the district and road as the street (the
    // English guess of "161 Sajik-ro, Jongno-gu, Seoul" also keeps the district in the street).
    ['서울특별시 종로구 사직로 161', '종로구 사직로 161', '서울특별시', ''],
    ['서울특별시 용산구 남산공원길 105', '용산구 남산공원길 105', '서울특별시', ''],
    ['대한민국 부산광역시 해운대구 수영강변대로 120', '해운대구 수영강변대로 120', '부산광역시', ''],
    ['세종특별자치시 한누리대로 2130', '한누리대로 2130', '세종특별자치시', ''],
    // A province: the province as the state, its city or county, then the rest.
    ['경기도 성남시 분당구 불정로 6', '분당구 불정로 6', '성남시', '경기도'],
    ['강원특별자치도 춘천시 중앙로 1', '중앙로 1', '춘천시', '강원특별자치도'],
    ['대한민국 경기도 수원시 팔달구 효원로 241', '팔달구 효원로 241', '수원시', '경기도'],
    // A county (군) in place of a city.
    ['강원특별자치도 양양군 양양읍 군청길 1', '양양읍 군청길 1', '양양군', '강원특별자치도'],
  ])('reads %j', (line, street, city, state) => {
    expect(guess(line)).toEqual({ street, city, state, country: 'KOR', zipcode: '' });
  });

  it('reads the English form of a Korean address as before', () => {
    expect(guess('161 Sajik-ro, Jongno-gu, Seoul, South Korea')).toEqual({
      street: '161 Sajik-ro, Jongno-gu',
      city: 'Seoul',
      state: '',
      country: 'KOR',
      zipcode: '',
    });
  });
});
