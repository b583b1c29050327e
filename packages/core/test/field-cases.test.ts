// The protocol's one table of field values (packages/protocol/test/field-cases.ts), run
// against the core's validation through the pure machine: the document step for step 1,
// the review and the address step for step 2. The endpoint runs the same table
// (packages/server/test/field-cases.test.ts), so the browser and the server cannot disagree:
// - a value valid on the wire is accepted by the core and sent exactly as it is;
// - an invalid one is refused by the core, or never leaves it in that form: the core does
//   not send it (a Korean field the document lacks, a gender the vendor does not take, a
//   geocoder code the endpoint would refuse), or sends it repaired into a value the
//   protocol's rule accepts (a line break or control character in a line of text becomes
//   a space).
import { step1FieldProblem, step2FieldProblem, type Step2TextField } from '@argos-kyc/protocol';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT, FIELD_CASES, type FieldCase } from '../../protocol/test/field-cases.ts';
import { STEP2_ADDRESS_FIELD_OF, STEP2_FIELD_OF } from '../src/flow/rules.ts';
import {
  initialState,
  transition,
  type AddressFields,
  type DocumentChoice,
  type FlowEvent,
  type FlowState,
  type ReviewFieldName,
} from '../src/index.ts';

/** What the core did with one value: took it (and what it sends), or refused it. */
interface Verdict {
  accepted: boolean;
  /** The value on the wire once accepted; undefined when the field is not sent. */
  sent: string | undefined;
}

const TODAY = '2026-11-29';
const run = (state: FlowState, ...events: FlowEvent[]) => events.reduce(transition, state);
const atDocument = (emailRequired: boolean) =>
  run(
    initialState({ address: 'required' }),
    { type: 'SESSION_STARTED', emailRequired, submissionId: null },
    { type: 'CONSENT_GIVEN' },
  );

function step1(field: string, value: string): Verdict {
  const choice = { idType: 'passport', issuingCountry: 'USA', email: 'a@example.com' } as Record<
    string,
    string
  >;
  choice[field] = value;
  const state = run(atDocument(field === 'email'), {
    type: 'DOCUMENT_CHOSEN',
    idType: choice.idType as DocumentChoice['idType'],
    issuingCountry: choice.issuingCountry!,
    email: choice.email!,
  });
  const accepted = state.step === 'documentCapture';
  const sent =
    field === 'email'
      ? (state.context.email ?? undefined)
      : state.context.document?.[field as keyof DocumentChoice];
  return { accepted, sent: accepted ? sent : undefined };
}

function atReview(document: DocumentChoice): FlowState {
  return run(
    atDocument(false),
    { type: 'DOCUMENT_CHOSEN', ...document },
    { type: 'DOCUMENT_SUBMITTED' },
    { type: 'DOCUMENT_ACCEPTED', submissionId: 'sub-1', ocr: null },
  );
}

const REVIEW_FIELD = Object.fromEntries(
  Object.entries(STEP2_FIELD_OF).map(([name, wire]) => [wire, name as ReviewFieldName]),
) as Partial<Record<Step2TextField, ReviewFieldName>>;
const ADDRESS_FIELD = Object.fromEntries(STEP2_ADDRESS_FIELD_OF) as Partial<
  Record<Step2TextField, keyof AddressFields>
>;

const ADDRESS: AddressFields = {
  input: '152 Teheran-ro',
  formattedAddress: '152 Teheran-ro, Gangnam-gu, Seoul, South Korea',
  compoundCode: 'HXJ5+2V Seoul',
  globalCode: '8Q99HXJ5+2V',
  street: '152 Teheran-ro',
  city: 'Seoul',
  state: '',
  country: 'KOR',
  zipcode: '06236',
  detail: '',
};

function step2(field: Step2TextField, value: string, document: DocumentChoice): Verdict {
  const review = atReview(document);
  const fields = { ...review.context.fields!, name: 'Alex Specimen', birthDate: '1990-01-01' };
  const reviewName = REVIEW_FIELD[field];
  if (reviewName) {
    // A field the review form does not offer for this document is still handed in, as a script might.
    const state = run(review, {
      type: 'REVIEW_SUBMITTED',
      fields: { ...fields, [reviewName]: value },
      today: TODAY,
    });
    const accepted = Object.keys(state.context.fieldErrors).length === 0;
    const sent = state.context.fields?.[reviewName];
    return { accepted, sent: accepted && sent ? sent : undefined };
  }
  const addressName = ADDRESS_FIELD[field]!;
  const atAddress = run(review, { type: 'REVIEW_SUBMITTED', fields, today: TODAY });
  expect(atAddress.step).toBe('address');
  const state = run(atAddress, {
    type: 'ADDRESS_CONFIRMED',
    address: { ...ADDRESS, [addressName]: value },
  });
  const accepted = state.step === 'selfieCapture';
  const sent = state.context.address?.[addressName];
  return { accepted, sent: accepted && sent ? sent : undefined };
}

function verdictOf(c: FieldCase): Verdict {
  return c.route === 'step1'
    ? step1(c.field, c.value)
    : step2(c.field, c.value, c.document ?? DEFAULT_DOCUMENT);
}

/** Whether the endpoint takes `value` for the case's field (the protocol's rule, which it applies). */
function endpointTakes(c: FieldCase, value: string): boolean {
  return c.route === 'step1'
    ? step1FieldProblem(c.field, value) === null
    : step2FieldProblem(c.field, value, {
        document: c.document ?? DEFAULT_DOCUMENT,
        latestDate: TODAY,
      }) === null;
}

describe('the shared field cases, against the core', () => {
  it('covers both routes, Korean values and fields of every kind', () => {
    expect(FIELD_CASES.some((c) => c.route === 'step1')).toBe(true);
    expect(FIELD_CASES.some((c) => /[가-힣]/.test(c.value))).toBe(true);
    expect(FIELD_CASES.filter((c) => !c.valid).length).toBeGreaterThan(20);
  });

  for (const c of FIELD_CASES) {
    const label = `${c.route} ${c.field} ${JSON.stringify(c.value.length > 40 ? `${c.value.slice(0, 12)}…` : c.value)}`;
    if (c.valid) {
      it(`takes ${label} as it is: ${c.why}`, () => {
        expect(verdictOf(c)).toEqual({ accepted: true, sent: c.value });
      });
    } else {
      it(`never sends ${label}: ${c.why}`, () => {
        const { accepted, sent } = verdictOf(c);
        if (!accepted || sent === undefined) return;
        expect(sent).not.toBe(c.value);
        expect(endpointTakes(c, sent), `the core would send ${JSON.stringify(sent)}`).toBe(true);
      });
    }
  }

  it('refuses outright the values no repair can save (Korean licence with a Hangul region, a lax email)', () => {
    const refused = (field: string, value: string) =>
      !verdictOf(FIELD_CASES.find((c) => c.field === field && c.value === value)!).accepted;
    expect(refused('license_number', '서울-20-123456-01')).toBe(true);
    expect(refused('email', 'a@b..de')).toBe(true);
    expect(refused('email', 'a@-c.de')).toBe(true);
    expect(refused('name', 'x'.repeat(101))).toBe(true);
  });
});
