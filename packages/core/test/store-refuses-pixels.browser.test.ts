// The resume store refuses the browser's own picture types, not only bytes and Blobs:
// an ImageBitmap or ImageData left in a flow's context must never reach IndexedDB.
// Browser-only (Node has neither type), hence not among the store tests that
// `pnpm mutate` also runs under Node.
import { describe, expect, it } from 'vitest';
import { assertNoBinary, createMemoryResumeStore, initialState, type ResumeRecord } from '../src/index.ts';

function withPicture(picture: unknown): ResumeRecord {
  const state = initialState();
  return {
    version: 2,
    state: { ...state, context: { ...state.context, fields: { photo: picture } } } as never,
    savedAt: Date.now(),
  };
}

describe('no picture is ever persisted', () => {
  it('an ImageBitmap or ImageData anywhere in a record is refused, with where it was', async () => {
    const pixels = new ImageData(2, 2);
    const bitmap = await createImageBitmap(pixels);
    const store = createMemoryResumeStore();
    for (const picture of [bitmap, pixels]) {
      expect(() => assertNoBinary(withPicture(picture))).toThrow(/record\.state\.context\.fields\.photo/);
      await expect(store.save(withPicture(picture))).rejects.toThrow(/Refusing to persist binary data/);
    }
    expect(await store.load()).toBeUndefined();
  });
});
