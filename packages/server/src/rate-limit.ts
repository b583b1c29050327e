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

  async hit(
    key: string,
    windowMs: number,
    now: number = Date.now(),
  ): Promise<{ count: number; resetAt: number }> {
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

/**
 * The per-IP counter an address falls in: an IPv4 address as it is (also when written
 * IPv4-mapped, `::ffff:a.b.c.d`), an IPv6 address by its /64, the block one host or
 * home is usually given, so that rotating through it or respelling the address
 * (case, zeros, `::`) does not escape the limit. Anything else is counted as written.
 */
export function ipBucket(address: string): string {
  const a = address
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  if (!a.includes(':') || a.length > 64) return a;
  const halves = a.split('::');
  if (halves.length > 2) return a;
  // The 16-bit groups, a trailing dotted IPv4 part as two of them; NaN marks a bad group.
  const groups = (s: string): number[] =>
    s === ''
      ? []
      : s.split(':').flatMap((g) => {
          if (/^[0-9a-f]{1,4}$/.test(g)) return [parseInt(g, 16)];
          const q = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(g)?.slice(1).map(Number);
          return q && q.every((n) => n <= 255) ? [q[0]! * 256 + q[1]!, q[2]! * 256 + q[3]!] : [NaN];
        });
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const gap = 8 - head.length - tail.length;
  if (halves.length === 2 ? gap < 1 : gap !== 0) return a;
  const full = [...head, ...Array<number>(gap).fill(0), ...tail];
  if (full.some(Number.isNaN)) return a;
  if (full.slice(0, 5).every((g) => g === 0) && full[5] === 0xffff) {
    return [full[6]! >> 8, full[6]! & 255, full[7]! >> 8, full[7]! & 255].join('.');
  }
  return `${full
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}
