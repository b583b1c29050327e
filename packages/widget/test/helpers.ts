// Helpers for the widget's browser tests: mount, wait, and query through shadow roots.
import { createFlow, type Flow, type FlowState } from '@argos-kyc/core';
import axe from 'axe-core';
import { afterEach, beforeEach } from 'vitest';
import { defineArgosKyc } from '../src/define.ts';
import type { StepElement } from '../src/index.ts';
import {
  addLoadedLocale,
  createI18n,
  loadLocale,
  type SupportedLocale,
  type Translate,
} from '../src/i18n/i18n.ts';

const mounted: HTMLElement[] = [];

/** Appends `el` to the page; `unmountAll()` removes it after the test. */
export function mount<T extends HTMLElement>(el: T): T {
  document.body.append(el);
  mounted.push(el);
  return el;
}

export function unmountAll(): void {
  for (const el of mounted.splice(0)) el.remove();
}

/** Waits until `check` returns a truthy value (polling), or fails with `what`. */
export async function until<T>(
  check: () => T | null | undefined | false,
  what: string,
  timeoutMs = 8000,
): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every element matching `selector` in `root` and in every shadow root below it. */
export function deepQueryAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const found: T[] = [...root.querySelectorAll<T>(selector)];
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) found.push(...deepQueryAll<T>(el.shadowRoot, selector));
  }
  return found;
}

export function deepQuery<T extends Element = HTMLElement>(
  root: ParentNode,
  selector: string,
): T | undefined {
  return deepQueryAll<T>(root, selector)[0];
}

/** The deepest focused element, through shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** A button found by its visible text, through shadow roots. */
export function button(root: ParentNode, text: string | RegExp): HTMLButtonElement {
  const match = deepQueryAll<HTMLButtonElement>(root, 'button').find((b) =>
    typeof text === 'string' ? b.textContent?.trim() === text : text.test(b.textContent ?? ''),
  );
  if (!match) throw new Error(`No button "${String(text)}"`);
  return match;
}

/** axe-core violations (WCAG 2.x A/AA + best practices on targets) within `el`. */
export async function axeViolations(el: Element): Promise<string[]> {
  const result = await axe.run(el, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** What a step element is given to speak a language: its locale and its translate function. */
export interface Language {
  locale: SupportedLocale;
  t: Translate;
}

/** English: always bundled, ready at once. */
export function english(): Language {
  return { locale: 'en', t: createI18n('en').getFixedT('en') };
}

/**
 * `locale` as <argos-kyc> gets it: an instance made with what is loaded (English), the
 * language's strings loaded on demand (`loadLocale`), then added to that instance.
 */
export async function language(locale: SupportedLocale): Promise<Language> {
  if (locale === 'en') return english();
  const i18n = createI18n('en');
  if ((await loadLocale([locale])) !== locale) throw new Error(`no file serves ${locale}`);
  addLoadedLocale(i18n, locale);
  await i18n.changeLanguage(locale);
  return { locale, t: i18n.getFixedT(locale) };
}

const flows: Flow[] = [];

/**
 * For a file of step-screen tests: registers the elements before each test; after it,
 * unmounts what was mounted and disposes every flow made by `screenFlow()`.
 */
export function setUpScreenTests(): void {
  beforeEach(() => defineArgosKyc());
  afterEach(() => {
    unmountAll();
    for (const f of flows.splice(0)) f.dispose();
  });
}

/** A headless flow for one screen (no endpoint, nothing persisted), disposed after the test. */
export function screenFlow(): Flow {
  const flow = createFlow({ endpoint: '/unused', persist: false });
  flows.push(flow);
  return flow;
}

/** Mounts the step element `tag` showing `state` in `lang`, talking to `flow`. */
export function mountStep<T extends StepElement = StepElement>(
  tag: string,
  flow: Flow,
  state: FlowState,
  lang: Language = english(),
): T {
  const el = document.createElement(tag) as T;
  Object.assign(el, { flow, state, t: lang.t, locale: lang.locale });
  return mount(el);
}
