// The shared table of field cases (packages/protocol/test/field-cases.ts) against the
// endpoint itself: each value goes out in a real step-1 or step-2 request through the
// endpoint to the sandbox. A valid value must reach the vendor and come back 200; an
// invalid one must be our 400 naming the field, before the vendor records anything.
// The core runs the same table against its own validation, so the two cannot drift.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT, FIELD_CASES } from '../../protocol/test/field-cases.ts';
import { post, session, startStack, step1Form, step2Form, throughStep1, type Stack } from './helpers.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const shown = (value: string) =>
  JSON.stringify(value.length > 24 ? `${value.slice(0, 20)}...(${value.length})` : value);
const label = (c: (typeof FIELD_CASES)[number]) =>
  [c.route, c.field, shown(c.value), c.valid ? 'valid' : 'invalid', `(${c.why})`] as const;

describe('step 1 fields', () => {
  it.each(FIELD_CASES.filter((c) => c.route === 'step1').map((c) => [...label(c), c] as const))(
    '%s %s=%s is %s %s',
    async (_route, _field, _value, _verdict, _why, c) => {
      // bob has no email with the integrator, so step 1 takes one from the browser.
      const { token } = await session(stack, c.field === 'email' ? 'bob' : 'alice');
      const r = await post(stack, 'step1', token, step1Form({ [c.field]: c.value }));
      if (c.valid) {
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(stack.sandbox.control.submission(r.body.submissionId as string)).toBeDefined();
      } else {
        expect(r).toMatchObject({ status: 400, body: { code: 'invalid_field', field: c.field } });
      }
    },
  );
});

describe('step 2 fields', () => {
  it.each(FIELD_CASES.filter((c) => c.route === 'step2').map((c) => [...label(c), c] as const))(
    '%s %s=%s is %s %s',
    async (_route, _field, _value, _verdict, _why, c) => {
      if (c.route !== 'step2') throw new Error('a step-2 case');
      const document = c.document ?? DEFAULT_DOCUMENT;
      const { token, submissionId } = await throughStep1(stack, 'alice', {
        issuingCountry: document.issuingCountry,
        idType: document.idType,
      });
      const r = await post(stack, 'step2', token, step2Form({ [c.field]: c.value }));
      const attempts = stack.sandbox.control.submission(submissionId)!.kyc.attempts;
      if (c.valid) {
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(attempts).toHaveLength(1);
      } else {
        // A field the document does not have is one the route does not take.
        expect(r.status, JSON.stringify(r.body)).toBe(400);
        expect(r.body).toMatchObject({ field: c.field });
        expect(['invalid_field', 'unknown_field']).toContain(r.body.code);
        expect(attempts).toEqual([]);
      }
    },
  );
});
