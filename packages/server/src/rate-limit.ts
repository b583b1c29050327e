// Rate limits behind a small store interface, so that several instances can
// share counters (e.g. Redis) while a single instance needs nothing.

/** A counter store: a fixed window per key. */
export interface RateLimitStore {
  /**
   * Counts one hit for `key` in its current window of `windowMs` and answers the
   * count so far and when the window ends (epoch ms). A Redis store does
   * `INCR key` then, when the answer is 1, `PEXPIRE key windowMs`, and reads
   * `PTTL key` for the reset time: atomic per key, shared by every instance.
   */
  hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }>;
}

/** One limit: at most `limit` calls per `windowMs`. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** The in-memory default: one Map, swept as windows end. Per process only. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  #lastSweep = 0;

  async hit(key: string, windowMs: number, now: number = Date.now()): Promise<{ count: number; resetAt: number }> {
    if (now - this.#lastSweep > 60_000) this.#sweep(now);
    let w = this.#windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      this.#windows.set(key, w);
    }
    w.count++;
    return { count: w.count, resetAt: w.resetAt };
  }

  #sweep(now: number): void {
    this.#lastSweep = now;
    for (const [k, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(k);
  }
}
