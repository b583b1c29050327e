// The country field (issue 11): one searchable combobox, the WAI-ARIA 1.2 pattern with a
// listbox popup. Real keys through the browser (vitest's userEvent), real Intl names.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { defineArgosKyc } from '../src/define.ts';
import type { KycCountrySelect } from '../src/index.ts';
import { axeViolations, deepActiveElement, english, language, mount, unmountAll, until } from './helpers.ts';

beforeEach(() => defineArgosKyc());
afterEach(() => unmountAll());

async function field(setup: Partial<KycCountrySelect> = {}, lang = english()) {
  const el = document.createElement('argos-kyc-country-select') as KycCountrySelect;
  Object.assign(el, { t: lang.t, locale: lang.locale, label: 'Issuing country', ...setup });
  const changes: string[] = [];
  el.addEventListener('change', () => changes.push(el.value));
  mount(el);
  await el.updateComplete;
  const input = el.shadowRoot!.querySelector('input')!;
  const listbox = el.shadowRoot!.querySelector<HTMLElement>('[role="listbox"]')!;
  const options = () => [...listbox.querySelectorAll<HTMLElement>('[role="option"]')];
  const names = () => options().map((o) => o.textContent!.trim());
  /** The option aria-activedescendant names, by its text ('' for none). */
  const active = () => {
    const id = input.getAttribute('aria-activedescendant');
    return id ? el.shadowRoot!.getElementById(id)!.textContent!.trim() : '';
  };
  const keys = async (text: string) => {
    await userEvent.keyboard(text);
    await el.updateComplete;
  };
  return { el, input, listbox, options, names, active, keys, changes };
}

describe('country field: ARIA', () => {
  it('is an input with role combobox, labelled, controlling a listbox, closed at first', async () => {
    const { el, input, listbox } = await field({ value: 'KOR' });
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-autocomplete')).toBe('list');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);
    expect(input.getAttribute('aria-controls')).toBe(listbox.id);
    expect(listbox.getAttribute('role')).toBe('listbox');
    expect(listbox.hidden).toBe(true);
    expect([...input.labels!].map((l) => l.textContent!.trim())).toEqual(['Issuing country']);
    expect(el.shadowRoot!.getElementById(listbox.getAttribute('aria-labelledby')!)!.textContent!.trim()).toBe(
      'Issuing country',
    );
    // The chosen country's name is in the box.
    expect(input.value).toBe('South Korea');
    expect(await axeViolations(el)).toEqual([]);
  });

  it('open: options with ids, one marked by aria-activedescendant and aria-selected, and no axe violation', async () => {
    const { el, input, options, active, keys } = await field({ value: 'KOR' });
    input.focus();
    await keys('{ArrowDown}');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    // Opening starts at the chosen country.
    expect(active()).toBe('South Korea');
    const selected = options().filter((o) => o.getAttribute('aria-selected') === 'true');
    expect(selected.map((o) => o.id)).toEqual([input.getAttribute('aria-activedescendant')]);
    expect(options().length).toBeGreaterThan(200);
    expect(await axeViolations(el)).toEqual([]);
  });

  it('an error is described and marked invalid', async () => {
    const { el, input } = await field({ error: 'Choose the country that issued your document.' });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = el.shadowRoot!.getElementById(input.getAttribute('aria-describedby')!)!;
    expect(described.textContent).toBe('Choose the country that issued your document.');
    expect(await axeViolations(el)).toEqual([]);
  });
});

describe('country field: keyboard', () => {
  it('arrows move, Home and End jump, Enter chooses and closes; focus never leaves the box', async () => {
    const { el, input, names, active, keys, changes } = await field();
    input.focus();
    await keys('{ArrowDown}');
    const all = names();
    expect(active()).toBe(all[0]);
    await keys('{ArrowDown}{ArrowDown}');
    expect(active()).toBe(all[2]);
    await keys('{ArrowUp}');
    expect(active()).toBe(all[1]);
    await keys('{End}');
    expect(active()).toBe(all.at(-1));
    await keys('{ArrowDown}');
    expect(active()).toBe(all.at(-1));
    await keys('{Home}');
    expect(active()).toBe(all[0]);
    await keys('{ArrowDown}{Enter}');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.value).toBe(all[1]);
    expect(changes).toEqual([el.value]);
    expect(el.value).toMatch(/^[A-Z]{3}$/);
    expect(deepActiveElement()).toBe(input);
  });

  it('the active option is scrolled into the list’s view', async () => {
    const { input, listbox, options, keys } = await field();
    input.focus();
    await keys('{ArrowDown}{End}');
    const last = options().at(-1)!.getBoundingClientRect();
    const box = listbox.getBoundingClientRect();
    expect(last.bottom).toBeLessThanOrEqual(box.bottom + 1);
    expect(last.top).toBeGreaterThanOrEqual(box.top - 1);
  });

  it('typing filters, code or name, best match first, and says how many match', async () => {
    const { el, input, names, active, keys, changes } = await field();
    input.focus();
    await keys('korea');
    expect(names()).toEqual(['North Korea', 'South Korea']);
    expect(active()).toBe('North Korea');
    expect(el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!.trim()).toBe(
      '2 countries match',
    );
    await keys('{ArrowDown}{Enter}');
    expect(el.value).toBe('KOR');
    await userEvent.clear(input);
    await keys('gbr');
    // The code typed: that country first.
    expect(names()[0]).toBe('United Kingdom');
    await keys('{Enter}');
    expect(changes).toEqual(['KOR', 'GBR']);
  });

  it('Escape closes the list and puts the chosen name back; a second Escape empties the box', async () => {
    const { el, input, keys, changes } = await field({ value: 'FRA' });
    input.focus();
    await keys('ger');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    await keys('{Escape}');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.value).toBe('France');
    await keys('{Escape}');
    expect(input.value).toBe('');
    // Leaving an emptied required field keeps the country it had.
    input.blur();
    await el.updateComplete;
    expect(input.value).toBe('France');
    expect(changes).toEqual([]);
  });

  it('Enter on a closed box is left to the page (a form may take it); on an open one it is the choice', async () => {
    const { el, input, keys } = await field({ value: 'FRA' });
    const prevented: boolean[] = [];
    el.addEventListener('keydown', (e) => e.key === 'Enter' && prevented.push(e.defaultPrevented));
    input.focus();
    await keys('{ArrowDown}{Enter}{Enter}');
    expect(prevented).toEqual([true, false]);
  });

  it('focusing the box selects its text, so typing replaces the chosen name', async () => {
    const { el, input, keys } = await field({ value: 'FRA' });
    input.focus();
    await keys('Germany{Enter}');
    expect(el.value).toBe('DEU');
  });

  it('leaving the box chooses a name typed in full, and undoes anything else', async () => {
    const { el, input, keys, changes } = await field({ value: 'FRA' });
    input.focus();
    await userEvent.clear(input);
    await keys('Germany');
    input.blur();
    await el.updateComplete;
    expect(el.value).toBe('DEU');
    input.focus();
    await userEvent.clear(input);
    await keys('Atlantis');
    input.blur();
    await el.updateComplete;
    expect([el.value, input.value]).toEqual(['DEU', 'Germany']);
    expect(changes).toEqual(['DEU']);
  });
});

describe('country field: choices', () => {
  it('a click on an option chooses it, the focus staying in the box', async () => {
    const { el, input, options, keys } = await field();
    input.focus();
    await keys('japan');
    await userEvent.click(options()[0]!);
    await el.updateComplete;
    expect(el.value).toBe('JPN');
    expect(deepActiveElement()).toBe(input);
  });

  it('offers only the allowed countries', async () => {
    const { input, names, keys } = await field({ countries: ['KOR', 'USA', 'GBR'] });
    input.focus();
    await keys('{ArrowDown}');
    expect(names()).toEqual(['South Korea', 'United Kingdom', 'United States']);
  });

  it('an optional field offers "Not specified" first, and leaving it empty chooses none', async () => {
    const { el, input, names, keys, changes } = await field({
      value: 'USA',
      allowNone: true,
      optional: true,
    });
    input.focus();
    await keys('{ArrowDown}');
    expect(names()[0]).toBe('Not specified');
    await keys('{Home}{Enter}');
    expect(el.value).toBe('');
    expect(input.value).toBe('');
    expect(input.placeholder).toBe('Not specified');
    el.value = 'USA';
    await el.updateComplete;
    input.focus();
    await userEvent.clear(input);
    input.blur();
    await el.updateComplete;
    expect(changes).toEqual(['', '']);
  });

  it('names the countries in the widget’s language (Korean)', async () => {
    const ko = await language('ko');
    const { input, names } = await field({ value: 'KOR' }, ko);
    expect(input.value).toBe('대한민국');
    await userEvent.fill(input, '미국');
    await until(() => names()[0] === '미국', 'the United States first');
  });
});
