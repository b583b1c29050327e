// The webview bridge's pure parts, in Node: which commands a native app may send
// (and how strictly they are checked), and what each native bridge receives.
import { describe, expect, it } from 'vitest';
import { bridgeMessage, nativeHostPresent, parseCommand, postToNative } from '../src/bridge/index.ts';
import { SUPPORTED_LOCALES } from '../src/i18n/locales.ts';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

describe('parseCommand', () => {
  it('accepts setToken with and without expiresAt, as an object or as JSON text', () => {
    expect(parseCommand({ type: 'setToken', token: TOKEN })).toEqual({
      ok: true,
      command: { type: 'setToken', token: TOKEN },
    });
    expect(
      parseCommand(JSON.stringify({ type: 'setToken', token: TOKEN, expiresAt: '2026-11-26T10:15:00Z' })),
    ).toEqual({
      ok: true,
      command: { type: 'setToken', token: TOKEN, expiresAt: '2026-11-26T10:15:00Z' },
    });
    expect(parseCommand({ type: 'setToken', token: TOKEN, expiresAt: 1_800_000_000_000 })).toMatchObject({
      ok: true,
    });
  });

  it("takes the endpoint's /session answer as it is", () => {
    const session = {
      token: TOKEN,
      expiresAt: '2026-11-26T10:15:00.000Z',
      emailRequired: true,
      submissionId: null,
      applicant: 'QmFzZTY0VXJsVGFnMTIzNA',
    };
    expect(parseCommand({ type: 'setToken', ...session })).toEqual({
      ok: true,
      command: { type: 'setToken', ...session },
    });
    expect(parseCommand({ type: 'setToken', token: TOKEN, submissionId: '1cz94l9ksfi1bokk' })).toMatchObject({
      ok: true,
    });
    expect(parseCommand({ type: 'setToken', token: TOKEN, emailRequired: 'yes' })).toMatchObject({
      ok: false,
    });
    expect(parseCommand({ type: 'setToken', token: TOKEN, submissionId: '../../etc' })).toMatchObject({
      ok: false,
    });
    // The applicant's opaque tag comes along (a resume point is kept only for a tagged applicant).
    expect(
      parseCommand({
        type: 'setToken',
        token: TOKEN,
        submissionId: null,
        applicant: 'QmFzZTY0VXJsVGFnMTIzNA',
      }),
    ).toEqual({
      ok: true,
      command: { type: 'setToken', token: TOKEN, submissionId: null, applicant: 'QmFzZTY0VXJsVGFnMTIzNA' },
    });
    expect(parseCommand({ type: 'setToken', token: TOKEN, applicant: '<b>x</b>' })).toEqual({
      ok: false,
      error: 'setToken.applicant must be a tag',
    });
    expect(parseCommand({ type: 'setToken', token: TOKEN, applicant: 7 })).toMatchObject({ ok: false });
  });

  it('accepts setLocale for a language tag in canonical case only (the fallback chain picks the file)', () => {
    for (const locale of ['ko', 'fr', 'pt-BR', 'es-419', 'zh-Hant-TW', 'fil', 'en-XA'])
      expect(parseCommand({ type: 'setLocale', locale })).toEqual({
        ok: true,
        command: { type: 'setLocale', locale },
      });
    // Every language there is (the files of src/i18n/locales/, whatever set is present).
    for (const locale of SUPPORTED_LOCALES)
      expect(parseCommand({ type: 'setLocale', locale }), locale).toMatchObject({ ok: true });
    for (const locale of ['KO', 'pt-br', 'ko_KR', 'ko;x', '', 'english', 'ko-KR-extra', 7])
      expect(parseCommand({ type: 'setLocale', locale })).toEqual({
        ok: false,
        error: 'setLocale.locale must be a language tag like pt-BR',
      });
  });

  it('accepts reset with nothing else', () => {
    expect(parseCommand('{"type":"reset"}')).toEqual({ ok: true, command: { type: 'reset' } });
    expect(parseCommand({ type: 'reset', hard: true })).toEqual({
      ok: false,
      error: 'unknown key "hard" in reset',
    });
  });

  it('refuses anything malformed, and never echoes a value in its reason', () => {
    const cases: unknown[] = [
      null,
      undefined,
      42,
      [],
      'not json',
      '"reset"',
      { type: 'eval', code: 'alert(1)' },
      { type: 'setToken' },
      { type: 'setToken', token: 'short' },
      { type: 'setToken', token: `${TOKEN} <script>` },
      { type: 'setToken', token: 1234567890123456 },
      { type: 'setToken', token: TOKEN, expiresAt: 'tomorrow' },
      { type: 'setToken', token: TOKEN, expiresAt: -5 },
      { type: 'setToken', token: TOKEN, userid: 'someone' },
      Object.assign(Object.create({ inherited: true }) as object, { type: 'reset' }),
      new Date(),
      'x'.repeat(20_000),
    ];
    for (const input of cases) {
      const result = parseCommand(input);
      expect(result.ok, JSON.stringify(input)?.slice(0, 60)).toBe(false);
      if (!result.ok) expect(result.error).not.toContain(TOKEN);
    }
  });

  it('reads only own keys: a polluted Object.prototype adds nothing', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.expiresAt = 'polluted';
    try {
      expect(parseCommand({ type: 'setToken', token: TOKEN })).toEqual({
        ok: true,
        command: { type: 'setToken', token: TOKEN },
      });
    } finally {
      delete proto.expiresAt;
    }
  });
});

describe('postToNative', () => {
  function stubs() {
    const got: Record<string, unknown[]> = { ios: [], android: [], rn: [], inapp: [], channel: [] };
    const win = {
      webkit: { messageHandlers: { argosKyc: { postMessage: (m: unknown) => got.ios!.push(m) } } },
      ArgosKycAndroid: { postMessage: (m: string) => got.android!.push(m) },
      ReactNativeWebView: { postMessage: (m: string) => got.rn!.push(m) },
      flutter_inappwebview: { callHandler: (name: string, m: unknown) => got.inapp!.push([name, m]) },
      ArgosKycFlutter: { postMessage: (m: string) => got.channel!.push(m) },
    };
    return { got, win };
  }

  it('sends objects to iOS and flutter_inappwebview, JSON text to Android, React Native and a Flutter channel', () => {
    const { got, win } = stubs();
    const message = bridgeMessage('kyc-step-change', { step: 'document', previousStep: 'consent' });
    expect(postToNative(message, win)).toEqual([
      'ios',
      'android',
      'react-native',
      'flutter-inappwebview',
      'flutter-channel',
    ]);
    const expected = {
      source: 'argos-kyc',
      version: 1,
      type: 'kyc-step-change',
      detail: { step: 'document', previousStep: 'consent' },
    };
    expect(got.ios).toEqual([expected]);
    expect(got.inapp).toEqual([['argosKyc', expected]]);
    for (const text of [...got.android!, ...got.rn!, ...got.channel!]) {
      expect(typeof text).toBe('string');
      expect(JSON.parse(text as string)).toEqual(expected);
    }
  });

  it('reaches nobody on a plain page, and the others when one bridge throws', () => {
    expect(postToNative(bridgeMessage('kyc-exit', { step: 'consent' }), {})).toEqual([]);
    const { got, win } = stubs();
    win.ArgosKycAndroid.postMessage = () => {
      throw new Error('bridge gone');
    };
    expect(postToNative(bridgeMessage('kyc-exit', { step: 'consent' }), win)).toEqual([
      'ios',
      'react-native',
      'flutter-inappwebview',
      'flutter-channel',
    ]);
    expect(got.rn).toHaveLength(1);
  });

  it('tells a webview host (any of the five bridge objects) from a plain page', () => {
    expect(nativeHostPresent({})).toBe(false);
    expect(nativeHostPresent({ webkit: { messageHandlers: {} } })).toBe(false);
    expect(nativeHostPresent({ ReactNativeWebView: { postMessage: 'not a function' } })).toBe(false);
    const { win } = stubs();
    for (const key of Object.keys(win) as (keyof typeof win)[])
      expect(nativeHostPresent({ [key]: win[key] }), key).toBe(true);
  });

  it('passes plain JSON only: a detail that cannot be serialised becomes null', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(bridgeMessage('kyc-error', cyclic).detail).toBeNull();
    expect(bridgeMessage('kyc-error', { code: 'x', at: new Date(0) }).detail).toEqual({
      code: 'x',
      at: '1970-01-01T00:00:00.000Z',
    });
  });
});
