// The webview bridge of <argos-kyc>: while an element is on the page, every `kyc-*`
// event it dispatches is also posted to the native app (native.ts), and the app can
// send commands back (commands.ts) through `window.argosKyc.command(...)` or a
// `message` event whose data is `{ "argosKyc": command }` (object or JSON text).
// Commands are on where a native host's bridge object is present (checked again on
// every event: some webviews inject theirs late), or where the element says
// `bridge-commands="on"`; `bridge-commands="off"` turns them off everywhere.
import { toEpoch, type Flow, type TokenContext, type TokenGrant } from '@argos-kyc/core';
import { parseCommand, type BridgeCommand, type CommandResult } from './commands.ts';
import { bridgeMessage, nativeHostPresent, postToNative } from './native.ts';

/** Who may send commands: `auto` (a native host is present), `on` (any page), `off` (none). */
export type BridgeCommands = 'auto' | 'on' | 'off';

/** What the bridge needs of its element (ArgosKyc). */
export interface BridgeHost extends HTMLElement {
  locale: string | undefined;
  /** Any host token callback (whatever it is told about the request); the bridge only sets and compares it. */
  getToken: ((context: never) => Promise<TokenGrant | string>) | undefined;
  readonly flow: Flow | null;
  /** Whether this element takes commands; `auto` when unset. */
  bridgeCommands?: BridgeCommands | undefined;
}

/** The global the native side calls (`evaluateJavascript`): `window.argosKyc.command({...})`. */
export interface ArgosKycGlobal {
  readonly version: 1;
  /** Applies a command (object or JSON text) to every connected widget; never throws. */
  command(input: unknown): CommandResult;
}

/** One element's link to the bridge. */
export interface BridgeConnection {
  /** Posts a dispatched event to the native app, if it is a `kyc-*` event. */
  forward(event: Event): void;
  /** Ends the link: listeners, the global (when no element is left) and pending token requests go. */
  disconnect(): void;
  /** Installs or removes the command API after `bridgeCommands` changed. */
  refresh(): void;
}

/** How long a token request waits for the app's `setToken`. */
export const TOKEN_REQUEST_TIMEOUT_MS = 60_000;
/** A host token this close to its expiry is not handed out again. */
const EXPIRY_MARGIN_MS = 30_000;

interface Link {
  host: BridgeHost;
  /** Applies a command; returns why it could not, or undefined. */
  apply(command: BridgeCommand): string | undefined;
  /** The latest token from the app, and whether the flow has had it already. */
  latest: { grant: TokenGrant; used: boolean } | null;
  waiting: Array<{ needed: string | null; resolve(grant: TokenGrant): void; reject(error: Error): void }>;
}

const links = new Set<Link>();
let installed: ArgosKycGlobal | undefined;

function takesCommands(link: Link): boolean {
  const mode = link.host.bridgeCommands;
  return mode === 'on' || (mode !== 'off' && nativeHostPresent());
}

/** The command API is on the page while at least one element takes commands. */
function sync(): void {
  if ([...links].some(takesCommands)) install();
  else uninstall();
}

function dispatch(input: unknown): CommandResult {
  const parsed = parseCommand(input);
  if (!parsed.ok) return parsed;
  const targets = [...links].filter(takesCommands);
  if (!targets.length) return { ok: false, error: 'no argos-kyc element on the page' };
  const errors = targets
    .map((link) => link.apply(parsed.command))
    .filter((e): e is string => e !== undefined);
  return errors.length ? { ok: false, error: errors[0]! } : { ok: true };
}

function onMessage(event: Event): void {
  const message = event as MessageEvent;
  // Only this page (or the webview itself, which dispatches with no source) may command the
  // widget; a message from another window or frame is ignored.
  if (message.source !== null && message.source !== window) return;
  if (message.origin && message.origin !== 'null' && message.origin !== location.origin) return;
  let data: unknown = message.data;
  if (typeof data === 'string') {
    if (data.length > 20_000 || !data.includes('argosKyc')) return; // someone else's message
    try {
      data = JSON.parse(data);
    } catch {
      return;
    }
  }
  if (typeof data !== 'object' || data === null || !Object.hasOwn(data, 'argosKyc')) return;
  dispatch((data as { argosKyc: unknown }).argosKyc);
}

function install(): void {
  if (installed) return;
  installed = Object.freeze({ version: 1 as const, command: dispatch });
  try {
    Object.defineProperty(window, 'argosKyc', {
      value: installed,
      configurable: true,
      writable: false,
      enumerable: false,
    });
  } catch {
    // The page owns a non-configurable `argosKyc` (e.g. `var argosKyc`): keep it; message commands still work.
  }
  // React Native's WebView dispatches its messages on window (iOS) or document (Android).
  window.addEventListener('message', onMessage);
  document.addEventListener('message', onMessage);
}

function uninstall(): void {
  if (!installed) return;
  if ((window as { argosKyc?: unknown }).argosKyc === installed) Reflect.deleteProperty(window, 'argosKyc');
  installed = undefined;
  window.removeEventListener('message', onMessage);
  document.removeEventListener('message', onMessage);
}

function expiresSoon(grant: TokenGrant): boolean {
  const at = toEpoch(grant.expiresAt);
  return at !== null && at - Date.now() < EXPIRY_MARGIN_MS;
}

/**
 * A `getToken` for the element that takes tokens from the app: the latest unused one if
 * it is bound to the submission the flow needs, else asks for one naming that submission
 * (`kyc-token-request` with `{ submissionId }`). A token the app sent at page load, bound
 * to nothing, must not replace the flow's binding after a reload, an expiry or an app restart.
 */
function nativeTokens(link: Link): (context: TokenContext) => Promise<TokenGrant> {
  return (context) => {
    const latest = link.latest;
    const needed = context.submissionId ?? null;
    if (
      latest &&
      !latest.used &&
      !expiresSoon(latest.grant) &&
      (latest.grant.submissionId ?? null) === needed
    ) {
      latest.used = true;
      return Promise.resolve(latest.grant);
    }
    return new Promise<TokenGrant>((resolve, reject) => {
      const timer = setTimeout(() => {
        link.waiting = link.waiting.filter((w) => w !== entry);
        reject(new Error('The app sent no token in time.'));
      }, TOKEN_REQUEST_TIMEOUT_MS);
      const entry = {
        needed,
        resolve: (grant: TokenGrant) => {
          clearTimeout(timer);
          resolve(grant);
        },
        reject: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      link.waiting.push(entry);
      postToNative(bridgeMessage('kyc-token-request', { submissionId: needed }));
    });
  };
}

/**
 * Links `host` to the native app while it is on the page. Called from the element's
 * `connectedCallback`; `disconnect()` from its `disconnectedCallback`.
 */
export function connectBridge(host: BridgeHost): BridgeConnection {
  if (typeof window === 'undefined') return { forward() {}, disconnect() {}, refresh() {} };
  let ownGetToken: ((context: TokenContext) => Promise<TokenGrant>) | undefined;
  const link: Link = {
    host,
    latest: null,
    waiting: [],
    apply(command) {
      switch (command.type) {
        case 'setToken': {
          // The command is the endpoint's /session answer (token, expiresAt, emailRequired,
          // submissionId, applicant): a grant as it is.
          const { type: _command, ...grant }: TokenGrant & { type: string } = command;
          // A token goes to a request only if it is bound to the submission that request named
          // (or does not say): the app's token of a page load, bound to nothing, never answers a
          // request for a submission, whichever comes first.
          const waiter = link.waiting.find(
            (w) => grant.submissionId === undefined || (grant.submissionId ?? null) === w.needed,
          );
          if (waiter) {
            link.waiting = link.waiting.filter((w) => w !== waiter);
            link.latest = { grant, used: true };
            waiter.resolve(grant);
          } else {
            link.latest = { grant, used: false };
            if (!host.getToken) {
              // From now on the app supplies the tokens (the flow starts over from its resume point with them).
              ownGetToken = nativeTokens(link);
              host.getToken = ownGetToken;
            } else if (host.getToken === ownGetToken) {
              // Used at once only when bound to the flow's submission; else kept for the next
              // request, which names the submission it needs.
              if ((grant.submissionId ?? null) === (host.flow?.state.context.submissionId ?? null)) {
                link.latest.used = true;
                host.flow?.client.setToken(grant);
              }
            } else {
              link.latest = null;
              return 'the page supplies the tokens itself (getToken)';
            }
          }
          return undefined;
        }
        case 'setLocale':
          host.locale = command.locale;
          return undefined;
        case 'reset':
          void host.flow?.reset();
          return undefined;
      }
    },
  };
  links.add(link);
  sync();
  return {
    forward(event) {
      if (!event.type.startsWith('kyc-')) return;
      sync();
      postToNative(bridgeMessage(event.type, (event as Event & { detail?: unknown }).detail));
    },
    disconnect() {
      links.delete(link);
      for (const waiter of link.waiting.splice(0)) waiter.reject(new Error('The widget left the page.'));
      sync();
    },
    refresh: sync,
  };
}
