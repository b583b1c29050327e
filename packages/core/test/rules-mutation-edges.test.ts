// Edges of the flow rules that a mutation run of `flow/rules.ts` found unguarded
// (docs/architecture.md, "Mutation testing"): the address guess on lines written a
// little differently (a country code or alias, a state without a postal code, doubled
// spaces, an empty part, a line that only looks like a postal address), where a stored
// flow resumes from an error or a decided result, and which typed address counts as a
// device location to be coarsened.
import { describe, expect, it } from 'vitest';
import { forStorage } from '../src/flow/rules.ts';
import {
  initialState,
  resumePoint,
  validateReview,
  type AddressLookup,
  type FlowState,
} from '../src/index.ts';
import { guess } from './address-guess-helper.ts';

describe('the address guess', () => {
  it.each([
    // A country written as its code, or as the short names geocoders use.
    ['1 Rue X, 75007 Paris, FRA', '1 Rue X', 'Paris', '', 'FRA', '75007'],
    ['1 Main St, Springfield, IL 62701, US', '1 Main St', 'Springfield', 'IL', 'USA', '62701'],
    // One part only is a street, never a country.
    ['France', 'France', '', '', '', ''],
    // An empty part (a doubled comma) is not a part.
    ['1 Main St, , Springfield, IL 62701, USA', '1 Main St', 'Springfield', 'IL', 'USA', '62701'],
    // A state without a postal code.
    ['1600 Pennsylvania Ave, Washington, DC, USA', '1600 Pennsylvania Ave', 'Washington', 'DC', 'USA', ''],
    // A state and postal code written after the city, in one part: the street stays the street.
    [
      '1600 Pennsylvania Ave, NW, Washington DC 20500, USA',
      '1600 Pennsylvania Ave, NW',
      'Washington',
      'DC',
      'USA',
      '20500',
    ],
    // Doubled spaces inside a part change nothing.
    [
      '1600 Pennsylvania Ave, Washington, DC  20500, USA',
      '1600 Pennsylvania Ave',
      'Washington',
      'DC',
      'USA',
      '20500',
    ],
    ['1-1 Shiba, Tokyo  105-0011, Japan', '1-1 Shiba', 'Tokyo', '', 'JPN', '105-0011'],
    ['1 Macquarie St, Sydney NSW  2000, Australia', '1 Macquarie St', 'Sydney', 'NSW', 'AUS', '2000'],
    ['7 Rue X, 75007  Paris, France', '7 Rue X', 'Paris', '', 'FRA', '75007'],
    // British postcodes with a one-letter-one-digit outward code, or written without the space.
    ['1 Piccadilly, Manchester M1 1AE, UK', '1 Piccadilly', 'Manchester', '', 'GBR', 'M1 1AE'],
    ['1 Poultry, London EC2R8AH, UK', '1 Poultry', 'London', '', 'GBR', 'EC2R8AH'],
    // A line that holds a postal code but does not end (or begin) with it stays the city, whole.
    ['1 Rue X, Paris 75007 Cedex, France', '1 Rue X', 'Paris 75007 Cedex', '', 'FRA', ''],
  ])('guesses %j', (line, street, city, state, country, zipcode) => {
    expect(guess(line)).toEqual({ street, city, state, country, zipcode });
  });
});

/** A flow state at `step` with `context` over a fresh flow's. */
function at(
  step: FlowState['step'],
  context: Partial<FlowState['context']> = {},
  error: FlowState['error'] = null,
) {
  const blank = initialState();
  return { ...blank, step, context: { ...blank.context, ...context }, error } as FlowState;
}

describe('where a stored flow resumes', () => {
  it('keeps a decided result’s comment codes', () => {
    const decided = at('result', {
      submissionId: 'sub_1',
      result: { status: 'rejected', reason: null, pollExpired: false, commentCode: ['C01'] },
    });
    expect(resumePoint(decided)?.context.result).toEqual({
      status: 'rejected',
      reason: null,
      pollExpired: false,
      commentCode: ['C01'],
    });
  });

  it('drops an address look-up still under way, keeps a finished one', () => {
    const looking: AddressLookup = { status: 'looking', input: 'white house', result: null, error: null };
    expect(resumePoint(at('address', { addressLookup: looking }))?.context.addressLookup).toBeNull();
    const found = { ...looking, status: 'found' } as AddressLookup;
    expect(resumePoint(at('address', { addressLookup: found }))?.context.addressLookup).toEqual(found);
  });

  it('resumes an error at the capture its retry re-sends, whatever step it would return to', () => {
    const error = (retry: 'uploadingDocument' | 'submittingSelfie') =>
      at('error', {}, { code: 'timeout', retryable: true, retry, resumeStep: 'review' });
    expect(resumePoint(error('uploadingDocument'))?.step).toBe('documentCapture');
    expect(resumePoint(error('submittingSelfie'))?.step).toBe('selfieCapture');
  });

  it('goes back to the review for a left-out identity number only at a step after it', () => {
    const korean = { idType: 'government_id', issuingCountry: 'KOR' } as const;
    const fields = {
      name: 'A',
      birthDate: '1990-01-01',
      gender: '',
      nationality: '',
      issueDate: '',
    } as const;
    expect(resumePoint(at('address', { document: korean, fields }))?.step).toBe('review');
    expect(resumePoint(at('documentCapture', { document: korean, fields }))?.step).toBe('documentCapture');
  });
});

describe('the review check', () => {
  it('takes an offered optional field that is missing altogether as empty', () => {
    const korean = { document: { idType: 'government_id', issuingCountry: 'KOR' } } as const;
    const fields = {
      name: 'A',
      birthDate: '1990-01-01',
      gender: '',
      nationality: '',
      issueDate: '',
    } as const;
    expect(validateReview(fields, korean)).toEqual({});
  });
});

describe('a new flow', () => {
  it('has no session yet: only SESSION_READY says there is one', () => {
    // A survivor of the Stryker run: BLANK_CONTEXT's sessionReady made true.
    expect(initialState().context.sessionReady).toBe(false);
  });
});

describe('the device location kept in storage', () => {
  const lookupOf = (input: string) =>
    forStorage(at('address', { addressLookup: { status: 'looking', input, result: null, error: null } }))
      .context.addressLookup?.input;

  it('coarsens a "lat,lng" to three decimals, not an address that merely holds one', () => {
    expect(lookupOf('37.566535,126.977969')).toBe('37.566,126.977');
    expect(lookupOf('Gate 37.566535,126.977969')).toBe('Gate 37.566535,126.977969');
    expect(lookupOf('37.566535,126.977969 north')).toBe('37.566535,126.977969 north');
  });

  it('coarsens a location with a space after its comma, or with a whole degree on either side', () => {
    // Each half's decimals are optional, and so is the space: three survivors of the Stryker run.
    expect(lookupOf('38.897957, -77.036560')).toBe('38.897, -77.036');
    expect(lookupOf('38, -77.036560')).toBe('38, -77.036');
    expect(lookupOf('38.897957,-77')).toBe('38.897,-77');
  });
});
