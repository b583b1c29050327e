// The address, selfie, retry and result screens, each mounted on its own with a state
// from the pure machine: what they show, what their buttons send, axe in both languages.
import { initialState, transition, type AddressMode, type FlowEvent, type FlowState } from '@argos-kyc/core';
import { describe, expect, it } from 'vitest';
import { checkFace, type StepElement } from '../src/index.ts';
import { browserFaceCheck } from '../src/components/selfie-step/face-check.ts';
import {
  axeViolations,
  button,
  deepActiveElement,
  deepQuery,
  deepQueryAll,
  english,
  language,
  mountStep,
  screenFlow,
  setUpScreenTests,
  until,
  type Language,
} from './helpers.ts';

const FOUND = {
  formattedAddress: '1600 Pennsylvania Avenue NW, Washington, DC 20500, USA',
  compoundCode: 'VXX7+39 Washington, DC, USA',
  globalCode: '87C4VXX7+39',
};
const REVIEW = {
  name: 'Alex Specimen',
  birthDate: '1990-01-01',
  gender: 'female' as const,
  nationality: 'USA',
  issueDate: '2020-02-25',
};

function afterReview(address: AddressMode, ...events: FlowEvent[]): FlowState {
  const start: FlowEvent[] = [
    { type: 'CONSENT_GIVEN' },
    { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' },
    { type: 'DOCUMENT_SUBMITTED' },
    { type: 'DOCUMENT_ACCEPTED', submissionId: 'sub-1', ocr: null },
    { type: 'REVIEW_SUBMITTED', fields: REVIEW, today: '2026-11-26' },
  ];
  return [...start, ...events].reduce(transition, initialState({ address }));
}
const found = (mode: AddressMode = 'required') =>
  afterReview(
    mode,
    { type: 'ADDRESS_LOOKUP', input: 'white house' },
    { type: 'ADDRESS_FOUND', input: 'white house', result: FOUND },
  );
const answered = (
  kycStatus: 'incomplete' | 'pending' | 'approved' | 'rejected',
  attempt = 1,
  reason: 'liveness' | null = null,
) =>
  afterReview(
    'off',
    { type: 'SELFIE_SUBMITTED' },
    {
      type: 'SELFIE_ANSWERED',
      kycStatus,
      attempt,
      attemptsLeft: kycStatus === 'incomplete' ? 3 - attempt : 0,
      reason,
    },
  );

setUpScreenTests();

function screen(
  tag: string,
  state: FlowState,
  lang: Language = english(),
): { el: StepElement; sent: FlowEvent[] } {
  const flow = screenFlow();
  const sent: FlowEvent[] = [];
  // Records what the screen sends (a mock of the flow's input: the screens are tested alone here).
  flow.send = (event) => void sent.push(event as FlowEvent);
  Object.defineProperty(flow, 'state', { get: () => state });
  return { el: mountStep(tag, flow, state, lang), sent };
}

const text = (el: Element) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');

describe('address screen', () => {
  it('refuses an empty look-up in place, and looks up typed text in the applicant’s language', async () => {
    const { el, sent } = screen('argos-kyc-address-step', afterReview('required'), await language('ko'));
    await el.updateComplete;
    button(el.shadowRoot!, '주소 찾기').click();
    await el.updateComplete;
    expect(deepQuery<HTMLInputElement>(el.shadowRoot!, '#input')!.getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([]);
    const input = deepQuery<HTMLInputElement>(el.shadowRoot!, '#input')!;
    input.value = 'The White House';
    input.dispatchEvent(new Event('input'));
    button(el.shadowRoot!, '주소 찾기').click();
    expect(sent).toEqual([{ type: 'ADDRESS_LOOKUP', input: 'The White House', language: 'ko' }]);
  });

  it('asks in the locale’s primary language, the current one at each look-up; a locale switch asks nothing by itself', async () => {
    const { el, sent } = screen('argos-kyc-address-step', afterReview('required'));
    await el.updateComplete;
    const input = deepQuery<HTMLInputElement>(el.shadowRoot!, '#input')!;
    input.value = 'Gyeongbokgung';
    input.dispatchEvent(new Event('input'));
    el.locale = 'ko-KR';
    await el.updateComplete;
    expect(sent).toEqual([]);
    button(el.shadowRoot!, 'Find address').click();
    el.locale = 'pt-BR';
    await el.updateComplete;
    button(el.shadowRoot!, 'Find address').click();
    expect(sent).toEqual([
      { type: 'ADDRESS_LOOKUP', input: 'Gyeongbokgung', language: 'ko' },
      { type: 'ADDRESS_LOOKUP', input: 'Gyeongbokgung', language: 'pt' },
    ]);
  });

  it('shows what was found with its plus code, prefilled and correctable, and confirms it with the detail line', async () => {
    const { el, sent } = screen('argos-kyc-address-step', found());
    await el.updateComplete;
    expect(text(el)).toContain('1600 Pennsylvania Avenue NW, Washington, DC 20500, USA');
    expect(text(el)).toContain('Plus code: VXX7+39 Washington, DC, USA');
    // The match is a card: the long form opens with "Edit".
    button(el.shadowRoot!, 'Edit').click();
    await el.updateComplete;
    expect(deepQuery<HTMLInputElement>(el.shadowRoot!, '#city')!.value).toBe('Washington');
    const detail = deepQuery<HTMLInputElement>(el.shadowRoot!, '#detail')!;
    detail.value = 'West Wing';
    detail.dispatchEvent(new Event('input'));
    button(el.shadowRoot!, 'Confirm address').click();
    expect(sent).toEqual([
      {
        type: 'ADDRESS_CONFIRMED',
        address: expect.objectContaining({
          street: '1600 Pennsylvania Avenue NW',
          city: 'Washington',
          country: 'USA',
          zipcode: '20500',
          detail: 'West Wing',
          globalCode: '87C4VXX7+39',
        }),
      },
    ]);
  });

  it('marks a required field emptied by the applicant and does not confirm', async () => {
    const { el, sent } = screen('argos-kyc-address-step', found());
    await el.updateComplete;
    button(el.shadowRoot!, 'Edit').click();
    await el.updateComplete;
    const street = deepQuery<HTMLInputElement>(el.shadowRoot!, '#street')!;
    street.value = ' ';
    street.dispatchEvent(new Event('input'));
    button(el.shadowRoot!, 'Confirm address').click();
    await el.updateComplete;
    expect(street.getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([]);
  });

  it('explains "no match" and keeps the input for editing; skip only when optional', async () => {
    const failed = afterReview(
      'optional',
      { type: 'ADDRESS_LOOKUP', input: 'nowhere' },
      { type: 'ADDRESS_NOT_FOUND', input: 'nowhere', error: { code: 'address_not_found', retryable: false } },
    );
    const { el, sent } = screen('argos-kyc-address-step', failed);
    await el.updateComplete;
    expect(text(el)).toContain('We could not find this address.');
    expect(deepQuery<HTMLInputElement>(el.shadowRoot!, '#input')!.value).toBe('nowhere');
    button(el.shadowRoot!, 'Skip this step').click();
    expect(sent).toEqual([{ type: 'ADDRESS_SKIPPED' }]);
    const required = screen('argos-kyc-address-step', found('required')).el;
    await required.updateComplete;
    expect(() => button(required.shadowRoot!, 'Skip this step')).toThrow();
  });

  it('never leaves the applicant stuck: after "no match" the address can be entered by hand', async () => {
    const failed = afterReview(
      'required',
      { type: 'ADDRESS_LOOKUP', input: 'Rua Nova 5' },
      {
        type: 'ADDRESS_NOT_FOUND',
        input: 'Rua Nova 5',
        error: { code: 'address_not_found', retryable: false },
      },
    );
    const { el, sent } = screen('argos-kyc-address-step', failed);
    await el.updateComplete;
    button(el.shadowRoot!, 'Enter the address by hand').click();
    await el.updateComplete;
    expect(deepQuery<HTMLInputElement>(el.shadowRoot!, '#street')!.value).toBe('Rua Nova 5');
    const city = deepQuery<HTMLInputElement>(el.shadowRoot!, '#city')!;
    city.value = 'Lisboa';
    city.dispatchEvent(new Event('input'));
    const country = deepQuery<HTMLElement & { value: string }>(el.shadowRoot!, '#country')!;
    country.value = 'PRT';
    country.dispatchEvent(new Event('change'));
    button(el.shadowRoot!, 'Confirm address').click();
    expect(sent).toEqual([
      {
        type: 'ADDRESS_CONFIRMED',
        address: expect.objectContaining({
          street: 'Rua Nova 5',
          city: 'Lisboa',
          country: 'PRT',
          globalCode: '',
          formattedAddress: '',
        }),
      },
    ]);
    expect(await axeViolations(el)).toEqual([]);
  });
});

describe('address screen: focus and announcements (issue 15)', () => {
  const looking = () => afterReview('required', { type: 'ADDRESS_LOOKUP', input: 'white house' });

  it('keeps the busy Find button focusable (aria-disabled) and ignores a second press', async () => {
    const { el, sent } = screen('argos-kyc-address-step', looking());
    await el.updateComplete;
    const find = button(el.shadowRoot!, 'Find address');
    expect(find.disabled).toBe(false);
    expect(find.getAttribute('aria-disabled')).toBe('true');
    expect(button(el.shadowRoot!, 'Use my location').getAttribute('aria-disabled')).toBe('true');
    find.focus();
    find.click();
    expect(sent).toEqual([]);
    expect(deepActiveElement()).toBe(find);
  });

  it('inserts "Looking up" empty, then fills it', async () => {
    const { el } = screen('argos-kyc-address-step', looking());
    await el.updateComplete;
    const status = deepQuery(el.shadowRoot!, 'p[role="status"]')!;
    expect(status.textContent).toBe('');
    await until(() => status.textContent === 'Looking up the address…', 'the status text');
  });

  it('moves the focus to what a look-up found, labelled by it', async () => {
    const { el } = screen('argos-kyc-address-step', looking());
    await el.updateComplete;
    button(el.shadowRoot!, 'Find address').focus();
    el.state = found();
    await el.updateComplete;
    const block = deepQuery<HTMLElement>(el.shadowRoot!, '.found')!;
    expect(deepActiveElement()).toBe(block);
    const names = block
      .getAttribute('aria-labelledby')!
      .split(' ')
      .map((id) => el.shadowRoot!.getElementById(id)!.textContent);
    expect(names.join(' ')).toBe('We found: 1600 Pennsylvania Avenue NW, Washington, DC 20500, USA');
  });

  it('wraps a long unbroken address instead of widening the page', async () => {
    const long = 'GangnamDaero'.repeat(300);
    const state = afterReview(
      'required',
      { type: 'ADDRESS_LOOKUP', input: 'x' },
      { type: 'ADDRESS_FOUND', input: 'x', result: { ...FOUND, formattedAddress: long } },
    );
    const { el } = screen('argos-kyc-address-step', state);
    await el.updateComplete;
    expect(text(el)).toContain(long);
    const found = deepQuery<HTMLElement>(el.shadowRoot!, '.found')!;
    expect(found.scrollWidth).toBeLessThanOrEqual(el.clientWidth);
    expect(el.scrollWidth).toBeLessThanOrEqual(el.clientWidth);
  });

  it('shows a match as a card with "Edit" (the detail line and the proof outside it), the long form only when editing', async () => {
    const { el, sent } = screen('argos-kyc-address-step', found('optional'));
    await el.updateComplete;
    expect(deepQuery(el.shadowRoot!, '#street')).toBeUndefined();
    expect(deepQuery(el.shadowRoot!, '#country')).toBeUndefined();
    expect(deepQuery(el.shadowRoot!, '#detail')).toBeDefined();
    expect(deepQuery(el.shadowRoot!, '#proof')).toBeDefined();
    // One primary action (Confirm), Skip beside it in the same footer, Find address as a text button.
    expect(deepQueryAll(el.shadowRoot!, '.primary').map((b) => b.textContent?.trim())).toEqual([
      'Confirm address',
    ]);
    expect(deepQueryAll(el.shadowRoot!, '.actions')).toHaveLength(1);
    expect(button(el.shadowRoot!, 'Skip this step').closest('.actions')).not.toBeNull();
    const edit = button(el.shadowRoot!, 'Edit');
    expect(edit.getAttribute('aria-describedby')).toBe('found-address');
    edit.click();
    await el.updateComplete;
    await until(() => deepActiveElement()?.id === 'street', 'the focus on the street');
    expect(deepQuery<HTMLInputElement>(el.shadowRoot!, '#street')!.value).toBe('1600 Pennsylvania Avenue NW');
    expect(deepQuery(el.shadowRoot!, '.found .edit')).toBeUndefined();
    expect(await axeViolations(el)).toEqual([]);
    button(el.shadowRoot!, 'Confirm address').click();
    expect(sent.map((e) => e.type)).toEqual(['ADDRESS_CONFIRMED']);
  });

  it('shows the address found from the device location in the box, never the raw coordinates', async () => {
    const located = afterReview(
      'required',
      { type: 'ADDRESS_LOOKUP', input: '37.5796,126.9770' },
      { type: 'ADDRESS_FOUND', input: '37.5796,126.9770', result: FOUND },
    );
    const { el } = screen('argos-kyc-address-step', located);
    await el.updateComplete;
    const input = deepQuery<HTMLInputElement>(el.shadowRoot!, '#input')!;
    expect(input.value).toBe(FOUND.formattedAddress);
    expect(text(el)).not.toContain('37.5796');
  });

  it('looks up the device location rounded to four decimals, no finer than an address needs', async () => {
    const { el, sent } = screen('argos-kyc-address-step', afterReview('required'));
    await el.updateComplete;
    // A stand-in for the device's location service (no GPS here).
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: {
        getCurrentPosition: (ok: PositionCallback) =>
          ok({ coords: { latitude: 37.579617, longitude: 126.977041 } } as GeolocationPosition),
      },
    });
    try {
      button(el.shadowRoot!, 'Use my location').click();
      expect(sent).toEqual([{ type: 'ADDRESS_LOOKUP', input: '37.5796,126.9770', language: 'en' }]);
    } finally {
      Reflect.deleteProperty(navigator, 'geolocation');
    }
  });

  it('does not take the focus for an address restored on arrival', async () => {
    const { el } = screen('argos-kyc-address-step', found());
    await el.updateComplete;
    expect(deepActiveElement()).not.toBe(deepQuery(el.shadowRoot!, '.found'));
  });

  it('gives the focus to the picture input when the picture is removed', async () => {
    const { el } = screen('argos-kyc-address-step', found());
    (el as unknown as { proof: Blob }).proof = new Blob(['x'], { type: 'image/jpeg' });
    await el.updateComplete;
    const remove = button(el.shadowRoot!, 'Remove the picture');
    remove.focus();
    remove.click();
    await until(() => deepActiveElement() === deepQuery(el.shadowRoot!, '#proof'), 'the focus on the input');
    expect(deepQuery(el.shadowRoot!, '#proof-hint')!.textContent).toBe(
      'A photo of a recent bill or bank statement showing this address.',
    );
  });
});

describe('selfie screen', () => {
  it(
    'mirrors the live front camera on screen only, inside an oval guide; the face gate keeps the shutter shut on a picture with no face',
    { timeout: 120_000 },
    async () => {
      const { el } = screen('argos-kyc-selfie-step', afterReview('off'));
      const video = await until(() => deepQuery<HTMLVideoElement>(el.shadowRoot!, 'video'), 'the video');
      expect(getComputedStyle(video).transform).toBe('matrix(-1, 0, 0, 1, 0, 0)');
      expect(getComputedStyle(deepQuery(el.shadowRoot!, '.guide')!).borderRadius).toBe('50%');
      // A portrait view on a phone: taller than wide, the landscape camera picture covering it.
      const view = deepQuery(el.shadowRoot!, '[part="viewfinder"]')!.getBoundingClientRect();
      expect(view.height).toBeGreaterThan(view.width);
      expect(getComputedStyle(video).objectFit).toBe('cover');
      // Chromium's fake camera plays a test pattern: no face. The detector (in its worker) says so.
      const guidance = () => deepQuery(el.shadowRoot!, '[part="guidance"]')?.textContent?.trim();
      await until(() => guidance() === 'No face yet: look at the camera', 'the no-face guidance', 100_000);
      expect(deepQuery(el.shadowRoot!, '[part="guidance"]')!.getAttribute('role')).toBe('status');
      expect(button(el.shadowRoot!, 'Take selfie').getAttribute('aria-disabled')).toBe('true');
      // Pressed anyway: nothing is sent.
      button(el.shadowRoot!, 'Take selfie').click();
      await new Promise((r) => setTimeout(r, 500));
      expect(deepQuery(el.shadowRoot!, 'video')).not.toBeNull();
      // Camera first: no upload beside a working camera unless the integrator allows it.
      expect(text(el)).not.toContain('Upload a photo instead');
    },
  );

  it('says how many attempts are left after a failed one', async () => {
    const state = transition(answered('incomplete', 1, 'liveness'), { type: 'RETRY' });
    const { el } = screen('argos-kyc-selfie-step', state);
    await el.updateComplete;
    expect(text(el)).toContain('2 attempts left.');
  });
});

describe('face check before an attempt is spent', () => {
  it('finds no face in a blank picture with the face worker', { timeout: 120_000 }, async () => {
    const bitmap = await createImageBitmap(new ImageData(200, 100));
    expect(await checkFace(bitmap)).toBe('no_face');
  });

  it('the fallback has no opinion where the browser has no FaceDetector (Linux Chromium)', async () => {
    const bitmap = await createImageBitmap(new ImageData(200, 100));
    expect('FaceDetector' in globalThis).toBe(false);
    expect(await browserFaceCheck(bitmap)).toBeUndefined();
  });

  it('the fallback says no face, more than one, or too far, from a FaceDetector (a stand-in: Linux Chromium has none)', async () => {
    const bitmap = await createImageBitmap(new ImageData(200, 100));
    const results: { boundingBox: { width: number; height: number } }[][] = [
      [],
      [{ boundingBox: { width: 80, height: 90 } }, { boundingBox: { width: 70, height: 80 } }],
      [{ boundingBox: { width: 20, height: 24 } }],
      [{ boundingBox: { width: 80, height: 90 } }],
    ];
    const g = globalThis as { FaceDetector?: unknown };
    g.FaceDetector = class {
      detect = async () => results.shift()!;
    };
    try {
      expect(await browserFaceCheck(bitmap)).toBe('no_face');
      expect(await browserFaceCheck(bitmap)).toBe('multiple_faces');
      expect(await browserFaceCheck(bitmap)).toBe('face_too_small');
      expect(await browserFaceCheck(bitmap)).toBeNull();
    } finally {
      delete g.FaceDetector;
    }
  });
});

describe('retry and result screens', () => {
  it('shows the vendor’s reason in the applicant’s language with the attempts left, and takes a new selfie', async () => {
    const { el, sent } = screen(
      'argos-kyc-result-step',
      answered('incomplete', 2, 'liveness'),
      await language('ko'),
    );
    await el.updateComplete;
    expect(text(el)).toContain('셀카가 실제 촬영 사진으로 보이지 않습니다.');
    expect(text(el)).toContain('남은 시도: 1회.');
    button(el.shadowRoot!, '셀카 다시 찍기').click();
    expect(sent).toEqual([{ type: 'RETRY' }]);
  });

  it('explains a reviewer’s rejection by its comment code, in the applicant’s language', async () => {
    const rejected = (commentCode: string[]) =>
      transition(answered('pending'), {
        type: 'STATUS_RECEIVED',
        kycStatus: 'rejected',
        attempts: 1,
        commentCode,
      });
    const en = screen('argos-kyc-result-step', rejected(['id_expired'])).el;
    await en.updateComplete;
    expect(deepQuery(en.shadowRoot!, 'p.notice')!.textContent).toBe('The ID document has expired.');
    expect(text(en)).toContain('Please contact the business you are signing up with.');
    en.remove();
    const ko = screen('argos-kyc-result-step', rejected(['fake_id']), await language('ko')).el;
    await ko.updateComplete;
    expect(deepQuery(ko.shadowRoot!, 'p.notice')!.textContent).toBe('신분증을 인정할 수 없습니다.');
    expect(await axeViolations(ko)).toEqual([]);
  });

  it('shows the generic rejection for a comment code it does not know (and never the code itself)', async () => {
    const state = transition(answered('pending'), {
      type: 'STATUS_RECEIVED',
      kycStatus: 'rejected',
      attempts: 1,
      commentCode: ['policy_x9'],
    });
    const { el } = screen('argos-kyc-result-step', state);
    await el.updateComplete;
    expect(deepQuery(el.shadowRoot!, 'h2')!.textContent).toBe('Verification not successful');
    expect(deepQuery(el.shadowRoot!, 'p.notice')).toBeUndefined();
    expect(text(el)).toContain(
      'We could not verify your identity. Please contact the business you are signing up with.',
    );
    expect(text(el)).not.toContain('policy_x9');
  });

  it('has a screen for each result, and one for a review that outlasted polling', async () => {
    const cases: [FlowState, string][] = [
      [answered('approved'), 'You are verified'],
      [answered('pending'), 'Under review'],
      [transition(answered('pending'), { type: 'POLL_EXPIRED' }), 'We will let you know'],
      [answered('rejected', 3, 'liveness'), 'Verification not successful'],
    ];
    for (const [state, heading] of cases) {
      const { el } = screen('argos-kyc-result-step', state);
      await el.updateComplete;
      expect(deepQuery(el.shadowRoot!, 'h2')!.textContent).toBe(heading);
      el.remove();
    }
  });
});

describe('accessibility (axe) of the part-2 screens', () => {
  for (const locale of ['en', 'ko'] as const) {
    it(`has no violations (${locale})`, async () => {
      const lang = await language(locale);
      // Each screen with its heading in that language (so an English screen cannot pass as Korean).
      const states: [string, FlowState, { en: string; ko: string }][] = [
        ['argos-kyc-address-step', afterReview('optional'), { en: 'Your address', ko: '주소 입력' }],
        ['argos-kyc-address-step', found(), { en: 'Your address', ko: '주소 입력' }],
        ['argos-kyc-selfie-step', afterReview('off'), { en: 'Take a selfie', ko: '셀카 촬영' }],
        [
          'argos-kyc-upload-step',
          afterReview('off', { type: 'SELFIE_SUBMITTED' }),
          { en: 'Sending your selfie', ko: '셀카 전송 중' },
        ],
        [
          'argos-kyc-result-step',
          answered('incomplete', 1, 'liveness'),
          { en: 'Your selfie did not pass', ko: '셀카가 통과하지 못했습니다' },
        ],
        ['argos-kyc-result-step', answered('pending'), { en: 'Under review', ko: '심사 중' }],
        [
          'argos-kyc-result-step',
          transition(answered('pending'), { type: 'POLL_EXPIRED' }),
          { en: 'We will let you know', ko: '결과를 알려 드리겠습니다' },
        ],
        [
          'argos-kyc-result-step',
          answered('approved'),
          { en: 'You are verified', ko: '인증이 완료되었습니다' },
        ],
        [
          'argos-kyc-result-step',
          answered('rejected', 3, 'liveness'),
          { en: 'Verification not successful', ko: '인증에 실패했습니다' },
        ],
      ];
      for (const [tag, state, title] of states) {
        const { el } = screen(tag, state, lang);
        await el.updateComplete;
        expect(deepQuery(el.shadowRoot!, 'h2')!.textContent?.trim(), `${tag} at ${state.step} heading`).toBe(
          title[locale],
        );
        expect(await axeViolations(el), `${tag} at ${state.step}`).toEqual([]);
        el.remove();
      }
    });
  }
});
