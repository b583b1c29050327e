// The review form, mounted on its own with a headless flow restored to the review
// step (the machine decides what the form shows; the endpoint is not needed here).
import { initialState, transition, type OcrFields } from '@argos-kyc/core';
import { describe, expect, it } from 'vitest';
import type { KycReviewStep } from '../src/index.ts';
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
  unmountAll,
  until,
  type Language,
} from './helpers.ts';

const OCR: OcrFields = {
  name: 'Hong Gildong',
  firstName: null,
  lastName: null,
  birthDate: '1990-01-31',
  gender: 'male',
  nationality: 'KOR',
  issueDate: '2015-03-01',
  expireDate: null,
  identityNumber: '900131-1234567',
  licenseNumber: '11-15-123456-78',
};

setUpScreenTests();

function reviewFor(
  idType: 'passport' | 'government_id' | 'drivers_license',
  issuingCountry: string,
  ocr: OcrFields | null,
  lang: Language = english(),
) {
  const state = [
    { type: 'CONSENT_GIVEN' } as const,
    { type: 'DOCUMENT_CHOSEN', idType, issuingCountry } as const,
    { type: 'DOCUMENT_SUBMITTED' } as const,
    { type: 'DOCUMENT_ACCEPTED', submissionId: 's', ocr } as const,
  ].reduce(transition, initialState());
  const flow = screenFlow();
  flow.send({ type: 'RESTORED', state });
  const el = mountStep<KycReviewStep>('argos-kyc-review-step', flow, flow.state, lang);
  flow.subscribe((s) => (el.state = s));
  return { el, flow };
}

const inputIds = (el: HTMLElement) =>
  deepQueryAll<HTMLInputElement>(el.shadowRoot!, 'input:not([role="combobox"]), select[id="gender"]').map(
    (i) => i.id,
  );
const value = (el: HTMLElement, id: string) => deepQuery<HTMLInputElement>(el.shadowRoot!, `#${id}`)!.value;

describe('review step', () => {
  it('prefills name, date of birth, gender, nationality and issue date from the OCR', async () => {
    const { el } = reviewFor('passport', 'USA', { ...OCR, nationality: 'USA' });
    await el.updateComplete;
    expect(inputIds(el)).toEqual(['name', 'birthDate', 'gender', 'issueDate']);
    expect([value(el, 'name'), value(el, 'birthDate'), value(el, 'gender'), value(el, 'issueDate')]).toEqual([
      'Hong Gildong',
      '1990-01-31',
      'male',
      '2015-03-01',
    ]);
    const nationality = deepQuery<HTMLElement & { value: string }>(el.shadowRoot!, '#nationality')!;
    await until(() => nationality.value === 'USA', 'nationality');
  });

  it('adds the identity number for a Korean ID card, and license and serial number only for a Korean driver license', async () => {
    const id = reviewFor('government_id', 'KOR', OCR);
    await id.el.updateComplete;
    expect(inputIds(id.el)).toEqual(['name', 'birthDate', 'gender', 'issueDate', 'identityNumber']);
    expect(value(id.el, 'identityNumber')).toBe('900131-1234567');
    unmountAll();
    const dl = reviewFor('drivers_license', 'KOR', OCR);
    await dl.el.updateComplete;
    expect(inputIds(dl.el)).toEqual([
      'name',
      'birthDate',
      'gender',
      'issueDate',
      'identityNumber',
      'licenseNumber',
      'serialNumber',
    ]);
    expect(value(dl.el, 'licenseNumber')).toBe('11-15-123456-78');
    expect(value(dl.el, 'serialNumber')).toBe('');
  });

  it('is an empty, working form when the OCR read nothing', async () => {
    const { el, flow } = reviewFor('passport', 'USA', null);
    await el.updateComplete;
    expect(deepQuery(el.shadowRoot!, 'p.notice')!.textContent).toMatch(/could not read your document/);
    expect(value(el, 'name')).toBe('');
    const name = deepQuery<HTMLInputElement>(el.shadowRoot!, '#name')!;
    name.value = 'Jane Doe';
    name.dispatchEvent(new Event('input'));
    const dob = deepQuery<HTMLInputElement>(el.shadowRoot!, '#birthDate')!;
    dob.value = '1980-05-06';
    dob.dispatchEvent(new Event('input'));
    button(el.shadowRoot!, 'Confirm details').click();
    expect(flow.state.step).toBe('selfieCapture');
    expect(flow.state.context.fields).toMatchObject({ name: 'Jane Doe', birthDate: '1980-05-06' });
  });

  it('draws its selects itself, so that WebKit shows the theme colours and 44 px height (issue 15)', async () => {
    const { el } = reviewFor('passport', 'USA', { ...OCR, nationality: 'USA' });
    await el.updateComplete;
    const selects = deepQueryAll<HTMLSelectElement>(el.shadowRoot!, 'select');
    expect(selects.length).toBeGreaterThan(0);
    for (const select of selects) {
      const style = getComputedStyle(select);
      expect(style.appearance).toBe('none');
      expect(style.backgroundImage).toContain('linear-gradient');
      expect(parseFloat(style.minHeight)).toBe(44);
    }
  });

  it('shows the values read as one compact card, each value editable in place (issue 11)', async () => {
    const { el, flow } = reviewFor('passport', 'USA', { ...OCR, nationality: 'USA' });
    await el.updateComplete;
    const card = deepQuery(el.shadowRoot!, '[part="card"]')!;
    // Every field, the country field too, is a row of the card.
    const rows = [...card.children].map((row) => row.id || row.querySelector('input, select')?.id);
    expect(rows).toEqual(['name', 'birthDate', 'gender', 'nationality', 'issueDate']);
    // A value reads as text (no box) until pointed at or focused, and is the text box itself.
    const name = deepQuery<HTMLInputElement>(card, '#name')!;
    expect(getComputedStyle(name).borderTopColor).toBe('rgba(0, 0, 0, 0)');
    expect(getComputedStyle(name).backgroundColor).toBe('rgba(0, 0, 0, 0)');
    const nationality = card.querySelector('#nationality')!.shadowRoot!.querySelector('[role="combobox"]')!;
    expect(getComputedStyle(nationality).borderTopColor).toBe('rgba(0, 0, 0, 0)');
    name.value = 'Hong Gil-dong';
    name.dispatchEvent(new Event('input'));
    name.dispatchEvent(new FocusEvent('blur'));
    // The edit is kept as the draft once typing pauses.
    await until(() => flow.state.context.fields?.name === 'Hong Gil-dong', 'the draft');
    expect(await axeViolations(el)).toEqual([]);
  });

  it('shows the box of a value left empty (nothing to see otherwise)', async () => {
    const { el } = reviewFor('government_id', 'KOR', { ...OCR, identityNumber: null });
    await el.updateComplete;
    const empty = deepQuery<HTMLInputElement>(el.shadowRoot!, '#identityNumber')!;
    expect(empty.value).toBe('');
    expect(getComputedStyle(empty).borderTopColor).not.toBe('rgba(0, 0, 0, 0)');
    const filled = deepQuery<HTMLInputElement>(el.shadowRoot!, '#name')!;
    expect(getComputedStyle(filled).borderTopColor).toBe('rgba(0, 0, 0, 0)');
  });

  it('validates a field when it is left, with aria-invalid and aria-describedby', async () => {
    const { el } = reviewFor('government_id', 'KOR', OCR);
    await el.updateComplete;
    const id = deepQuery<HTMLInputElement>(el.shadowRoot!, '#identityNumber')!;
    id.value = '12345';
    id.dispatchEvent(new Event('input'));
    id.dispatchEvent(new Event('blur'));
    await until(() => id.getAttribute('aria-invalid') === 'true', 'the field error');
    expect(id.getAttribute('aria-describedby')).toBe('identityNumber-hint identityNumber-error');
    expect(deepQuery(el.shadowRoot!, '#identityNumber-error')!.textContent).toBe(
      'Enter the 13 digits, like 900101-1234567.',
    );
    id.value = '900131-1234567';
    id.dispatchEvent(new Event('input'));
    await until(() => id.getAttribute('aria-invalid') === 'false', 'the error to clear');
  });

  it('keeps the applicant on the form after an invalid submit and focuses the first invalid field', async () => {
    const { el, flow } = reviewFor('passport', 'USA', OCR);
    await el.updateComplete;
    const name = deepQuery<HTMLInputElement>(el.shadowRoot!, '#name')!;
    name.value = '';
    name.dispatchEvent(new Event('input'));
    button(el.shadowRoot!, 'Confirm details').click();
    expect(flow.state.step).toBe('review');
    await until(() => deepActiveElement() === name, 'focus on the name');
    expect(deepQuery(el.shadowRoot!, '.summary')!.textContent).toBe('Please correct 1 field.');
  });

  for (const locale of ['en', 'ko'] as const) {
    it(`has no axe violations, with errors shown (${locale})`, async () => {
      const { el } = reviewFor('drivers_license', 'KOR', null, await language(locale));
      await el.updateComplete;
      // Really in that language: an English form cannot pass as Korean.
      expect(deepQuery(el.shadowRoot!, 'h2')!.textContent?.trim()).toBe(
        locale === 'en' ? 'Check your details' : '정보 확인',
      );
      expect(deepQueryAll(el.shadowRoot!, 'button[type="submit"]')[0]!.textContent?.trim()).toBe(
        locale === 'en' ? 'Confirm details' : '정보 확인 완료',
      );
      expect(await axeViolations(el)).toEqual([]);
      deepQueryAll<HTMLButtonElement>(el.shadowRoot!, 'button[type="submit"]')[0]!.click();
      await until(() => deepQuery(el.shadowRoot!, '.summary'), 'errors');
      expect(await axeViolations(el)).toEqual([]);
    });
  }
});
