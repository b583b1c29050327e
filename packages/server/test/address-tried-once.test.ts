// A failed address look-up is retried in one layer only: the browser's client, which
// tries /address three times (packages/core/test/address-retry.test.ts). The endpoint
// calls the vendor once per call, so that a look-up the vendor keeps failing costs
// three vendor calls, not three times three (docs/architecture.md, decisions). Counted
// at the sandbox: each vendor call takes one use of its fault.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { post, session, startStack, type Stack } from './helpers.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ vendorTimeoutMs: 300 });
});
afterAll(() => stack.close());
beforeEach(() => stack.sandbox.control.reset());

const lookUp = async () => {
  const { token } = await session(stack);
  return post(stack, 'address', token, JSON.stringify({ address: '1600 Pennsylvania Avenue NW' }), {
    'content-type': 'application/json',
  });
};
/** Vendor calls the fault took so far. */
const taken = (times: number) => times - (stack.sandbox.control.faults()[0]?.times ?? 0);

describe('POST /address and a failing vendor', () => {
  for (const [kind, status, code] of [
    ['error500', 502, 'vendor_error'],
    ['error502', 502, 'vendor_error'],
    ['drop', 502, 'vendor_error'],
    ['timeout', 504, 'vendor_timeout'],
  ] as const) {
    it(`calls the vendor once on ${kind} and answers ${status} ${code}, retryable (the browser retries)`, async () => {
      stack.sandbox.control.fault({ path: '/v2/address_code', kind, times: 5 });
      const r = await lookUp();
      expect(r.status).toBe(status);
      expect(r.body).toMatchObject({ code, retryable: true });
      expect(taken(5)).toBe(1);
    });
  }

  it('answers the look-up once the vendor is back, after one failed call each time', async () => {
    stack.sandbox.control.fault({ path: '/v2/address_code', kind: 'error500', times: 2 });
    expect((await lookUp()).status).toBe(502);
    expect((await lookUp()).status).toBe(502);
    const ok = await lookUp();
    expect(ok.status).toBe(200);
    expect(ok.body.globalCode).toMatch(/^87C4/);
    expect(stack.sandbox.control.faults()).toEqual([]);
  });

  it('leaves the client’s own retries to its other callers: addressCode alone still tries three times', async () => {
    stack.sandbox.control.fault({ path: '/v2/address_code', kind: 'error500', times: 5 });
    await expect(stack.client.addressCode({ address: 'x' })).rejects.toMatchObject({ status: 500 });
    expect(taken(5)).toBe(3);
    stack.sandbox.control.reset();
    stack.sandbox.control.fault({ path: '/v2/address_code', kind: 'error500', times: 5 });
    await expect(stack.client.addressCode({ address: 'x' }, { attempts: 1 })).rejects.toMatchObject({
      status: 500,
    });
    expect(taken(5)).toBe(1);
  });
});
