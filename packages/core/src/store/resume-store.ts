// Where a flow's resume point lives between page loads: one record per endpoint in a
// dedicated IndexedDB store (idb-keyval). It expires, is wiped on exit or reset(), and
// refuses to hold anything binary: images never touch storage. It holds no token either:
// a resumed flow gets a new one from the session (docs/protocol.md, "Resuming").
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { FlowState } from '../flow/types.ts';

/**
 * What a reload needs to continue. No image and no token, ever. The submission id, the
 * reviewed fields and the applicant's opaque tag are in `state` (its context), their one
 * home; nothing here repeats them.
 */
export interface ResumeRecord {
  /** 2 since records hold no token; a record of version 1 (which did) is deleted unread. */
  version: 2;
  /** The flow state as storage keeps it (the driver resumes at its `resumePoint`). */
  state: FlowState;
  /** Epoch ms. */
  savedAt: number;
  /**
   * Epoch ms of the first save of this flow (or of this result), set by the store: the record
   * expires `ttlMs` (or `keepMs`) after it, however often it is saved again (a reload must not
   * grant another 24 h).
   */
  firstSavedAt?: number;
  /** A decided result's own time limit (the flow's `resultTtlMs`), instead of the store's `ttlMs`. */
  keepMs?: number;
}

/** The storage a flow uses for resume. */
export interface ResumeStore {
  /** The record, or undefined when there is none or it has expired (an expired one is deleted). */
  load(): Promise<ResumeRecord | undefined>;
  save(record: ResumeRecord): Promise<void>;
  clear(): Promise<void>;
}

export interface ResumeStoreOptions {
  /** One record per key; the driver uses the endpoint URL. */
  key: string;
  /** How long a record stays usable, counted from its first save (never sliding). Default 24 h. */
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** IndexedDB database and object store. Default `argos-kyc` / `resume`. */
  dbName?: string;
  storeName?: string;
}

export const DEFAULT_RESUME_TTL_MS = 24 * 60 * 60 * 1000;

/** Throws when `value` holds a Blob, a buffer or an image anywhere: such things must never be persisted. */
export function assertNoBinary(value: unknown, path = 'record'): void {
  if (value === null || typeof value !== 'object') return;
  const binary =
    (typeof Blob !== 'undefined' && value instanceof Blob) ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    (typeof ImageBitmap !== 'undefined' && value instanceof ImageBitmap) ||
    (typeof ImageData !== 'undefined' && value instanceof ImageData);
  if (binary) throw new TypeError(`Refusing to persist binary data at ${path}`);
  for (const [k, v] of Object.entries(value)) assertNoBinary(v, `${path}.${k}`);
}

function isRecord(value: unknown): value is ResumeRecord {
  return (
    !!value &&
    typeof value === 'object' &&
    (value as ResumeRecord).version === 2 &&
    typeof (value as ResumeRecord).savedAt === 'number'
  );
}

/** Common expiry logic over any key-value backend (this file's stores, and the phone tab's: phone-tab.ts). */
export function resumeStoreOver(
  backend: { get(): Promise<unknown>; set(value: ResumeRecord): Promise<void>; del(): Promise<void> },
  ttlMs: number,
  now: () => number,
): ResumeStore {
  const expired = (value: ResumeRecord) => {
    const first = value.firstSavedAt ?? value.savedAt;
    return now() - first > (value.keepMs ?? ttlMs) || value.savedAt > now() + 60_000 || first > value.savedAt;
  };
  return {
    async load() {
      const value = await backend.get();
      if (!isRecord(value)) {
        if (value !== undefined) await backend.del();
        return undefined;
      }
      if (expired(value)) {
        await backend.del();
        return undefined;
      }
      return value;
    },
    async save(record) {
      assertNoBinary(record);
      const kept = await backend.get();
      // A result's time starts when it is decided, not when the flow began.
      const firstSavedAt =
        isRecord(kept) && !expired(kept) && kept.keepMs === record.keepMs
          ? (kept.firstSavedAt ?? kept.savedAt)
          : record.savedAt;
      await backend.set({ ...record, firstSavedAt });
    },
    clear: () => backend.del(),
  };
}

const stores = new Map<string, UseStore>();

/** The IndexedDB resume store (idb-keyval, database `argos-kyc`, store `resume`). */
export function createResumeStore(options: ResumeStoreOptions): ResumeStore {
  const dbName = options.dbName ?? 'argos-kyc';
  const storeName = options.storeName ?? 'resume';
  const id = `${dbName}/${storeName}`;
  let store = stores.get(id);
  if (!store) {
    store = createStore(dbName, storeName);
    stores.set(id, store);
  }
  const useStore = store;
  return resumeStoreOver(
    {
      get: () => get(options.key, useStore),
      set: (value) => set(options.key, value, useStore),
      del: () => del(options.key, useStore),
    },
    options.ttlMs ?? DEFAULT_RESUME_TTL_MS,
    options.now ?? Date.now,
  );
}

/**
 * A resume store that lives in memory only (a page's lifetime): for runtimes without
 * IndexedDB and for tests of the driver. Same expiry and no-binary rules.
 */
export function createMemoryResumeStore(
  options: Omit<ResumeStoreOptions, 'key' | 'dbName' | 'storeName'> = {},
): ResumeStore {
  let value: ResumeRecord | undefined;
  return resumeStoreOver(
    {
      get: async () => (value === undefined ? undefined : structuredClone(value)),
      set: async (record) => {
        value = structuredClone(record);
      },
      del: async () => {
        value = undefined;
      },
    },
    options.ttlMs ?? DEFAULT_RESUME_TTL_MS,
    options.now ?? Date.now,
  );
}
