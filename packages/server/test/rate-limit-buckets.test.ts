// Which per-IP counter an address falls in, and when a memory window ends. An
// attacker controls how its address is spelt (over a trusted proxy header) and can
// rotate through its IPv6 /64: every spelling of one client must land in one bucket,
// and anything that is not an address must be counted as written, never merged into
// someone else's bucket.
import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore } from '../src/index.ts';
import { ipBucket } from '../src/rate-limit.ts';

describe('ipBucket', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['  203.0.113.7\t', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['[2001:db8:1:2::9]', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['[fe80::1%25en0]', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['1:2:3:4::5:6:7', '1:2:3:4::/64'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:cb00:7107', '203.0.113.7'],
    ['0:0:0:0:0:ffff:203.10.113.17', '203.10.113.17'],
    ['::ffff:255.255.255.255', '255.255.255.255'],
  ])('puts %j in the bucket %j', (address, bucket) => {
    expect(ipBucket(address)).toBe(bucket);
  });

  it('keeps an IPv6 address with ffff in it, but not IPv4-mapped, in its /64', () => {
    expect(ipBucket('2001:0:0:0:0:ffff:1:2')).toBe('2001:0:0:0::/64');
    expect(ipBucket('1:2:3:4:5:ffff:102:304')).toBe('1:2:3:4::/64');
    expect(ipBucket('0:0:0:0:1:ffff:102:304')).toBe('0:0:0:0::/64');
  });

  it.each([
    'unknown',
    '1:2:3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7::8:9',
    '1:2:3:4::5:6:7:8',
    '1::2::3',
    '1:2:zz:4:5:6:7:8',
    '::ffff:203.0.113.256',
    '::ffff:1203.0.113.7',
    '::ffff:203.0.113.7999',
    '::ffff:203.0.113.17x',
    'x[2001:db8::1]',
    '[2001:db8::1]:443',
  ])('counts %j, which is not an address, as written', (address) => {
    expect(ipBucket(address)).toBe(address);
  });
});

describe('MemoryRateLimitStore', () => {
  it('counts within a window and starts a new one exactly when it ends', async () => {
    const store = new MemoryRateLimitStore();
    expect(await store.hit('k', 1000, 5000)).toEqual({ count: 1, resetAt: 6000 });
    expect(await store.hit('k', 1000, 5999)).toEqual({ count: 2, resetAt: 6000 });
    expect(await store.hit('other', 1000, 5999)).toEqual({ count: 1, resetAt: 6999 });
    expect(await store.hit('k', 1000, 6000)).toEqual({ count: 1, resetAt: 7000 });
  });

  it('keeps a running window across a sweep of the ended ones', async () => {
    const store = new MemoryRateLimitStore();
    await store.hit('long', 600_000, 0);
    await store.hit('short', 1000, 0);
    // More than a minute later: the sweep drops "short" and must keep "long".
    expect(await store.hit('long', 600_000, 120_000)).toEqual({ count: 2, resetAt: 600_000 });
    expect(await store.hit('short', 1000, 120_000)).toEqual({ count: 1, resetAt: 121_000 });
  });
});
