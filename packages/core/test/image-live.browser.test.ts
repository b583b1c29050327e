// The live analyzer in a real browser: a canvas frame scaled to 480 px and analysed in the
// image worker, then the same frame on the main thread (worker turned off), which must
// give the same analysis. Its own file: it changes the module-wide worker setting.
import { describe, expect, test } from 'vitest';
import { createLiveAnalyzer, imageWorkerStatus, judgeFrame, setImageWorkerUrl } from '../src/image/index.ts';
import type { FrameAnalysis } from '../src/image/index.ts';
import { drawCard } from './image-fixtures.ts';

describe('live analyzer', () => {
  let inWorker: FrameAnalysis;

  test('analyses a camera-sized frame in the worker: the card found, still after 300 ms, ready', async () => {
    const canvas = drawCard(720);
    const analyzer = createLiveAnalyzer();
    const first = await analyzer.analyze(canvas, 1000);
    expect(imageWorkerStatus()).toBe('ready');
    expect([first.width, first.height]).toEqual([480, 320]);
    expect(first.document?.shape).toBe('id-1');
    expect(first.document!.inside).toBe(true);
    expect(first.motion).toBeUndefined();
    inWorker = await analyzer.analyze(canvas, 1300);
    expect(inWorker.motion).toBeLessThan(0.005);
    expect(judgeFrame(inWorker)).toBe('ready');
  });

  test('without the worker, the main thread gives the same analysis', async () => {
    setImageWorkerUrl(null);
    const analyzer = createLiveAnalyzer();
    const canvas = drawCard(720);
    await analyzer.analyze(canvas, 1000);
    const onMainThread = await analyzer.analyze(canvas, 1300);
    expect(imageWorkerStatus()).toBe('unavailable');
    expect(onMainThread).toEqual(inWorker);
  });
});
