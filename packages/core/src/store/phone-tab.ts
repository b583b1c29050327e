// The phone's tab between its reloads (issue 14; docs/protocol.md, "A phone that reloads").
// A handoff code works once, so a phone that reloads its page (or whose browser dropped the
// tab while the camera app was open) must not redeem it again: the tab keeps the phone's
// own session token and its resume point in sessionStorage (this tab only, gone with it),
// under a hash of the code, and a reload refreshes that token through `POST /session` with
// itself as bearer, then carries on where the phone was. Never in IndexedDB: that outlives
// the tab on a shared device, and a resume record there holds no token (issue 15).
// A module of its own, loaded only by a phone page (LAZY_ONLY in the widget's build).
import { EndpointError } from '../client/errors.ts';
import { HandoffClient, type HandoffClientOptions } from '../client/handoff.ts';
import type { Flow } from '../flow/create-flow.ts';
import {
  DEFAULT_RESUME_TTL_MS,
  resumeStoreOver,
  type ResumeRecord,
  type ResumeStore,
} from './resume-store.ts';

/** The keys of this module in the tab's storage; one link at a time. */
const PREFIX = 'argos-kyc-handoff:';

/** What a tab keeps of the link it redeemed. */
interface Kept {
  token?: string;
  expiresAt?: number | null;
  record?: ResumeRecord;
}

/** The part of the Web Storage API this module uses. */
export type TabStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export interface PhoneTabOptions {
  /** Default: the page's `sessionStorage` (none where the page may not use it: nothing is kept). */
  storage?: TabStorage | null;
  /** How long the resume point stays usable, from its first save. Default 24 h (the flow's). */
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** One handoff link as one tab keeps it. */
export interface PhoneTab {
  /** The flow's resume store in this tab (`FlowOptions.store`). */
  readonly store: ResumeStore;
  /** The phone's last token for this link, when this tab redeemed it before. */
  token(): Promise<{ token: string; expiresAt: number | null } | null>;
  /** Keeps the phone's current token for the next reload. */
  keepToken(grant: { token: string; expiresAt: number | null }): Promise<void>;
  /** Forgets every link this tab kept (their tokens and resume points). */
  forget(): Promise<void>;
}

function sessionStorageOrNull(): TabStorage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    // A sandboxed frame or blocked site data: the getter itself throws.
    return null;
  }
}

/**
 * The key of a link: a SHA-256 of its code, so that the tab never holds the code itself
 * (spent or not). Null where there is no WebCrypto (a page not served over https).
 */
async function keyOf(code: string): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const hash = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(code)));
  let binary = '';
  for (const byte of hash) binary += String.fromCharCode(byte);
  return PREFIX + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The tab's storage of the handoff link `code`. Storage failures read as "nothing kept". */
export function phoneTab(code: string, options: PhoneTabOptions = {}): PhoneTab {
  const storage = options.storage === undefined ? sessionStorageOrNull() : options.storage;
  const key = keyOf(code).catch(() => null);

  async function read(): Promise<{ key: string; kept: Kept } | null> {
    const k = await key;
    if (!k || !storage) return null;
    try {
      const value: unknown = JSON.parse(storage.getItem(k) ?? '{}');
      return { key: k, kept: value && typeof value === 'object' ? (value as Kept) : {} };
    } catch {
      return { key: k, kept: {} };
    }
  }

  async function write(change: (kept: Kept) => Kept): Promise<void> {
    const found = await read();
    if (!found) return;
    const next = change(found.kept);
    try {
      if (next.token === undefined && next.record === undefined) storage!.removeItem(found.key);
      else storage!.setItem(found.key, JSON.stringify(next));
    } catch {
      // Quota or a locked storage: the next reload asks for a new link, as before this module.
    }
  }

  const store = resumeStoreOver(
    {
      get: async () => (await read())?.kept.record,
      set: (record) => write((kept) => ({ ...kept, record })),
      del: () => write(({ record: _dropped, ...kept }) => kept),
    },
    options.ttlMs ?? DEFAULT_RESUME_TTL_MS,
    options.now ?? Date.now,
  );

  return {
    store,
    async token() {
      const kept = (await read())?.kept;
      return typeof kept?.token === 'string'
        ? { token: kept.token, expiresAt: typeof kept.expiresAt === 'number' ? kept.expiresAt : null }
        : null;
    },
    keepToken: ({ token, expiresAt }) => write((kept) => ({ ...kept, token, expiresAt })),
    async forget() {
      if (!storage) return;
      try {
        const ours: string[] = [];
        for (let i = 0; i < storage.length; i++) {
          const k = storage.key(i);
          if (k?.startsWith(PREFIX)) ours.push(k);
        }
        for (const k of ours) storage.removeItem(k);
      } catch {
        // Nothing readable is nothing kept.
      }
    },
  };
}

export interface StartOnPhoneOptions extends Omit<HandoffClientOptions, 'client'> {
  /** Where this tab keeps the link between reloads; null keeps nothing (a reload asks for a new link). */
  tab: PhoneTab | null;
}

/**
 * The phone page's start: in a tab that redeemed `code` before (a reload), the phone's own
 * token from the tab and the flow from its resume point; else the code redeemed for a
 * session of its own. Then `flow.start()`, whose session refreshes that token with itself
 * as bearer. A refused code, and a link taken back on the desktop or forgotten on the
 * endpoint, end on the error screen (the flow must have been created with `tab.store`).
 */
export async function startOnPhone(flow: Flow, code: string, options: StartOnPhoneOptions): Promise<void> {
  const { tab, ...client } = options;
  let refused: string | null = null;
  const kept = tab ? await tab.token() : null;
  if (kept) flow.client.setToken(kept);
  else {
    // One link per tab: a new one replaces what an older link left here.
    await tab?.forget();
    try {
      await new HandoffClient({ ...client, client: flow.client }).redeem(code);
    } catch (error) {
      refused = error instanceof EndpointError ? error.code : 'handoff_expired';
    }
  }
  if (tab && !refused) {
    // Each token the endpoint gives this phone (the session's refresh, step 1's, later refreshes)
    // replaces the kept one: a reload refreshes the newest.
    let last: string | null = null;
    const keep = () => {
      const grant = flow.client.token;
      if (grant && grant.token !== last) {
        last = grant.token;
        void tab.keepToken(grant);
      }
    };
    keep();
    flow.subscribe(keep);
  }
  await flow.start();
  // Not retryable on this page: only a new link from the desktop helps (or, after a guessing
  // limit, the same link later).
  if (refused) flow.send({ type: 'SESSION_FAILED', error: { code: refused, retryable: false } });
  else if (tab && flow.state.step === 'error' && flow.state.error?.code === 'handoff_expired') {
    // Taken back on the desktop ("Continue here instead") or forgotten: nothing of it stays here.
    await flow.settled();
    await tab.forget();
  }
}
