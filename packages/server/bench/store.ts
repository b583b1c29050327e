// pnpm bench, the shared store: what the Redis store adds to a `/session` and to a
// step 1 against the in-memory default, in the same run. Two endpoints in this
// process, one per store, in front of one sandbox; a redis-server of its own on a
// free loopback port (as the tests start it); the calls interleaved, one of each in
// turn, so that the machine's load falls on both alike. Every limit is on, so that
// each call makes the store round trips it makes in production (per-IP and
// per-applicant counters; step 1 also its budget and the lost-step-1 lookup).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { startSandbox } from '@argos-kyc/sandbox';
import {
  ArgosClient,
  MemoryStore,
  createKycHandler,
  createRedisStore,
  toNodeListener,
  type KycStore,
} from '../src/index.ts';
import { startRedis } from '../test/support/redis.ts';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 5 : 60;
const IMAGE_BYTES = 200_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export async function storeBench(): Promise<void> {
  const redis = await startRedis();
  const sandbox = await startSandbox({ port: 0, apiKey: 'bench-key', log: false });
  const redisStore = await createRedisStore({ url: redis.url });
  const servers: Server[] = [];
  const endpoint = async (store: KycStore) => {
    const handler = createKycHandler({
      client: new ArgosClient({ apiKey: 'bench-key', baseUrl: `${sandbox.url}/v2` }),
      secrets: [{ kid: 'bench', secret: 'bench-secret-0123456789abcdef0123456789' }],
      resolveApplicant: (request) => {
        const user = request.headers.get('x-bench-user');
        return user ? { userid: user, email: `${user}@example.test` } : null;
      },
      store,
      rateLimits: {
        perApplicant: { limit: 1_000_000, windowMs: 60_000 },
        perIp: { limit: 1_000_000, windowMs: 60_000 },
        step1PerApplicant: { limit: 1_000_000, windowMs: 3_600_000 },
      },
      logError: (line) => console.error(line),
    });
    const server = createServer(toNodeListener(handler));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/kyc`;
  };
  const memoryUrl = await endpoint(new MemoryStore());
  const redisUrl = await endpoint(redisStore);

  const bytes = new Uint8Array(IMAGE_BYTES);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  const img = new Blob([bytes], { type: 'image/jpeg' });

  const session = async (base: string, user: string) => {
    const t = performance.now();
    const res = await fetch(`${base}/session`, { method: 'POST', headers: { 'x-bench-user': user } });
    const body = (await res.json()) as { token: string };
    if (!res.ok) throw new Error(`session: ${res.status}`);
    return { ms: performance.now() - t, token: body.token };
  };
  const step1 = async (base: string, token: string) => {
    const form = new FormData();
    form.append('idType', 'passport');
    form.append('issuingCountry', 'USA');
    form.append('idImage', img, 'id.jpg');
    const t = performance.now();
    const res = await fetch(`${base}/step1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`step1: ${res.status} ${text}`);
    return performance.now() - t;
  };

  const sessions = { memory: [] as number[], redis: [] as number[] };
  const steps = { memory: [] as number[], redis: [] as number[] };
  // Warm both paths (JIT, connections), then measure.
  for (let i = 0; i < (quick ? 1 : 3); i++)
    for (const base of [memoryUrl, redisUrl]) await step1(base, (await session(base, 'warm')).token);
  for (let i = 0; i < RUNS; i++) {
    for (const [name, base] of [
      ['memory', memoryUrl],
      ['redis', redisUrl],
    ] as const) {
      const s = await session(base, `bench-${i}`);
      sessions[name].push(s.ms);
      steps[name].push(await step1(base, s.token));
    }
    if (i % 10 === 9) sandbox.control.reset();
  }
  const fmt = (x: number) => `${x.toFixed(2)} ms`;
  const line = (what: string, m: number[], r: number[]) =>
    `  ${what}: memory median ${fmt(median(m))}, Redis median ${fmt(median(r))}: Redis adds ${fmt(median(r) - median(m))}`;
  console.log(
    `shared store, Redis against memory, ${RUNS} interleaved runs each (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores):`,
  );
  console.log(line('/session', sessions.memory, sessions.redis));
  console.log(line(`step 1 (${(IMAGE_BYTES / 1e3).toFixed(0)} KB image)`, steps.memory, steps.redis));

  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await redisStore.close();
  await sandbox.close();
  await redis.stop();
}
