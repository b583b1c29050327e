// The resume store's rules at their edges, on real IndexedDB (Chromium): what it does
// with a value in its database that is not a record it wrote, where its time limits
// end exactly, and a clock that went backwards. (Also run under Node on fake-indexeddb
// by `pnpm mutate`: vitest.stryker.config.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, set } from 'idb-keyval';
import { createResumeStore, initialState, type ResumeRecord } from '../src/index.ts';

const DB = 'argos-kyc-test-records';
const T0 = Date.UTC(2026, 10, 1);
const HOUR = 3600_000;

function record(savedAt: number, more: Partial<ResumeRecord> = {}): ResumeRecord {
  return { version: 2, state: initialState(), savedAt, ...more };
}

/** Writes `value` under the store's key behind its back, as an older widget or a tampering page could. */
const plant = (value: unknown) => set('k', value, createStore(DB, 'resume'));

/** How many values the database holds, read with the raw IndexedDB API. */
function rawCount(): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const count = db.transaction('resume', 'readonly').objectStore('resume').count();
      count.onsuccess = () => {
        db.close();
        resolve(count.result);
      };
      count.onerror = () => reject(count.error);
    };
  });
}

afterEach(async () => {
  await createResumeStore({ key: 'k', dbName: DB }).clear();
});

describe('resume store: values it did not write', () => {
  it.each<[string, unknown]>([
    ['a string', 'version 1'],
    ['null', null],
    ['a number', 1],
    ['another version', { ...record(Date.now()), version: 3 }],
    ['a version-1 record (it held a token)', { ...record(Date.now()), version: 1, token: 'tok' }],
    ['a record without savedAt', { ...record(Date.now()), savedAt: undefined }],
    ['a record whose savedAt is text', { ...record(Date.now()), savedAt: String(Date.now()) }],
  ])('%s is no record: load answers none and deletes it', async (_what, value) => {
    await plant(value);
    expect(await rawCount()).toBe(1);
    const store = createResumeStore({ key: 'k', dbName: DB });
    expect(await store.load()).toBeUndefined();
    expect(await rawCount()).toBe(0);
  });

  it('a save over a value that is no record starts a new time limit', async () => {
    let clock = T0;
    const store = createResumeStore({ key: 'k', dbName: DB, now: () => clock });
    await plant({ version: 3, savedAt: T0 - 20 * HOUR, firstSavedAt: T0 - 20 * HOUR });
    await store.save(record(clock));
    expect((await store.load())?.firstSavedAt).toBe(T0);
    clock += 23 * HOUR;
    expect(await store.load()).toBeDefined();
  });
});

describe('resume store: the edges of its time limits', () => {
  it('a record is usable up to its time limit inclusive, and gone one millisecond later', async () => {
    let clock = T0;
    const store = createResumeStore({ key: 'k', dbName: DB, ttlMs: 10 * HOUR, now: () => clock });
    await store.save(record(clock));
    clock = T0 + 10 * HOUR;
    expect(await store.load()).toBeDefined();
    clock += 1;
    expect(await store.load()).toBeUndefined();
    expect(await rawCount()).toBe(0);
  });

  it('never slides, however many saves: the limit counts from the first of them', async () => {
    let clock = T0;
    const store = createResumeStore({ key: 'k', dbName: DB, now: () => clock });
    for (const at of [0, 8, 16, 23]) {
      clock = T0 + at * HOUR;
      await store.save(record(clock));
    }
    expect((await store.load())?.firstSavedAt).toBe(T0);
    clock = T0 + 24 * HOUR + 1;
    expect(await store.load()).toBeUndefined();
  });

  it('a record saved by a clock up to a minute ahead is kept; further ahead, it is dropped', async () => {
    const clock = T0;
    const store = createResumeStore({ key: 'k', dbName: DB, now: () => clock });
    await plant(record(T0 + 60_000, { firstSavedAt: T0 + 60_000 }));
    expect(await store.load()).toBeDefined();
    await plant(record(T0 + 60_001, { firstSavedAt: T0 + 60_001 }));
    expect(await store.load()).toBeUndefined();
    expect(await rawCount()).toBe(0);
  });

  it('a record that says it was first saved after its last save is dropped', async () => {
    const store = createResumeStore({ key: 'k', dbName: DB, now: () => T0 });
    await plant(record(T0 - HOUR, { firstSavedAt: T0 - HOUR }));
    expect(await store.load()).toBeDefined();
    await plant(record(T0 - HOUR, { firstSavedAt: T0 - HOUR + 1 }));
    expect(await store.load()).toBeUndefined();
  });
});
