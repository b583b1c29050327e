// When the worker file cannot load (a CSP that blocks it, a build that did not ship
// it), prepareImage carries on on the main thread. Its own file: it changes the
// module-wide worker setting.
import { describe, expect, test } from 'vitest';
import { imageWorkerStatus, prepareImage, setImageWorkerUrl } from '../src/image/index.ts';
import { drawCard, encode } from './image-fixtures.ts';

describe('worker fallback', () => {
  test('a worker file that fails to load: the job runs on the main thread instead', async () => {
    setImageWorkerUrl(new URL('/no-such-worker-file.js', location.href));
    const jpeg = await encode(drawCard(1600), 'image/jpeg', 0.9);
    const result = await prepareImage(jpeg, { kind: 'document' });
    expect(imageWorkerStatus()).toBe('unavailable');
    expect([result.width, result.height]).toEqual([1600, 1067]);
    expect(result.quality.issues).toEqual([]);
  });

  test('null turns the worker off', async () => {
    setImageWorkerUrl(null);
    const result = await prepareImage(drawCard(800), { kind: 'selfie' });
    expect(imageWorkerStatus()).toBe('unavailable');
    expect(result.width).toBe(800);
  });
});
