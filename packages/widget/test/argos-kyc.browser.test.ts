// <argos-kyc> in real Chromium with a fake camera: defaults, properties, events,
// accessibility, then each screen of part 1. There is no endpoint server in the
// browser project: sessions come from a host getToken(), and step 1 goes to a path
// that does not exist, so the upload ends on the error screen (the whole stack with
// a real endpoint is the Playwright e2e suite).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ArgosKyc,
  KycErrorEvent,
  KycExitEvent,
  KycStepChangeEvent,
  type KycCountrySelect,
} from '../src/index.ts';
import { defineArgosKyc } from '../src/define.ts';
import { pseudoBidi } from '../src/i18n/pseudo.ts';
import {
  axeViolations,
  button,
  deepActiveElement,
  deepQuery,
  deepQueryAll,
  mount,
  unmountAll,
  until,
} from './helpers.ts';

function widget(setup: (el: ArgosKyc) => void = () => undefined): ArgosKyc {
  const el = document.createElement('argos-kyc');
  el.endpoint = '/no-endpoint-in-browser-tests';
  el.disableResume = true;
  el.getToken = async () => ({ token: 'host-token', expiresAt: Date.now() + 600_000 });
  el.locale = 'en';
  setup(el);
  return mount(el);
}

const heading = (el: ArgosKyc) => deepQuery<HTMLHeadingElement>(el.shadowRoot!, 'h2')?.textContent?.trim();
const atHeading = (el: ArgosKyc, text: string) =>
  until(() => heading(el) === text, `heading "${text}" (now "${heading(el)}")`);

async function toDocument(el: ArgosKyc) {
  await atHeading(el, 'Verify your identity');
  deepQuery<HTMLInputElement>(el.shadowRoot!, '#biometric')!.click();
  button(el.shadowRoot!, 'I agree, start').click();
  await atHeading(el, 'Your ID document');
}

async function chooseDocument(el: ArgosKyc, type: string, country: string) {
  const radio = await until(
    () =>
      deepQueryAll<HTMLInputElement>(el.shadowRoot!, 'input[name="idType"]').find((r) => r.value === type),
    'radio',
  );
  radio.click();
  setCountry(el, country);
  button(el.shadowRoot!, 'Continue').click();
}

/** The country field's choice, as its change event tells it (its keys: country-select.browser.test.ts). */
function setCountry(el: ArgosKyc, country: string) {
  const field = deepQuery<KycCountrySelect>(el.shadowRoot!, 'argos-kyc-country-select')!;
  field.value = country;
  field.dispatchEvent(new Event('change'));
}

beforeEach(() => {
  defineArgosKyc();
});
afterEach(() => unmountAll());

describe('<argos-kyc>', () => {
  describe('registration', () => {
    it('defines its tags, and defining again never throws', () => {
      expect(customElements.get('argos-kyc')).toBe(ArgosKyc);
      expect(() => defineArgosKyc()).not.toThrow();
    });
  });

  describe('defaults', () => {
    it('shows the consent screen first, in English, inside its shadow root only', async () => {
      const headStyles = document.head.querySelectorAll('style, link[rel="stylesheet"]').length;
      const sheets = document.adoptedStyleSheets.length;
      const el = widget();
      await atHeading(el, 'Verify your identity');
      expect(el.shadowRoot).not.toBeNull();
      expect(document.head.querySelectorAll('style, link[rel="stylesheet"]').length).toBe(headStyles);
      expect(document.adoptedStyleSheets.length).toBe(sheets);
      expect(el.capture).toBe('auto');
    });

    it('speaks Korean with locale="ko"', async () => {
      const el = widget((e) => (e.locale = 'ko'));
      await atHeading(el, '본인 인증을 진행해 주세요');
      expect(deepQuery(el.shadowRoot!, 'section')!.getAttribute('lang')).toBe('ko');
      el.locale = 'en';
      await atHeading(el, 'Verify your identity');
    });

    it('switches language in the middle of the flow and keeps it: choice, step, direction, back arrow', async () => {
      const el = widget();
      await toDocument(el);
      const passport = await until(
        () => deepQueryAll<HTMLInputElement>(el.shadowRoot!, 'input[value="passport"]')[0],
        'passport',
      );
      passport.click();
      const section = deepQuery(el.shadowRoot!, 'section')!;
      expect(section.getAttribute('dir')).toBe('ltr');
      const arrow = () => getComputedStyle(deepQuery(el.shadowRoot!, '.back svg')!).scale;
      expect(arrow()).toBe('none');
      el.locale = 'ar-XB'; // right to left (the bidi pseudo-locale)
      await atHeading(el, pseudoBidi().document.title);
      expect([section.getAttribute('dir'), section.getAttribute('lang')]).toEqual(['rtl', 'ar-XB']);
      expect(getComputedStyle(section).direction).toBe('rtl');
      expect(arrow()).toBe('-1 1');
      expect(el.flow!.state.step).toBe('document');
      expect(deepQuery<HTMLInputElement>(el.shadowRoot!, 'input[value="passport"]')!.checked).toBe(true);
      // A language with no file (Welsh here) falls back to English.
      el.locale = 'cy';
      await atHeading(el, 'Your ID document');
      expect(section.getAttribute('dir')).toBe('ltr');
      expect(deepQuery<HTMLInputElement>(el.shadowRoot!, 'input[value="passport"]')!.checked).toBe(true);
      el.locale = 'ko-KR';
      await atHeading(el, '신분증 선택');
      expect(section.getAttribute('lang')).toBe('ko');
    });

    it('comes back, resumed, after being moved in the DOM', async () => {
      const el = widget((e) => {
        e.disableResume = false;
        e.endpoint = '/moved-widget-endpoint';
        // As the endpoint's /session answers it: a flow is kept only for a tagged applicant.
        e.getToken = async () => ({
          token: 'host-token',
          expiresAt: Date.now() + 600_000,
          applicant: 'tag-1',
        });
      });
      await toDocument(el);
      await el.flow!.settled();
      const flow = el.flow;
      el.remove();
      await new Promise((r) => setTimeout(r, 50)); // off the page for a while, as a framework may keep it
      mount(document.createElement('div')).append(el);
      // A new flow, resumed from the stored point (the old screen stays on show until it is ready).
      const resumed = await until(() => el.flow !== flow && el.flow, 'a new flow');
      await resumed.ready;
      expect(resumed.state.step).toBe('document');
      await atHeading(el, 'Your ID document');
      expect(el.flow).toBe(resumed);
      await el.flow!.reset();
    });

    it('uses no inline style attribute anywhere (strict CSP)', async () => {
      const el = widget();
      await toDocument(el);
      expect(deepQueryAll(el.shadowRoot!, '[style]')).toEqual([]);
    });

    it('shows no untranslated string key, in either language', async () => {
      for (const locale of ['en', 'ko']) {
        const el = widget((e) => {
          e.locale = locale;
          e.getToken = async () => ({ token: 't', emailRequired: true });
        });
        // The first screen in that language (Korean is loaded on demand): not a key, not English.
        await atHeading(el, locale === 'en' ? 'Verify your identity' : '본인 인증을 진행해 주세요');
        deepQuery<HTMLInputElement>(el.shadowRoot!, '#biometric')!.click();
        button(el.shadowRoot!, locale === 'en' ? 'I agree, start' : '동의하고 시작하기').click();
        await until(() => deepQuery(el.shadowRoot!, 'input[type="email"]'), 'document step with email');
        button(el.shadowRoot!, locale === 'en' ? 'Continue' : '계속').click();
        await until(() => deepQuery(el.shadowRoot!, '#type-error'), 'errors');
        const texts = deepQueryAll(el.shadowRoot!, 'h2, p, label, legend, span, button, option').map(
          (n) => n.textContent ?? '',
        );
        const labels = deepQueryAll(el.shadowRoot!, '[aria-label]').map(
          (n) => n.getAttribute('aria-label') ?? '',
        );
        expect([...texts, ...labels].filter((s) => /\b[a-z]+\.[a-z][A-Za-z_.]+\b/.test(s.trim()))).toEqual(
          [],
        );
        el.remove();
      }
    });
  });

  describe('setup mistakes', () => {
    afterEach(() => vi.restoreAllMocks());

    it('without an endpoint: a kyc-error endpoint_missing, a console line that names the fix, and no endless "Loading"', async () => {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const el = document.createElement('argos-kyc');
      el.locale = 'en';
      const error = new Promise<KycErrorEvent>((resolve) =>
        el.addEventListener('kyc-error', resolve, { once: true }),
      );
      mount(el);
      expect((await error).detail).toEqual({ code: 'endpoint_missing', retryable: false });
      expect(logged).toHaveBeenCalledWith(
        expect.stringMatching(/^argos-kyc: no endpoint: set it to .*endpoint="\/kyc"/),
      );
      await until(
        () =>
          deepQuery(el.shadowRoot!, 'p')?.textContent ===
          'Identity verification is not available on this page.',
        'the not-set-up text',
      );
      // Set later: the flow starts.
      el.disableResume = true;
      el.getToken = async () => 'host-token';
      el.endpoint = '/kyc';
      await atHeading(el, 'Verify your identity');
    });

    it('a wrong endpoint path: kyc-error endpoint_not_found at the session, a console line, and `credentials` on the call', async () => {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const calls = vi.spyOn(window, 'fetch');
      const el = document.createElement('argos-kyc');
      el.locale = 'en';
      el.disableResume = true;
      el.endpoint = '/wrong/kyc';
      el.setAttribute('credentials', 'include');
      const error = new Promise<KycErrorEvent>((resolve) =>
        el.addEventListener('kyc-error', resolve, { once: true }),
      );
      mount(el);
      expect((await error).detail).toEqual({ code: 'endpoint_not_found', retryable: false });
      const session = calls.mock.calls.find(([url]) => String(url).endsWith('/wrong/kyc/session'));
      expect(session?.[1]?.credentials).toBe('include');
      expect(logged).toHaveBeenCalledWith(
        `argos-kyc: no endpoint at ${location.origin}/wrong/kyc (404): check the endpoint attribute against basePath (default /kyc)`,
      );
      await atHeading(el, 'Something went wrong');
    });
    it('an endpoint nothing answers: kyc-error network_error at the session, and a console line', async () => {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const el = document.createElement('argos-kyc');
      el.locale = 'en';
      el.disableResume = true;
      // Nothing listens on port 9 of loopback.
      el.endpoint = 'http://127.0.0.1:9/kyc';
      const error = new Promise<KycErrorEvent>((resolve) =>
        el.addEventListener('kyc-error', resolve, { once: true }),
      );
      mount(el);
      expect((await error).detail).toEqual({ code: 'network_error', retryable: true });
      expect(logged).toHaveBeenCalledWith(
        'argos-kyc: could not reach http://127.0.0.1:9/kyc: check the endpoint attribute and that the server runs; on another origin, its allowedOrigins',
      );
    });
  });

  describe('events', () => {
    it('fires kyc-step-change from the first screen on, bubbling and composed', async () => {
      const changes: KycStepChangeEvent['detail'][] = [];
      const listener = (e: KycStepChangeEvent) => changes.push(e.detail);
      document.addEventListener('kyc-step-change', listener);
      try {
        const el = widget();
        await toDocument(el);
        expect(changes).toEqual([
          { step: 'consent', previousStep: null },
          { step: 'document', previousStep: 'consent' },
        ]);
      } finally {
        document.removeEventListener('kyc-step-change', listener);
      }
    });

    it('fires kyc-exit with the step the applicant left', async () => {
      const el = widget();
      await atHeading(el, 'Verify your identity');
      const exit = new Promise<KycExitEvent>((resolve) =>
        document.addEventListener('kyc-exit', resolve, { once: true }),
      );
      button(el.shadowRoot!, 'Not now').click();
      expect((await exit).detail).toEqual({ step: 'consent' });
      expect((await exit).bubbles && (await exit).composed).toBe(true);
      await atHeading(el, 'You left the verification');
    });
  });

  describe('focus', () => {
    it('moves the focus to the new step heading', async () => {
      const el = widget();
      await toDocument(el);
      await until(() => deepActiveElement()?.tagName === 'H2', 'focus on the heading');
      expect(deepActiveElement()?.textContent).toBe('Your ID document');
    });
  });

  describe('document step', () => {
    it('offers only the allowed document types and countries', async () => {
      const el = widget((e) => {
        e.documentTypes = ['passport'];
        e.countries = ['KOR', 'JPN'];
      });
      await toDocument(el);
      const types = deepQueryAll<HTMLInputElement>(el.shadowRoot!, 'input[name="idType"]').map(
        (r) => r.value,
      );
      expect(types).toEqual(['passport']);
      const combobox = deepQuery<HTMLInputElement>(el.shadowRoot!, '[role="combobox"]')!;
      combobox.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }),
      );
      await until(() => deepQueryAll(el.shadowRoot!, '[role="option"]').length > 0, 'the list');
      const options = deepQueryAll(el.shadowRoot!, '[role="option"]').map((o) => o.textContent?.trim());
      expect(options).toEqual(['Japan', 'South Korea']);
    });

    it('offers, once the country is chosen, only the document types the integrator allows for it', async () => {
      const el = widget((e) => {
        e.documentTypes = ['passport'];
        e.documentsByCountry = { KOR: ['government_id', 'drivers_license'] };
        e.setAttribute('country', 'KOR');
      });
      await toDocument(el);
      const radios = () => deepQueryAll<HTMLInputElement>(el.shadowRoot!, 'input[name="idType"]');
      const types = () => radios().map((r) => `${r.value}${r.checked ? ' (checked)' : ''}`);
      expect(types()).toEqual(['government_id', 'drivers_license']);
      radios()[1]!.click();
      setCountry(el, 'USA');
      // The one type there is chosen; the driver's license is not offered for it.
      await until(() => types().join() === 'passport (checked)', `passport only (now ${types().join()})`);
      setCountry(el, 'KOR');
      await until(() => types().length === 2, 'the Korean types again');
      expect(types()).toEqual(['government_id', 'drivers_license']);
      button(el.shadowRoot!, 'Continue').click();
      await until(() => deepQuery(el.shadowRoot!, '#type-error'), 'type error');
      radios()[0]!.click();
      button(el.shadowRoot!, 'Continue').click();
      await until(() => el.flow!.state.step === 'documentCapture', 'capture');
      expect(el.flow!.state.context.document).toEqual({ idType: 'government_id', issuingCountry: 'KOR' });
    });

    it('filters the localized country list as the applicant types, and names countries in Korean', async () => {
      const el = widget((e) => (e.locale = 'ko'));
      await atHeading(el, '본인 인증을 진행해 주세요');
      deepQuery<HTMLInputElement>(el.shadowRoot!, '#biometric')!.click();
      button(el.shadowRoot!, '동의하고 시작하기').click();
      await atHeading(el, '신분증 선택');
      const search = deepQuery<HTMLInputElement>(el.shadowRoot!, '[role="combobox"]')!;
      search.value = '대한';
      search.dispatchEvent(new Event('input'));
      await until(() => deepQueryAll(el.shadowRoot!, '[role="option"]').length === 1, 'the filtered list');
      expect(deepQuery(el.shadowRoot!, '[role="option"]')!.textContent!.trim()).toBe('대한민국');
      search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      const field = deepQuery<KycCountrySelect>(el.shadowRoot!, 'argos-kyc-country-select')!;
      await until(() => field.value === 'KOR', 'Korea chosen');
      await field.updateComplete;
      expect(search.value).toBe('대한민국');
    });

    it('shows inline errors tied to their fields when nothing is chosen', async () => {
      const el = widget();
      await toDocument(el);
      button(el.shadowRoot!, 'Continue').click();
      const error = await until(() => deepQuery(el.shadowRoot!, '#type-error'), 'type error');
      expect(error.textContent).toBe('Choose a document type.');
      expect(deepQuery(el.shadowRoot!, 'fieldset')!.getAttribute('aria-describedby')).toBe('type-error');
      expect(heading(el)).toBe('Your ID document');
    });

    it('asks for the email here when the session requires one', async () => {
      const el = widget((e) => (e.getToken = async () => ({ token: 't', emailRequired: true })));
      await toDocument(el);
      const email = await until(
        () => deepQuery<HTMLInputElement>(el.shadowRoot!, 'input[type="email"]'),
        'email field',
      );
      await chooseDocument(el, 'passport', 'USA');
      await until(() => email.getAttribute('aria-invalid') === 'true', 'email error');
      expect(email.getAttribute('aria-describedby')).toContain('email-error');
      expect(deepQuery(el.shadowRoot!, '#email-error')!.textContent).toBe('This field is required.');
      const alert = deepQuery(el.shadowRoot!, '[role="alert"][aria-live="assertive"]')!;
      await until(() => alert.textContent === 'This field is required.', 'the assertive announcement');
    });
  });

  describe('document capture (fake camera)', () => {
    it('shows the rear camera live with a guide frame, takes a photo, previews it, and uploads it', async () => {
      const el = widget();
      await toDocument(el);
      await chooseDocument(el, 'passport', 'USA');
      await atHeading(el, 'Photo of your document');
      const video = await until(() => deepQuery<HTMLVideoElement>(el.shadowRoot!, 'video'), 'video');
      await until(
        () =>
          video.videoWidth > 0 &&
          button(el.shadowRoot!, 'Take photo').getAttribute('aria-disabled') === 'false',
        'a live camera',
      );
      expect(video.playsInline && video.muted).toBe(true);
      // The document-shaped guide: its corners, and everything outside it dimmed (a cut-out).
      expect(deepQuery(el.shadowRoot!, '.overlay .corners')).toBeTruthy();
      expect(deepQuery(el.shadowRoot!, '.overlay .dim')?.getAttribute('fill-rule')).toBe('evenodd');
      button(el.shadowRoot!, 'Take photo').click();
      const canvas = await until(
        () => deepQuery<HTMLCanvasElement>(el.shadowRoot!, 'canvas[part="preview"]'),
        'the preview',
      );
      expect(canvas.getAttribute('role')).toBe('img');
      await until(() => canvas.width > 0, 'a drawn preview');
      // The fake camera's moving test pattern may or may not pass the quality checks.
      const use = deepQueryAll<HTMLButtonElement>(el.shadowRoot!, 'button').find((b) =>
        /Use this photo|Use it anyway/.test(b.textContent ?? ''),
      )!;
      expect(video.srcObject).toBeNull();

      const error = new Promise<KycErrorEvent>((resolve) =>
        el.addEventListener('kyc-error', resolve, { once: true }),
      );
      use.click();
      await atHeading(el, 'Something went wrong');
      // The test page's server has no endpoint at that path: its 404 is not the protocol's.
      expect((await error).detail).toEqual({ code: 'endpoint_not_found', retryable: false });
      expect(JSON.stringify((await error).detail)).not.toMatch(/token|image|blob/i);
    });

    it('offers the upload instead of the camera with capture="upload"', async () => {
      const el = widget((e) => (e.capture = 'upload'));
      await toDocument(el);
      await chooseDocument(el, 'government_id', 'KOR');
      await atHeading(el, 'Photo of your document');
      const file = await until(
        () => deepQuery<HTMLInputElement>(el.shadowRoot!, 'input[type="file"]'),
        'file input',
      );
      expect(file.accept).toBe('image/jpeg,image/png');
      expect(deepQuery(el.shadowRoot!, 'video')).toBeUndefined();
      expect(deepQuery(el.shadowRoot!, 'p.muted')!.textContent).toBe('National ID card, South Korea');

      const canvas = document.createElement('canvas');
      canvas.width = 1200;
      canvas.height = 760;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#ddd';
      ctx.fillRect(0, 0, 1200, 760);
      ctx.fillStyle = '#123';
      for (let i = 0; i < 30; i++) ctx.fillRect(40 + i * 37, 80 + (i % 7) * 80, 20, 40);
      const png = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
      const transfer = new DataTransfer();
      transfer.items.add(new File([png], 'id.png', { type: 'image/png' }));
      file.files = transfer.files;
      file.dispatchEvent(new Event('change'));
      await until(
        () => deepQuery(el.shadowRoot!, 'canvas[part="preview"]'),
        'the preview of the uploaded file',
      );
    });

    it('explains a file that is not a picture, and stays on the capture step', async () => {
      const el = widget((e) => (e.capture = 'upload'));
      await toDocument(el);
      await chooseDocument(el, 'passport', 'USA');
      const file = await until(
        () => deepQuery<HTMLInputElement>(el.shadowRoot!, 'input[type="file"]'),
        'file input',
      );
      const transfer = new DataTransfer();
      transfer.items.add(new File(['%PDF-1.4 not a picture'], 'id.png', { type: 'image/png' }));
      file.files = transfer.files;
      file.dispatchEvent(new Event('change'));
      const alert = await until(() => deepQuery(el.shadowRoot!, 'p.notice[role="alert"]'), 'the error');
      expect(alert.textContent).toMatch(/not a JPEG or PNG/);
      expect(heading(el)).toBe('Photo of your document');
    });
  });

  describe('accessibility (axe)', () => {
    for (const locale of ['en', 'ko']) {
      it(`has no violations on consent, document and capture (${locale})`, async () => {
        const el = widget((e) => {
          e.locale = locale;
          e.capture = 'upload';
        });
        // Axe on the screen in that language, once Korean has loaded as the element loads it.
        await atHeading(el, locale === 'en' ? 'Verify your identity' : '본인 인증을 진행해 주세요');
        expect(await axeViolations(el)).toEqual([]);
        deepQuery<HTMLInputElement>(el.shadowRoot!, '#biometric')!.click();
        button(el.shadowRoot!, locale === 'en' ? 'I agree, start' : '동의하고 시작하기').click();
        await until(() => deepQuery(el.shadowRoot!, 'fieldset'), 'document step');
        expect(await axeViolations(el)).toEqual([]);
        button(el.shadowRoot!, locale === 'en' ? 'Continue' : '계속').click();
        await until(() => deepQuery(el.shadowRoot!, '#type-error'), 'errors');
        expect(await axeViolations(el)).toEqual([]);
      });
    }
  });
});
