// The `language` of POST {base}/address (issue 16, item 6; docs/protocol.md): a
// well-formed tag whose primary language is allowlisted is forwarded to the vendor as
// that primary language (`ko-KR` -> `ko`), a well-formed one outside the list is dropped
// (the vendor answers in English), a malformed one is a 400 invalid_field; the value is
// never written to a log or an audit event. The vendor's form bodies are read by a
// fetch that records them before passing them on to the sandbox.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { post, session, startStack, type Stack } from './helpers.ts';

/** The form bodies of the vendor's /address_code calls, in order. */
const vendorForms: URLSearchParams[] = [];
const recordingFetch: typeof fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (url.endsWith('/address_code') && typeof init?.body === 'string')
    vendorForms.push(new URLSearchParams(init.body));
  return fetch(input, init);
};

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({}, { fetch: recordingFetch });
});
afterAll(() => stack.close());
beforeEach(() => {
  vendorForms.length = 0;
  stack.logs.length = 0;
});

const json = { 'content-type': 'application/json' };
const lookUp = async (body: Record<string, unknown>) => {
  const { token } = await session(stack);
  return post(stack, 'address', token, JSON.stringify({ address: 'Gyeongbokgung', ...body }), json);
};

describe('POST /address and its language', () => {
  it('forwards an allowlisted language as its primary language, and the Korean applicant gets the Korean address', async () => {
    for (const language of ['ko', 'ko-KR']) {
      const r = await lookUp({ language });
      expect(r.status, language).toBe(200);
      expect(r.body.formattedAddress).toBe('서울특별시 종로구 사직로 161');
      expect(r.body.compoundCode).toMatch(/ 대한민국 서울특별시$/);
    }
    const en = await lookUp({ language: 'en' });
    expect(en.body.formattedAddress).toBe('161 Sajik-ro, Jongno-gu, Seoul, South Korea');
    expect(vendorForms.map((f) => f.get('language'))).toEqual(['ko', 'ko', 'en']);
    expect(vendorForms.every((f) => f.get('address') === 'Gyeongbokgung')).toBe(true);
  });

  it('sends no language without one, and drops a well-formed one outside the allowlist (English answer, not an error)', async () => {
    for (const body of [{}, { language: 'tlh' }, { language: 'xx-Piqd' }]) {
      const r = await lookUp(body);
      expect(r.status, JSON.stringify(body)).toBe(200);
      expect(r.body.formattedAddress).toBe('161 Sajik-ro, Jongno-gu, Seoul, South Korea');
    }
    expect(vendorForms).toHaveLength(3);
    for (const form of vendorForms) expect([...form.keys()]).toEqual(['address']);
  });

  it('refuses a malformed language with 400 invalid_field, before any vendor call, without repeating it', async () => {
    for (const language of [
      'en"; drop',
      'alice@example.test',
      'ko_KR',
      'KO',
      '',
      'k',
      'ko-KR-x-privateuse',
      42,
      null,
      ['ko'],
    ]) {
      const r = await lookUp({ language });
      expect(r.status, JSON.stringify(language)).toBe(400);
      expect(r.body).toMatchObject({ code: 'invalid_field', field: 'language' });
      if (typeof language === 'string' && language.length > 2)
        expect(JSON.stringify(r.body)).not.toContain(language);
    }
    expect(vendorForms).toEqual([]);
  });

  it('never writes the language to a log line or an audit event', async () => {
    const seen = ['xq-Zzzz', 'qqz', 'en"; drop-the-table', 'applicant@example.test'];
    for (const language of seen) await lookUp({ language });
    await lookUp({ language: 'ko-KR' });
    expect(stack.logs.length).toBeGreaterThan(0);
    const all = stack.logs.join('\n');
    for (const value of [...seen, 'ko-KR']) expect(all).not.toContain(value);
    expect(stack.audits.every((a) => !('language' in a))).toBe(true);
  });
});
