// Issue 11, the look and feel: the header (back arrow, brand, "Step 2 of 5" counting this
// configuration's steps), the footer (one full-width primary action, sticky, text buttons),
// the theme attribute, the consents (privacy policy, the separate biometric one), the end
// screens (icon, Done, kyc-done, return-url, reset()), the pre-selected country, the review
// draft, and the drawings. <argos-kyc> in real Chromium, sessions from a host getToken().
import { initialState, transition, type FlowEvent } from '@argos-kyc/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArgosKyc, KycConsentEvent, KycDoneEvent } from '../src/index.ts';
import { defineArgosKyc } from '../src/define.ts';
import {
  axeViolations,
  button,
  deepActiveElement,
  deepQuery,
  deepQueryAll,
  english,
  mount,
  mountStep,
  screenFlow,
  unmountAll,
  until,
} from './helpers.ts';

function widget(setup: (el: ArgosKyc) => void = () => undefined): ArgosKyc {
  const el = document.createElement('argos-kyc');
  el.endpoint = '/no-endpoint-in-browser-tests';
  el.disableResume = true;
  el.locale = 'en';
  el.getToken = async () => ({ token: 'host-token', expiresAt: Date.now() + 600_000 });
  setup(el);
  return mount(el);
}

const root = (el: ArgosKyc) => el.shadowRoot!;
const heading = (el: ArgosKyc) => deepQuery<HTMLHeadingElement>(root(el), 'h2')?.textContent?.trim();
const atHeading = (el: ArgosKyc, text: string) =>
  until(() => heading(el) === text, `heading "${text}" (now "${heading(el)}")`);
const count = (el: ArgosKyc) => root(el).querySelector('.count')?.textContent?.trim();
const biometric = (el: ArgosKyc) => deepQuery<HTMLInputElement>(root(el), '#biometric')!;

async function toDocument(el: ArgosKyc) {
  await atHeading(el, 'Verify your identity');
  biometric(el).click();
  button(root(el), 'I agree, start').click();
  await atHeading(el, 'Your ID document');
}

beforeEach(() => defineArgosKyc());
afterEach(() => unmountAll());

describe('progress', () => {
  it('counts exactly the steps of this configuration, in text, and the consent lists exactly those', async () => {
    const off = widget();
    await atHeading(off, 'Verify your identity');
    expect(count(off)).toBe('Step 1 of 5');
    expect(deepQueryAll(root(off), '.stages li').map((li) => li.textContent?.trim())).toEqual([
      'Take a photo of an ID document (passport, ID card or driver’s license)',
      'Check the details we read from it',
      'Take a selfie',
    ]);
    expect(root(off).querySelectorAll('.bar span')).toHaveLength(5);
    expect(root(off).querySelectorAll('.bar .done')).toHaveLength(1);
    await toDocument(off);
    await until(() => count(off) === 'Step 2 of 5', 'step 2 of 5');
    expect(root(off).querySelectorAll('.bar .done')).toHaveLength(2);

    const withAddress = widget((e) => (e.address = 'optional'));
    await atHeading(withAddress, 'Verify your identity');
    expect(count(withAddress)).toBe('Step 1 of 6');
    expect(deepQueryAll(root(withAddress), '.stages li')).toHaveLength(4);
    expect(deepQueryAll(root(withAddress), '.stages li')[2]!.textContent).toContain('home address');
  });

  it('counts in Korean too', async () => {
    const el = widget((e) => (e.locale = 'ko'));
    await atHeading(el, '본인 인증을 진행해 주세요');
    expect(count(el)).toBe('5단계 중 1단계');
  });
});

describe('layout', () => {
  it('has a back arrow where the step has a way back, and it goes back', async () => {
    const el = widget();
    await atHeading(el, 'Verify your identity');
    expect(root(el).querySelector('.back')).toBeNull();
    await toDocument(el);
    const back = await until(() => root(el).querySelector<HTMLButtonElement>('button.back'), 'back arrow');
    expect(back.getAttribute('aria-label')).toBe('Back');
    const box = back.getBoundingClientRect();
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
    back.click();
    await atHeading(el, 'Verify your identity');
  });

  it('shows the business name, or its logo with the name as text alternative, or the brand slot', async () => {
    const named = widget((e) => e.setAttribute('business-name', 'Shop & Co'));
    await atHeading(named, 'Verify your identity');
    expect(root(named).querySelector('.brand')?.textContent?.trim()).toBe('Shop & Co');
    const logo = widget((e) => {
      e.setAttribute('business-name', 'Shop & Co');
      e.setAttribute('business-logo', 'data:image/gif;base64,R0lGODlhAQABAAAAACw=');
    });
    await atHeading(logo, 'Verify your identity');
    expect(root(logo).querySelector('.brand img')?.getAttribute('alt')).toBe('Shop & Co');
    const slotted = widget((e) => {
      const mark = document.createElement('span');
      mark.slot = 'brand';
      mark.textContent = 'Slotted brand';
      e.append(mark);
    });
    await atHeading(slotted, 'Verify your identity');
    const slot = root(slotted).querySelector<HTMLSlotElement>('slot[name="brand"]')!;
    expect(slot.assignedElements().map((n) => n.textContent)).toEqual(['Slotted brand']);
  });

  it('has one full-width primary action in a sticky footer, the others as text buttons', async () => {
    const el = widget();
    await atHeading(el, 'Verify your identity');
    // The biometric consent box is part of the sticky footer, above "I agree": never under it.
    const box = deepQuery(root(el), '.actions .box')!;
    expect(box.querySelector('#biometric')).toBeTruthy();
    expect(box.getBoundingClientRect().bottom).toBeLessThanOrEqual(
      button(root(el), 'I agree, start').getBoundingClientRect().top,
    );
    button(root(el), 'Not now').click();
    await atHeading(el, 'You left the verification');
    const actions = deepQuery(root(el), '.actions')!;
    expect(getComputedStyle(actions).position).toBe('sticky');
    expect(getComputedStyle(actions).bottom).toBe('0px');
    const primary = button(root(el), 'Done');
    const secondary = button(root(el), 'Start again');
    expect(deepQueryAll(root(el), '.actions .primary')).toHaveLength(1);
    const inner = actions.getBoundingClientRect().width - 2 * 16;
    expect(primary.getBoundingClientRect().width).toBeCloseTo(inner, 0);
    expect(getComputedStyle(secondary).borderStyle).toBe('none');
    expect(getComputedStyle(secondary).backgroundColor).toBe('rgba(0, 0, 0, 0)');
    expect(primary.getBoundingClientRect().height).toBeGreaterThanOrEqual(44);
  });

  it('takes theme="dark" over the system setting, and theme="light" back', async () => {
    const el = widget((e) => (e.theme = 'dark'));
    await atHeading(el, 'Verify your identity');
    const base = root(el).querySelector('.base')!;
    expect(getComputedStyle(base).backgroundColor).toBe('rgb(21, 24, 28)');
    el.theme = 'light';
    await el.updateComplete;
    expect(getComputedStyle(base).backgroundColor).toBe('rgb(255, 255, 255)');
  });
});

describe('consent', () => {
  it('links the privacy policy (web addresses only) in a new tab', async () => {
    const el = widget((e) => (e.privacyUrl = 'https://shop.example/privacy'));
    await atHeading(el, 'Verify your identity');
    const link = deepQuery<HTMLAnchorElement>(root(el), 'a.link')!;
    expect(link.href).toBe('https://shop.example/privacy');
    expect(link.target).toBe('_blank');
    expect(link.rel).toContain('noopener');
    const bad = widget((e) => (e.privacyUrl = 'javascript:alert(1)'));
    await atHeading(bad, 'Verify your identity');
    expect(deepQuery(root(bad), 'a.link')).toBeUndefined();
  });

  it('asks the biometric consent on its own: no start without it, and the host hears it was given', async () => {
    const el = widget();
    const heard: KycConsentEvent[] = [];
    el.addEventListener('kyc-consent', (e) => heard.push(e));
    await atHeading(el, 'Verify your identity');
    expect(biometric(el).checked).toBe(false);
    button(root(el), 'I agree, start').click();
    await until(() => deepQuery(root(el), '#biometric-error'), 'the consent error');
    expect(heading(el)).toBe('Verify your identity');
    expect(biometric(el).getAttribute('aria-invalid')).toBe('true');
    expect(biometric(el).getAttribute('aria-describedby')).toBe('biometric-error');
    expect(deepActiveElement()).toBe(biometric(el));
    expect(await axeViolations(el)).toEqual([]);
    biometric(el).click();
    button(root(el), 'I agree, start').click();
    await atHeading(el, 'Your ID document');
    expect(el.flow!.state.context.biometricConsent).toBe(true);
    expect(heard.map((e) => e.detail)).toEqual([{ processing: true, biometric: true }]);
  });
});

describe('document screen', () => {
  it('asks the country first, pre-selected from the country attribute', async () => {
    const el = widget((e) => e.setAttribute('country', 'kor'));
    await toDocument(el);
    const select = await until(
      () => deepQuery<HTMLInputElement>(root(el), '[role="combobox"]'),
      'country field',
    );
    expect(deepQuery<HTMLElement & { value: string }>(root(el), 'argos-kyc-country-select')!.value).toBe(
      'KOR',
    );
    expect(select.value).toBe('South Korea');
    const fieldset = deepQuery(root(el), 'fieldset')!;
    const country = deepQuery(root(el), 'argos-kyc-country-select')!;
    expect(country.compareDocumentPosition(fieldset) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('pre-selects the region of the browser language when the integrator names none', async () => {
    const el = widget();
    await toDocument(el);
    const select = await until(
      () => deepQuery<HTMLElement & { value: string }>(root(el), 'argos-kyc-country-select'),
      'country field',
    );
    const region = new Intl.Locale(navigator.language).region;
    // Chromium here speaks en-US: the United States.
    expect(region).toBe('US');
    expect(select.value).toBe('USA');
  });
});

describe('end screens', () => {
  const approved: FlowEvent[] = [
    { type: 'CONSENT_GIVEN', biometric: true },
    { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' },
    { type: 'DOCUMENT_SUBMITTED' },
    {
      type: 'DOCUMENT_ACCEPTED',
      submissionId: 'sub-look-1',
      ocr: null,
    },
  ];

  function endScreen(events: FlowEvent[], tag = 'argos-kyc-result-step') {
    const flow = screenFlow();
    const state = events.reduce(transition, initialState());
    const el = mountStep(tag, flow, state, english());
    const requests: string[] = [];
    el.addEventListener('argos-kyc-done-request', (e) => requests.push((e as CustomEvent<string>).detail));
    return { el, requests };
  }

  for (const [status, title] of [
    ['approved', 'You are verified'],
    ['rejected', 'Verification not successful'],
    ['pending', 'Under review'],
  ] as const) {
    it(`${status}: an icon, the sentence, and Done asks to hand control back with the outcome`, async () => {
      const state = {
        ...approved.reduce(transition, initialState()),
        step: 'result' as const,
      };
      state.context = { ...state.context, result: { status, reason: null, pollExpired: false } };
      const flow = screenFlow();
      const el = mountStep('argos-kyc-result-step', flow, state, english());
      const requests: string[] = [];
      el.addEventListener('argos-kyc-done-request', (e) => requests.push((e as CustomEvent<string>).detail));
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('h2')?.textContent).toBe(title);
      expect(el.shadowRoot!.querySelector(`.icon.${status} svg`)).not.toBeNull();
      expect(el.shadowRoot!.querySelector('.icon')?.getAttribute('aria-hidden')).toBe('true');
      if (status === 'pending') {
        expect(el.shadowRoot!.querySelector('[role="status"] .spinner')).not.toBeNull();
        expect(el.shadowRoot!.textContent).toContain('You can close this page.');
      } else expect(el.shadowRoot!.querySelector('.spinner')).toBeNull();
      button(el.shadowRoot!, 'Done').click();
      expect(requests).toEqual([status]);
      expect(await axeViolations(el)).toEqual([]);
    });
  }

  it('exit: an icon, Done hands control back (exited), Start again starts over', async () => {
    const { el, requests } = endScreen([{ type: 'EXIT' }], 'argos-kyc-end-step');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.icon.exited svg')).not.toBeNull();
    button(el.shadowRoot!, 'Done').click();
    expect(requests).toEqual(['exited']);
    expect(deepQueryAll(el.shadowRoot!, '.actions .primary').map((b) => b.textContent?.trim())).toEqual([
      'Done',
    ]);
    expect(button(el.shadowRoot!, 'Start again')).toBeTruthy();
  });

  it('<argos-kyc> dispatches a typed kyc-done with the outcome, then follows return-url unless cancelled', async () => {
    const el = widget((e) => (e.returnUrl = '#kyc-returned'));
    const heard: KycDoneEvent[] = [];
    el.addEventListener('kyc-done', (e) => heard.push(e));
    await atHeading(el, 'Verify your identity');
    button(root(el), 'Not now').click();
    await atHeading(el, 'You left the verification');
    // Cancelled: the host handles it; the page stays.
    const cancel = (e: Event) => e.preventDefault();
    el.addEventListener('kyc-done', cancel, { once: true });
    button(root(el), 'Done').click();
    expect(location.hash).not.toBe('#kyc-returned');
    button(root(el), 'Done').click();
    expect(heard.map((e) => e.detail)).toEqual([
      { outcome: 'exited', submissionId: null },
      { outcome: 'exited', submissionId: null },
    ]);
    expect(heard[0]!.bubbles && heard[0]!.composed).toBe(true);
    await until(() => location.hash === '#kyc-returned', 'the return-url followed');
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('never follows a return-url that is not a web address', async () => {
    const el = widget((e) => (e.returnUrl = 'javascript:document.title="followed"'));
    const before = document.title;
    await atHeading(el, 'Verify your identity');
    button(root(el), 'Not now').click();
    await atHeading(el, 'You left the verification');
    button(root(el), 'Done').click();
    await new Promise((r) => setTimeout(r, 100));
    expect(document.title).toBe(before);
  });

  it('reset() starts a new verification', async () => {
    const el = widget();
    await atHeading(el, 'Verify your identity');
    button(root(el), 'Not now').click();
    await atHeading(el, 'You left the verification');
    await el.reset();
    await atHeading(el, 'Verify your identity');
  });
});

describe('review draft', () => {
  it('sends REVIEW_EDITED with the edited fields once typing pauses', async () => {
    const flow = screenFlow();
    const state = [
      { type: 'CONSENT_GIVEN' },
      { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' },
      { type: 'DOCUMENT_SUBMITTED' },
      { type: 'DOCUMENT_ACCEPTED', submissionId: 'sub-look-2', ocr: null },
    ].reduce((s, e) => transition(s, e as FlowEvent), initialState());
    const sent: FlowEvent[] = [];
    flow.send = (event) => void sent.push(event);
    Object.defineProperty(flow, 'state', { get: () => state });
    const el = mountStep('argos-kyc-review-step', flow, state, english());
    await el.updateComplete;
    const name = el.shadowRoot!.querySelector<HTMLInputElement>('#name')!;
    name.value = 'Jane Roe';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    name.value = 'Jane Q Roe';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    expect(sent).toEqual([]);
    await until(() => sent.length > 0, 'the draft');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'REVIEW_EDITED', fields: { name: 'Jane Q Roe' } });
  });
});

describe('drawings', () => {
  it('the document and selfie screens draw with the theme tokens, hidden from screen readers, captions in text', async () => {
    const base = [
      { type: 'CONSENT_GIVEN' },
      { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' },
    ] as FlowEvent[];
    const capture = base.reduce(transition, initialState());
    const doc = mountStep('argos-kyc-capture-step', screenFlow(), capture, english());
    Object.assign(doc, { preferUpload: true });
    await doc.updateComplete;
    const drawing = await until(
      () => doc.shadowRoot!.querySelector('svg.illustration'),
      'the document drawing',
    );
    expect(drawing.getAttribute('aria-hidden')).toBe('true');
    expect(drawing.innerHTML).toContain('var(--argos-kyc-color-primary)');

    const selfieState = { ...capture, step: 'selfieCapture' as const };
    const selfie = mountStep('argos-kyc-selfie-step', screenFlow(), selfieState, english());
    Object.assign(selfie, { preferUpload: true });
    await selfie.updateComplete;
    const figures = await until(() => {
      const found = [...selfie.shadowRoot!.querySelectorAll('figure')];
      return found.length === 2 && found;
    }, 'two selfie examples');
    expect(figures.map((f) => f.querySelector('figcaption')?.textContent)).toEqual([
      '✓ Like this',
      '✗ No glasses or hat',
    ]);
    for (const f of figures) expect(f.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    expect(await axeViolations(selfie)).toEqual([]);
  });
});
