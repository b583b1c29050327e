// Fault injection: latency, 500, 502, timeouts and dropped connections, per endpoint,
// for the next N calls.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.ts';
import { call, getSubmission, step1, step2 } from './helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

const list = (): Promise<Response> => call(sandbox, '/v2/submission');

describe('fault injection', () => {
  it('answers 500 with a JSON body for the next call only', async () => {
    sandbox.control.fault({ path: '/v2/submission', kind: 'error500' });
    const res = await list();
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: 'Internal Server Error' });
    expect((await list()).status).toBe(200);
  });

  it('answers 502 for the next N calls, set over HTTP', async () => {
    const res = await call(sandbox, '/__sandbox/faults', {
      method: 'POST',
      body: JSON.stringify({ path: '/v2/submission', kind: 'error502', times: 2 }),
    });
    expect(res.status).toBe(201);
    expect((await list()).status).toBe(502);
    expect((await list()).status).toBe(502);
    expect((await list()).status).toBe(200);
  });

  it('answers a faulted upload after reading its body, and spends no attempt', async () => {
    const { submissionId } = await step1(sandbox);
    sandbox.control.fault({ path: '/v2/submission/step2', method: 'POST', kind: 'error500' });
    expect((await step2(sandbox, submissionId)).status).toBe(500);
    expect((await getSubmission(sandbox, submissionId)).kyc.attempts).toEqual([]);
    expect((await step2(sandbox, submissionId)).status).toBe(200);
  });

  it('only hits the endpoint and method it names', async () => {
    sandbox.control.fault({ path: '/v2/submission', method: 'DELETE', kind: 'error500' });
    expect((await list()).status).toBe(200);
    expect((await call(sandbox, '/v2/submission?submission_id=x', { method: 'DELETE' })).status).toBe(500);
  });

  it('"*" hits every API endpoint', async () => {
    sandbox.control.fault({ path: '*', kind: 'error502', times: 2 });
    expect((await list()).status).toBe(502);
    expect((await call(sandbox, '/v2/report/aml?resourceId=sbx-aml-0001')).status).toBe(502);
    expect((await list()).status).toBe(200);
  });

  it('delays an answer by the given latency', async () => {
    sandbox.control.fault({ path: '/v2/submission', kind: 'latency', ms: 300 });
    const started = performance.now();
    expect((await list()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('drops the connection', async () => {
    sandbox.control.fault({ path: '/v2/submission', kind: 'drop' });
    await expect(list()).rejects.toThrow(TypeError);
    expect((await list()).status).toBe(200);
  });

  it('never answers a timed-out call, and close() still ends promptly', async () => {
    const own = await startSandbox({ port: 0, log: false });
    own.control.fault({ path: '/v2/submission', kind: 'timeout' });
    const started = performance.now();
    await expect(call(own, '/v2/submission', { signal: AbortSignal.timeout(400) })).rejects.toThrow(
      /aborted|timeout/i,
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    // A second held call is still open when we close.
    own.control.fault({ path: '/v2/submission', kind: 'timeout' });
    const held = call(own, '/v2/submission').catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 100));
    const closing = performance.now();
    await own.close();
    expect(performance.now() - closing).toBeLessThan(1000);
    expect(await held).toBeInstanceOf(TypeError);
  });

  it('close() cancels a pending latency', async () => {
    const own = await startSandbox({ port: 0, log: false });
    own.control.fault({ path: '/v2/submission', kind: 'latency', ms: 60_000 });
    const held = call(own, '/v2/submission').catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 100));
    const closing = performance.now();
    await own.close();
    expect(performance.now() - closing).toBeLessThan(1000);
    expect(await held).toBeInstanceOf(TypeError);
  });

  it('rejects malformed faults with 400, and lists pending ones', async () => {
    for (const body of [
      { path: '/v2/submission', kind: 'explode' },
      { path: '/elsewhere', kind: 'drop' },
      { path: '*', kind: 'drop', times: 0 },
    ]) {
      expect(
        (await call(sandbox, '/__sandbox/faults', { method: 'POST', body: JSON.stringify(body) })).status,
        JSON.stringify(body),
      ).toBe(400);
    }
    sandbox.control.fault({ path: '/v2/image', kind: 'drop', times: 3 });
    const res = await call(sandbox, '/__sandbox/faults');
    expect(await res.json()).toMatchObject({ faults: [{ path: '/v2/image', kind: 'drop', times: 3 }] });
  });

  it('is never applied to the admin API, and unauthorised calls do not consume it', async () => {
    sandbox.control.fault({ path: '*', kind: 'error500' });
    expect((await call(sandbox, '/__sandbox/faults')).status).toBe(200);
    expect((await call(sandbox, '/v2/submission', { key: 'wrong' })).status).toBe(403);
    expect((await list()).status).toBe(500);
  });
});
