// A flow started again under the same screen (a host's or a native app's token source set
// late, a new configuration) keeps the step's element, and so what the applicant entered in
// it: the biometric tick of the consent screen used to be undone by the app's first token
// (e2e/tests/bridge-late-token.spec.ts is the same over the real bridge and endpoint).
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ArgosKyc } from '../src/index.ts';
import { defineArgosKyc } from '../src/define.ts';
import { button, deepQuery, mount, unmountAll, until } from './helpers.ts';

beforeEach(() => defineArgosKyc());
afterEach(() => unmountAll());

const heading = (el: ArgosKyc) => deepQuery<HTMLHeadingElement>(el.shadowRoot!, 'h2')?.textContent?.trim();
const box = (el: ArgosKyc) => deepQuery<HTMLInputElement>(el.shadowRoot!, '#biometric')!;

async function consentScreen(): Promise<ArgosKyc> {
  const el = document.createElement('argos-kyc');
  el.endpoint = '/no-endpoint-in-browser-tests';
  el.disableResume = true;
  el.getToken = async () => ({ token: 'first-token', expiresAt: Date.now() + 600_000 });
  el.locale = 'en';
  mount(el);
  await until(() => heading(el) === 'Verify your identity' && box(el), 'the consent screen');
  return el;
}

/** Runs `change`, then waits until the flow it started again is the one on screen. */
async function restart(el: ArgosKyc, change: () => void): Promise<void> {
  const before = el.flow;
  const consent = deepQuery(el.shadowRoot!, 'argos-kyc-consent-step');
  change();
  await el.updateComplete;
  expect(el.flow).not.toBe(before);
  await el.flow!.ready;
  await el.updateComplete;
  // The same element, handed the new flow.
  const after = deepQuery<HTMLElement & { flow: unknown }>(el.shadowRoot!, 'argos-kyc-consent-step');
  expect(after).toBe(consent);
  expect(after!.flow).toBe(el.flow);
}

it('keeps the consent tick when the token source is set after the box was ticked, and "I agree" moves on', async () => {
  const el = await consentScreen();
  box(el).click();
  expect(box(el).checked).toBe(true);
  // What the bridge does with a native app's first token (bridge.ts): a getToken of its own.
  await restart(
    el,
    () => (el.getToken = async () => ({ token: 'app-token', expiresAt: Date.now() + 600_000 })),
  );
  expect(box(el).checked).toBe(true);
  button(el.shadowRoot!, 'I agree, start').click();
  await until(() => heading(el) === 'Your ID document', 'the document screen');
  expect(el.flow!.state.context.biometricConsent).toBe(true);
  expect(deepQuery(el.shadowRoot!, '#biometric-error')).toBeUndefined();
});

it('keeps the consent tick over a new configuration set by a framework a moment later', async () => {
  const el = await consentScreen();
  box(el).click();
  await restart(el, () => (el.documentTypes = ['passport']));
  expect(box(el).checked).toBe(true);
  expect(el.flow!.state.context.rules.documentTypes).toEqual(['passport']);
});
