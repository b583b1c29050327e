// Every refusal of the routes, as the browser reads it: the code, the field it names and
// the message, exactly. The widget shows the code's own wording, but an integrator reads
// the message in their logs and the audit, and a refusal with an empty message (or none
// of its field) tells them nothing. Written for the endpoint's mutation run (issue 17):
// Stryker found each of these answers unpinned, so that an emptied message, a dropped
// field or a check skipped altogether (a field given twice, a file part under a text
// field's name, a missing name at step 2) passed every test.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES, STEP1_MAX_BODY_BYTES } from '@argos-kyc/protocol';
import {
  file,
  jpeg,
  post,
  rawMultipart,
  session,
  startStack,
  step1Form,
  step2Form,
  throughStep1,
  type Stack,
} from './helpers.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.sandbox.control.reset());

/** A raw multipart post of `parts` to `route`. */
function postRaw(route: string, token: string, parts: Parameters<typeof rawMultipart>[0]) {
  const { body, contentType } = rawMultipart(parts);
  return post(stack, route, token, body, { 'content-type': contentType });
}

const idImage = { name: 'idImage', filename: 'id.jpg', bytes: jpeg() };
const faceImage = { name: 'faceImage', filename: 'selfie.jpg', bytes: jpeg() };

describe('POST /session refusals', () => {
  it('nobody signed in and no token: 401 with its message', async () => {
    const r = await post(stack, 'session', null);
    expect(r.body).toEqual({ code: 'unauthenticated', message: 'No signed-in applicant.', retryable: false });
  });

  it("another applicant's previous token, and a bound one asked for another submission", async () => {
    const { token: bobs } = await session(stack, 'bob');
    const crossed = await post(stack, 'session', bobs, undefined, { cookie: 'session=alice' });
    expect(crossed).toMatchObject({
      status: 403,
      body: { code: 'submission_mismatch', message: 'The previous token belongs to another applicant.' },
    });
    const first = await throughStep1(stack, 'alice');
    const second = await throughStep1(stack, 'alice');
    const named = await post(
      stack,
      'session',
      first.token,
      JSON.stringify({ submissionId: second.submissionId }),
      {
        cookie: 'session=alice',
        'content-type': 'application/json',
      },
    );
    expect(named).toMatchObject({
      status: 403,
      body: { code: 'submission_mismatch', message: 'The previous token is bound to another submission.' },
    });
  });

  const asking = (body: unknown) =>
    post(stack, 'session', null, JSON.stringify(body), {
      cookie: 'session=alice',
      'content-type': 'application/json',
    });

  it("a submission id the vendor does not know as this applicant's", async () => {
    const r = await asking({ submissionId: 'nosuchsubmission1' });
    expect(r.status).toBe(403);
    expect(r.body).toEqual({
      code: 'submission_mismatch',
      message: 'No submission of this applicant has this id.',
      retryable: false,
    });
  });

  it('a body without a submission id is a session bound to nothing', async () => {
    const r = await asking({});
    expect(r.status).toBe(200);
    expect(r.body.submissionId).toBeNull();
  });

  it('names the unknown key, and refuses ids that are not whole submission ids (too long, a dot)', async () => {
    expect((await asking({ userid: 'bob' })).body).toEqual({
      code: 'unknown_field',
      message: 'Field "userid" is not taken here.',
      retryable: false,
      field: 'userid',
    });
    for (const submissionId of ['a'.repeat(65), 'abc.def', 'abc def', 7]) {
      const r = await asking({ submissionId });
      expect(r.status, String(submissionId)).toBe(400);
      expect(r.body).toEqual({
        code: 'invalid_field',
        message: 'Field "submissionId" is not a submission id.',
        retryable: false,
        field: 'submissionId',
      });
    }
  });
});

describe('POST /step1 refusals', () => {
  it('a bound token, an unknown field, a required field missing', async () => {
    const { token: bound } = await throughStep1(stack, 'alice');
    expect((await post(stack, 'step1', bound, step1Form())).body).toEqual({
      code: 'submission_mismatch',
      message: 'This token is bound to a submission already; step 1 is done.',
      retryable: false,
    });
    const { token } = await session(stack, 'alice');
    expect((await post(stack, 'step1', token, step1Form({ nickname: 'x' }))).body).toEqual({
      code: 'unknown_field',
      message: 'Field "nickname" is not taken here.',
      retryable: false,
      field: 'nickname',
    });
    const r = await postRaw('step1', token, [{ name: 'idType', value: 'passport' }, idImage]);
    expect(r.body).toEqual({
      code: 'invalid_field',
      message: 'Field "issuingCountry" is required.',
      retryable: false,
      field: 'issuingCountry',
    });
  });

  it('a form without any image names the image it needs', async () => {
    const { token } = await session(stack, 'alice');
    const r = await postRaw('step1', token, [
      { name: 'idType', value: 'passport' },
      { name: 'issuingCountry', value: 'USA' },
    ]);
    expect(r).toMatchObject({
      status: 400,
      body: { code: 'invalid_field', message: 'An image is required.', field: 'idImage' },
    });
  });

  it('an empty image, text as an image, an image over the limit', async () => {
    const { token } = await session(stack, 'alice');
    const fields = [
      { name: 'idType', value: 'passport' },
      { name: 'issuingCountry', value: 'USA' },
    ];
    const empty = await postRaw('step1', token, [...fields, { ...idImage, bytes: new Uint8Array(0) }]);
    expect(empty).toMatchObject({
      status: 400,
      body: { code: 'invalid_field', message: 'Field "idImage" is an empty file.', field: 'idImage' },
    });
    const text = await postRaw('step1', token, [
      ...fields,
      { ...idImage, bytes: Buffer.from('not a picture') },
    ]);
    expect(text).toMatchObject({
      status: 415,
      body: {
        code: 'unsupported_image',
        message: 'Field "idImage" is not a JPEG or PNG image.',
        field: 'idImage',
      },
    });
    const large = await post(stack, 'step1', token, step1Form({}, file(jpeg(MAX_IMAGE_BYTES + 1), 'id.jpg')));
    expect(large).toMatchObject({
      status: 413,
      body: {
        code: 'payload_too_large',
        message: `Field "idImage" is larger than ${MAX_IMAGE_BYTES} bytes.`,
        field: 'idImage',
      },
    });
  });

  it('a field given twice, a second image, an unknown file, a text field sent as a file', async () => {
    const { token } = await session(stack, 'alice');
    const twice = await postRaw('step1', token, [
      { name: 'idType', value: 'passport' },
      { name: 'idType', value: 'drivers_license' },
      { name: 'issuingCountry', value: 'USA' },
      idImage,
    ]);
    expect(twice.body).toEqual({
      code: 'invalid_field',
      message: 'Field "idType" is given twice.',
      retryable: false,
      field: 'idType',
    });
    const fields = [
      { name: 'idType', value: 'passport' },
      { name: 'issuingCountry', value: 'USA' },
    ];
    const secondImage = await postRaw('step1', token, [...fields, idImage, idImage]);
    expect(secondImage.body).toEqual({
      code: 'invalid_field',
      message: 'Field "idImage" is given twice.',
      retryable: false,
      field: 'idImage',
    });
    for (const parts of [
      [...fields, { name: 'extraImage', filename: 'x.jpg', bytes: jpeg() }, idImage],
      [...fields, idImage, { name: 'extraImage', filename: 'x.jpg', bytes: jpeg() }],
    ]) {
      expect((await postRaw('step1', token, parts)).body).toEqual({
        code: 'unknown_field',
        message: 'Field "extraImage" is not taken here.',
        retryable: false,
        field: 'extraImage',
      });
    }
    // A text field's name on a file part, before the image or after it: not a text field.
    const asFileBefore = await postRaw('step1', token, [
      { name: 'idType', filename: 'type.txt', type: 'text/plain', bytes: Buffer.from('passport') },
      { name: 'issuingCountry', value: 'USA' },
      idImage,
    ]);
    expect(asFileBefore.body).toMatchObject({ code: 'unknown_field', field: 'idType' });
    const asFileAfter = await postRaw('step1', token, [
      { name: 'idType', value: 'passport' },
      idImage,
      { name: 'issuingCountry', filename: 'country.txt', type: 'text/plain', bytes: Buffer.from('USA') },
    ]);
    expect(asFileAfter.body).toMatchObject({ code: 'unknown_field', field: 'issuingCountry' });
  });

  it('a body that is not multipart, and one declared over the limit', async () => {
    const { token } = await session(stack, 'alice');
    expect(
      (await post(stack, 'step1', token, 'idType=passport', { 'content-type': 'text/plain' })).body,
    ).toEqual({
      code: 'malformed_request',
      message: 'The body must be multipart/form-data.',
      retryable: false,
    });
    // Straight to the fetch handler: a declared length the body does not have.
    const res = await stack.handler(
      new Request(`${stack.base}/step1`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'multipart/form-data; boundary=b',
          'content-length': String(STEP1_MAX_BODY_BYTES + 1),
        },
        body: '--b\r\n',
      }),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      code: 'payload_too_large',
      message: `The body is larger than ${STEP1_MAX_BODY_BYTES} bytes.`,
      retryable: false,
    });
  });

  it('takes a body of exactly the limit, declared as such', async () => {
    const { token } = await session(stack, 'alice');
    const { body: form, contentType } = rawMultipart([
      { name: 'idType', value: 'passport' },
      { name: 'issuingCountry', value: 'USA' },
      idImage,
    ]);
    // The rest of the limit as an epilogue after the closing delimiter (read and counted).
    const body = new Uint8Array(STEP1_MAX_BODY_BYTES);
    body.set(form);
    body.fill(0x20, form.length);
    const res = await stack.handler(
      new Request(`${stack.base}/step1`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': contentType,
          'content-length': String(body.length),
        },
        body,
      }),
    );
    expect(res.status).toBe(200);
  });
});

describe('POST /step2 refusals', () => {
  it('an unbound token, an unknown field', async () => {
    const { token: unbound } = await session(stack, 'alice');
    expect((await post(stack, 'step2', unbound, step2Form())).body).toEqual({
      code: 'submission_mismatch',
      message: 'This token is not bound to a submission; do step 1 first.',
      retryable: false,
    });
    const { token } = await throughStep1(stack, 'alice');
    expect((await post(stack, 'step2', token, step2Form({ nickname: 'x' }))).body).toEqual({
      code: 'unknown_field',
      message: 'Field "nickname" is not taken here.',
      retryable: false,
      field: 'nickname',
    });
  });

  it.each(['name', 'date_of_birth'])(
    'a form without %s is refused, naming it, and spends no attempt',
    async (missing) => {
      const { token, submissionId } = await throughStep1(stack, 'alice');
      const fields = [
        { name: 'name', value: 'Alex Specimen' },
        { name: 'date_of_birth', value: '1990-01-01' },
      ].filter((f) => f.name !== missing);
      // Before the image and after it: both are checked before the form is whole.
      for (const parts of [
        [...fields, faceImage],
        [faceImage, ...fields],
      ]) {
        expect((await postRaw('step2', token, parts)).body).toEqual({
          code: 'invalid_field',
          message: `Field "${missing}" is required.`,
          retryable: false,
          field: missing,
        });
      }
      expect(stack.sandbox.control.submission(submissionId)?.kyc.attempts ?? []).toHaveLength(0);
    },
  );

  it('a form without the selfie names it', async () => {
    const { token } = await throughStep1(stack, 'alice');
    const r = await postRaw('step2', token, [
      { name: 'name', value: 'Alex Specimen' },
      { name: 'date_of_birth', value: '1990-01-01' },
      { name: 'addressImage', filename: 'bill.jpg', bytes: jpeg() },
    ]);
    expect(r.body).toEqual({
      code: 'invalid_field',
      message: 'Field "faceImage" is required.',
      retryable: false,
      field: 'faceImage',
    });
  });

  it('a file field after the first image is an image even without a filename', async () => {
    const { token } = await throughStep1(stack, 'alice');
    const boundary = 'nofilename-7';
    const head = (name: string, filename?: string) =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n` +
          `${filename ? 'Content-Type: image/jpeg\r\n' : ''}\r\n`,
      );
    const body = Buffer.concat([
      head('name'),
      Buffer.from('Alex Specimen\r\n'),
      head('date_of_birth'),
      Buffer.from('1990-01-01\r\n'),
      head('faceImage', 'selfie.jpg'),
      Buffer.from(jpeg()),
      Buffer.from('\r\n'),
      head('addressImage'),
      Buffer.from(jpeg()),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await post(stack, 'step2', token, body, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(r.status).toBe(200);
  });
});

describe('messages of the shared checks', () => {
  it('a call without a token, and one whose Authorization is not exactly "Bearer <token>"', async () => {
    expect((await post(stack, 'step2', null, step2Form())).body).toEqual({
      code: 'unauthenticated',
      message: 'A bearer session token is required.',
      retryable: false,
    });
    const { token } = await throughStep1(stack, 'alice');
    const status = (authorization: string) =>
      fetch(`${stack.base}/status`, { headers: { authorization } }).then((r) => r.status);
    expect(await status(`Bearer ${token}`)).toBe(200);
    // Any run of spaces after the scheme.
    expect(await status(`Bearer   ${token}`)).toBe(200);
    // Something before the scheme, or after the token: not a bearer token.
    expect(await status(`NotBearer ${token}`)).toBe(401);
    expect(await status(`Bearer ${token} ${token}`)).toBe(401);
  });
});
