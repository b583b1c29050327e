// The reader's idle timer on its own (MultipartReader with `idleTimeoutMs`), on a body
// source this test feeds by hand and Vitest's fake clock (setTimeout and
// performance.now): what upload-idle-timeout.test.ts shows through the endpoint, here
// to the millisecond. One timer per body, re-armed for what is left of the idle time;
// only a read that waits counts, the consumer's own time does not; the timeout cancels
// the source and says how long it waited.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MultipartReader, type BodySource } from '../src/multipart.ts';
import { ProxyError } from '../src/errors.ts';

const B = 'idle-boundary';
const BODY = Buffer.from(
  `--${B}\r\nContent-Disposition: form-data; name="a"\r\n\r\n` + 'x'.repeat(40) + `\r\n--${B}--\r\n`,
);

/** A body source whose reads answer when the test says: each `read()` waits for `give()`. */
function handFed() {
  let pending: ((v: Uint8Array | null) => void) | null = null;
  let at = 0;
  const log = { reads: 0, cancelled: 0 };
  const source: BodySource = {
    read: () => {
      log.reads++;
      return new Promise((resolve) => (pending = resolve));
    },
    cancel: async () => {
      log.cancelled++;
      pending?.(null);
      pending = null;
    },
  };
  return {
    source,
    log,
    get waiting() {
      return pending !== null;
    },
    /** Answers the pending read with the next `n` bytes of BODY (null at its end). */
    give(n: number) {
      const chunk = at < BODY.length ? BODY.subarray(at, at + n) : null;
      at += n;
      const resolve = pending!;
      pending = null;
      resolve(chunk);
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Settles the promise's outcome without awaiting it (the clock is the test's). */
function track<T>(p: Promise<T>) {
  const state: { done: boolean; value?: T; error?: unknown } = { done: false };
  p.then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => Object.assign(state, { done: true, error }),
  );
  return state;
}

describe('MultipartReader idle timeout', () => {
  it('ends a read that waits the whole idle time: the source cancelled, upload_timeout naming the seconds', async () => {
    const feed = handFed();
    const reader = new MultipartReader(feed.source, B, { maxBodyBytes: 1 << 20, idleTimeoutMs: 1500 });
    const head = track(reader.nextPart());
    await vi.advanceTimersByTimeAsync(1499);
    expect(head.done).toBe(false);
    expect(feed.log.cancelled).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(feed.log.cancelled).toBe(1);
    expect(head.done).toBe(true);
    expect(head.error).toBeInstanceOf(ProxyError);
    expect(head.error).toMatchObject({
      code: 'upload_timeout',
      message: 'No byte of the upload arrived for 1.5 s.',
    });
    // The body is over: a further read asks the source nothing (and finds no boundary).
    const reads = feed.log.reads;
    await expect(reader.nextPart()).rejects.toMatchObject({ code: 'malformed_request' });
    expect(feed.log.reads).toBe(reads);
  });

  it('keeps one timer for the whole body, however many chunks come, and none once it is read', async () => {
    const feed = handFed();
    const reader = new MultipartReader(feed.source, B, { maxBodyBytes: 1 << 20, idleTimeoutMs: 1000 });
    const parts = track(
      (async () => {
        const names: string[] = [];
        for (let head = await reader.nextPart(); head; head = await reader.nextPart()) {
          names.push(head.name);
          while (await reader.readChunk());
        }
        return names;
      })(),
    );
    // A chunk every 300 ms: 30 chunks, 9 s in all, never 1 s without a byte.
    while (!parts.done) {
      await vi.advanceTimersByTimeAsync(300);
      expect(vi.getTimerCount()).toBeLessThanOrEqual(1);
      if (feed.waiting) feed.give(4);
    }
    expect(parts.error).toBeUndefined();
    expect(parts.value).toEqual(['a']);
    expect(feed.log.cancelled).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('re-arms for what is left of the idle time, counted from when the pending read began', async () => {
    const feed = handFed();
    const reader = new MultipartReader(feed.source, B, { maxBodyBytes: 1 << 20, idleTimeoutMs: 1000 });
    const head = track(reader.nextPart());
    // The first read waits 100 ms; the consumer then does something else for 500 ms
    // (not reading): that is not the sender's idleness.
    await vi.advanceTimersByTimeAsync(100);
    feed.give(10);
    await vi.advanceTimersByTimeAsync(0);
    // The reader asks again at once (a head needs more bytes): that read begins at 100 ms.
    expect(feed.waiting).toBe(true);
    // The timer armed at 0 fires at 1000 (the read has waited 900 ms): re-armed for 100.
    await vi.advanceTimersByTimeAsync(999);
    expect(head.done).toBe(false);
    expect(feed.log.cancelled).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(feed.log.cancelled).toBe(1);
    expect(head.error).toMatchObject({ code: 'upload_timeout' });
  });

  it('does not count the consumer’s time: a read begun after a long pause gets the whole idle time', async () => {
    const feed = handFed();
    const reader = new MultipartReader(feed.source, B, { maxBodyBytes: 1 << 20, idleTimeoutMs: 1000 });
    // Head and the first bytes of the part.
    const first = track(reader.nextPart());
    feed.give(BODY.indexOf('xxxx') + 4);
    await vi.advanceTimersByTimeAsync(0);
    expect(first.value).toMatchObject({ name: 'a' });
    const chunk = track(reader.readChunk());
    await vi.advanceTimersByTimeAsync(0);
    expect(chunk.done).toBe(true);
    // The consumer is away for 2.5 s (e.g. the vendor taking what was read): no read
    // is pending, so the timer that fires meanwhile ends nothing and arms nothing.
    await vi.advanceTimersByTimeAsync(2500);
    expect(feed.log.cancelled).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    // Then a read that never answers: timed out 1 s after it began, not sooner, not never.
    const next = track(reader.readChunk());
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.waiting).toBe(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(next.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(next.error).toMatchObject({
      code: 'upload_timeout',
      message: 'No byte of the upload arrived for 1 s.',
    });
  });

  it('waits for ever without an idle time (the default), and arms no timer', async () => {
    const feed = handFed();
    const reader = new MultipartReader(feed.source, B, { maxBodyBytes: 1 << 20 });
    const head = track(reader.nextPart());
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(head.done).toBe(false);
    expect(feed.log.cancelled).toBe(0);
    feed.give(BODY.length);
    await vi.advanceTimersByTimeAsync(0);
    expect(head.value).toMatchObject({ name: 'a' });
  });

  it('stops the timer at the end of the body, not when it would have fired', async () => {
    const feed = handFed();
    const reader = new MultipartReader(feed.source, B, { maxBodyBytes: 1 << 20, idleTimeoutMs: 1000 });
    const all = track(
      (async () => {
        await reader.nextPart();
        while (await reader.readChunk());
        const after = await reader.nextPart();
        // What follows the closing delimiter is read to the end of the body.
        await reader.drain();
        return after;
      })(),
    );
    feed.give(BODY.length);
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.waiting).toBe(true);
    expect(vi.getTimerCount()).toBe(1);
    feed.give(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(all.done).toBe(true);
    expect(all.value).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
    // The end is remembered: reading on asks the source nothing more.
    const reads = feed.log.reads;
    const again = track(reader.drain());
    await vi.advanceTimersByTimeAsync(0);
    expect(again.done).toBe(true);
    expect(feed.log.reads).toBe(reads);
  });

  it('stops the timer when the reader is cancelled between reads', async () => {
    const feed = handFed();
    const reader = new MultipartReader(feed.source, B, { maxBodyBytes: 1 << 20, idleTimeoutMs: 1000 });
    const head = track(reader.nextPart());
    feed.give(BODY.indexOf('xxxx') + 4);
    await vi.advanceTimersByTimeAsync(0);
    expect(head.value).toMatchObject({ name: 'a' });
    // No read pending; the body's one timer is still armed.
    expect(vi.getTimerCount()).toBe(1);
    await reader.cancel();
    expect(vi.getTimerCount()).toBe(0);
    expect(feed.log.cancelled).toBe(1);
  });

  it('stops the timer when the reader is cancelled: nothing fires after', async () => {
    const feed = handFed();
    const reader = new MultipartReader(feed.source, B, { maxBodyBytes: 1 << 20, idleTimeoutMs: 1000 });
    const head = track(reader.nextPart());
    await vi.advanceTimersByTimeAsync(10);
    expect(vi.getTimerCount()).toBe(1);
    await reader.cancel();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(feed.log.cancelled).toBe(1);
    // The pending read answered null (the source's contract on cancel): an unfinished
    // body, not a timeout.
    expect(head.error).toMatchObject({ code: 'malformed_request' });
  });
});
