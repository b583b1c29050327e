// Widget -> native: every message goes to each webview bridge present in the page.
// Looked up on every message, because some webviews inject their objects late
// (flutter_inappwebview after `flutterInAppWebViewPlatformReady`).

/** What a native app receives for every `kyc-*` event (and for a token request). */
export interface BridgeMessage {
  source: 'argos-kyc';
  /** The bridge protocol's version. */
  version: 1;
  /** The DOM event's type, e.g. `kyc-step-change`, or `kyc-token-request`. */
  type: string;
  /** The event's `detail`, as plain JSON (never an image, a token or PII). */
  detail: unknown;
}

/** The names this module posts to, in the order tried. */
export type NativeTarget = 'ios' | 'android' | 'react-native' | 'flutter-inappwebview' | 'flutter-channel';

interface PostsObjects {
  postMessage(message: unknown): unknown;
}
interface PostsStrings {
  postMessage(message: string): unknown;
}
interface BridgeWindow {
  webkit?: { messageHandlers?: { argosKyc?: PostsObjects } };
  ArgosKycAndroid?: PostsStrings;
  ReactNativeWebView?: PostsStrings;
  flutter_inappwebview?: { callHandler?(name: string, ...args: unknown[]): unknown };
  ArgosKycFlutter?: PostsStrings;
}

function hasPost(value: unknown): value is PostsObjects {
  // Android's JavascriptInterface methods are functions; WKWebView's handler's postMessage too.
  return (
    typeof value === 'object' && value !== null && typeof (value as PostsObjects).postMessage === 'function'
  );
}

/** Whether one of the native bridge objects postToNative knows is on `win` (a webview host). */
export function nativeHostPresent(win: unknown = globalThis): boolean {
  const w = (win ?? {}) as BridgeWindow;
  return (
    hasPost(w.webkit?.messageHandlers?.argosKyc) ||
    hasPost(w.ArgosKycAndroid) ||
    hasPost(w.ReactNativeWebView) ||
    typeof w.flutter_inappwebview?.callHandler === 'function' ||
    hasPost(w.ArgosKycFlutter)
  );
}

/** A message for `type` and `detail`, with `detail` reduced to plain JSON. */
export function bridgeMessage(type: string, detail: unknown): BridgeMessage {
  let plain: unknown = null;
  try {
    plain = detail === undefined ? null : (JSON.parse(JSON.stringify(detail)) as unknown);
  } catch {
    plain = null; // not serialisable (a cycle): the type alone still tells the app what happened
  }
  return { source: 'argos-kyc', version: 1, type, detail: plain };
}

/**
 * Posts `message` to every native bridge found on `win`; returns the ones reached. A
 * bridge that throws does not keep the message from the others.
 */
export function postToNative(message: BridgeMessage, win: unknown = globalThis): NativeTarget[] {
  const w = (win ?? {}) as BridgeWindow;
  const reached: NativeTarget[] = [];
  let json: string | undefined;
  const text = () => (json ??= JSON.stringify(message));
  const attempt = (target: NativeTarget, post: () => unknown) => {
    try {
      const result = post();
      // flutter_inappwebview answers a promise; its rejection must not go unhandled.
      if (result instanceof Promise) result.catch(() => undefined);
      reached.push(target);
    } catch {
      // One broken bridge must not break the widget or the other bridges.
    }
  };
  const ios = w.webkit?.messageHandlers?.argosKyc;
  if (hasPost(ios)) attempt('ios', () => ios.postMessage(message));
  const android = w.ArgosKycAndroid;
  if (hasPost(android)) attempt('android', () => android.postMessage(text()));
  const reactNative = w.ReactNativeWebView;
  if (hasPost(reactNative)) attempt('react-native', () => reactNative.postMessage(text()));
  const inAppWebView = w.flutter_inappwebview;
  if (inAppWebView && typeof inAppWebView.callHandler === 'function') {
    attempt('flutter-inappwebview', () => inAppWebView.callHandler!('argosKyc', message));
  }
  const flutterChannel = w.ArgosKycFlutter;
  if (hasPost(flutterChannel)) attempt('flutter-channel', () => flutterChannel.postMessage(text()));
  return reached;
}
