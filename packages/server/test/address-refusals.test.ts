// POST /address's own refusals, each with its field and its words: a field the route
// does not take, the address missing or not a string, an address the rules refuse, a
// language that is no tag. Written for the endpoint's mutation run (issue 17): Stryker
// found these messages and fields unpinned in endpoint/address.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, session, startStack, type Stack } from './helpers.ts';

let stack: Stack;
let token: string;
beforeAll(async () => {
  stack = await startStack();
  ({ token } = await session(stack, 'alice'));
});
afterAll(() => stack.close());

const address = (input: unknown) =>
  post(stack, 'address', token, JSON.stringify(input), { 'content-type': 'application/json' });

describe('POST /address refuses', () => {
  it('a field it does not take, naming it', async () => {
    const { status, body } = await address({ address: '1600 Amphitheatre Parkway', note: 'gate 4' });
    expect(status).toBe(400);
    expect(body).toMatchObject({
      code: 'unknown_field',
      field: 'note',
      message: 'Field "note" is not taken here.',
    });
  });

  it.each([{}, { address: 42 }, { language: 'en' }])(
    'a body without an address string (%j)',
    async (input) => {
      const { status, body } = await address(input);
      expect(status).toBe(400);
      expect(body).toMatchObject({
        code: 'invalid_field',
        field: 'address',
        message: 'Field "address" is required.',
      });
    },
  );

  it('an address its rules refuse, as the address field', async () => {
    const { status, body } = await address({ address: '   ' });
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'invalid_field', field: 'address' });
    expect(body.message).toMatch(/^Field "address" /);
  });

  it('a language that is no language tag, without repeating it', async () => {
    const { status, body } = await address({ address: '1600 Amphitheatre Parkway', language: 'en_US!!' });
    expect(status).toBe(400);
    expect(body).toMatchObject({
      code: 'invalid_field',
      field: 'language',
      message: 'Field "language" is not a language tag.',
    });
  });
});
