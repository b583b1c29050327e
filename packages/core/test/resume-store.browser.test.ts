// The resume store on real IndexedDB (Chromium): one dedicated database, expiry,
// wipe, and no image ever written.
import { afterEach, describe, expect, it } from 'vitest';
import { createFlow, createResumeStore, initialState, transition, type ResumeRecord } from '../src/index.ts';

const DB = 'argos-kyc-test';

function record(savedAt: number): ResumeRecord {
  const state = transition(transition(initialState(), { type: 'CONSENT_GIVEN' }), {
    type: 'DOCUMENT_CHOSEN',
    idType: 'passport',
    issuingCountry: 'KOR',
  });
  return { version: 2, state, savedAt };
}

/** Every value in the database, read with the raw IndexedDB API (not through the store). */
function rawValues(dbName: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('resume', 'readonly');
      const all = tx.objectStore('resume').getAll();
      all.onsuccess = () => {
        db.close();
        resolve(all.result);
      };
      all.onerror = () => reject(all.error);
    };
  });
}

function containsBinary(value: unknown): boolean {
  if (value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return true;
  return value !== null && typeof value === 'object' && Object.values(value).some(containsBinary);
}

afterEach(async () => {
  await createResumeStore({ key: 'k', dbName: DB }).clear();
});

describe('resume store (IndexedDB)', () => {
  it('saves and loads a record under its key, in its own database and object store', async () => {
    const store = createResumeStore({ key: 'k', dbName: DB });
    await store.save(record(Date.now()));
    expect((await store.load())?.state.context.document).toEqual({
      idType: 'passport',
      issuingCountry: 'KOR',
    });
    expect(await rawValues(DB)).toHaveLength(1);
  });

  it('drops a record older than its time limit (24 h by default)', async () => {
    const store = createResumeStore({ key: 'k', dbName: DB });
    await store.save(record(Date.now() - 24 * 3600_000 - 1000));
    expect(await store.load()).toBeUndefined();
    expect(await rawValues(DB)).toHaveLength(0);

    const shortLived = createResumeStore({ key: 'k', dbName: DB, ttlMs: 1000 });
    await shortLived.save(record(Date.now() - 2000));
    expect(await shortLived.load()).toBeUndefined();
  });

  it('counts the 24 h from the first save: saving again (a reload at +23 h) never extends them', async () => {
    let clock = Date.UTC(2026, 10, 1);
    const store = createResumeStore({ key: 'k', dbName: DB, now: () => clock });
    await store.save(record(clock));
    clock += 23 * 3600_000;
    expect(await store.load()).toBeDefined();
    await store.save(record(clock));
    clock += 3600_000 - 1000;
    expect((await store.load())?.firstSavedAt).toBe(Date.UTC(2026, 10, 1));
    clock += 2000;
    expect(await store.load()).toBeUndefined();
    // Once gone, the next save starts a new 24 h.
    await store.save(record(clock));
    clock += 23 * 3600_000;
    expect(await store.load()).toBeDefined();
  });

  it('deletes unread a record of version 1, which held a session token (issue 15)', async () => {
    const store = createResumeStore({ key: 'k', dbName: DB });
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(DB);
      open.onsuccess = () => {
        const tx = open.result.transaction('resume', 'readwrite');
        tx.objectStore('resume').put({ ...record(Date.now()), version: 1, token: 'eyJ.old' }, 'k');
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    });
    expect(await rawValues(DB)).toHaveLength(1);
    expect(await store.load()).toBeUndefined();
    expect(await rawValues(DB)).toHaveLength(0);
  });

  it("counts a kept result's own time (keepMs) from the save that decided it, not from the flow's start", async () => {
    let clock = Date.UTC(2026, 10, 1);
    const store = createResumeStore({ key: 'k', dbName: DB, now: () => clock });
    await store.save(record(clock));
    clock += 20 * 3600_000;
    await store.save({ ...record(clock), keepMs: 2 * 3600_000 });
    expect((await store.load())?.firstSavedAt).toBe(clock);
    clock += 2 * 3600_000 - 1000;
    await store.save({ ...record(clock), keepMs: 2 * 3600_000 }); // a return visit: no new time
    clock += 2000;
    expect(await store.load()).toBeUndefined();
  });

  it('is wiped by clear()', async () => {
    const store = createResumeStore({ key: 'k', dbName: DB });
    await store.save(record(Date.now()));
    await store.clear();
    expect(await store.load()).toBeUndefined();
  });

  it('refuses to write an image or any binary data', async () => {
    const store = createResumeStore({ key: 'k', dbName: DB });
    const saved = record(Date.now());
    const withImage = {
      ...saved,
      state: {
        ...saved.state,
        context: { ...saved.state.context, fields: { photo: new Blob(['x'], { type: 'image/jpeg' }) } },
      },
    } as never;
    await expect(store.save(withImage)).rejects.toThrow(/binary data at record.state.context.fields.photo/);
    const withBytes = { ...record(Date.now()), extra: new Uint8Array(4) } as never;
    await expect(store.save(withBytes)).rejects.toThrow(/binary/);
    expect(await rawValues(DB)).toHaveLength(0);
  });

  it('holds no image after a flow was given one (the default database, as the widget uses it)', async () => {
    // The upload goes to an endpoint that does not exist here: the flow ends on an error,
    // and the resume point it stored must still be free of the image it was given.
    const flow = createFlow({ endpoint: '/no-such-endpoint', retries: 0 });
    // (Only a flow whose session tagged its applicant is kept.)
    flow.send({ type: 'SESSION_STARTED', emailRequired: false, submissionId: null, applicant: 'tag-1' });
    flow.send({ type: 'CONSENT_GIVEN' });
    flow.send({ type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' });
    flow.send({
      type: 'DOCUMENT_SUBMITTED',
      image: new Blob([new Uint8Array(1000)], { type: 'image/jpeg' }),
    });
    await new Promise<void>((resolve) => flow.subscribe((s) => s.step === 'error' && resolve()));
    await flow.settled();
    const values = await rawValues('argos-kyc');
    expect(values).toHaveLength(1);
    expect(values.some(containsBinary)).toBe(false);
    expect(values[0]).toMatchObject({ state: { step: 'documentCapture' } });
    await flow.reset();
    flow.dispose();
    expect(await rawValues('argos-kyc')).toHaveLength(0);
  });
});
