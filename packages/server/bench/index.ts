// pnpm bench: what the server package costs.
//  1. session tokens minted per second on one core;
//  2. latency the proxy adds to step 1 with a 2.9 MB image, against calling the
//     sandbox directly (same run, interleaved, 30 of each): median and p99;
//  3. the proxy process's peak RSS while 50 such uploads run at once;
//  4. what the Redis store adds to /session and step 1 against the memory store (bench/store.ts).
// The proxy runs in its own process (bench/proxy.ts) so that its RSS is its own;
// a bare pass-through in that process shows what any extra hop costs here.
// `--quick` does a few of each (it checks that the benchmark runs to its end and prints
// every figure, not what they are).
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '@argos-kyc/sandbox';
import { SessionTokens } from '../src/index.ts';
import { storeBench } from './store.ts';

const quick = process.argv.includes('--quick');
const IMAGE_BYTES = 2_900_000;
// Even the quick form sends one applicant more step 1 than the default budget (5 an hour)
// allows, so that it fails as the full one would if the bench lost its explicit budget.
const RUNS = quick ? 6 : 30;
const CONCURRENT = quick ? 5 : 50;
const CPU_RUNS = quick ? 3 : 20;
const MINT_MS = quick ? 200 : 2000;
const MB = 1024 * 1024;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

async function tokensPerSecond(): Promise<number> {
  const tokens = new SessionTokens({
    secrets: [{ kid: 'b', secret: 'bench-secret-0123456789abcdef0123456789' }],
  });
  for (let i = 0; i < (quick ? 50 : 500); i++) await tokens.mint({ sub: `warm-${i}` });
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < MINT_MS) {
    await tokens.mint({ sub: `user-${n}`, email: 'bench@example.test', cf1: 'x' });
    n++;
  }
  return n / ((performance.now() - started) / 1000);
}

function image(): Blob {
  const bytes = new Uint8Array(IMAGE_BYTES);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  for (let i = 4; i < bytes.length; i += 4096) bytes[i] = i & 0xff;
  return new Blob([bytes], { type: 'image/jpeg' });
}

function request(child: ChildProcess, type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const on = (msg: Record<string, unknown>) => {
      if (msg.type === type) {
        child.off('message', on);
        resolve(msg);
      }
    };
    child.on('message', on);
    child.send({ type });
  });
}

async function main(): Promise<void> {
  const tps = await tokensPerSecond();
  console.log(`session tokens minted: ${Math.round(tps).toLocaleString('en')} /s (one core, HS256)`);

  const sandbox = await startSandbox({ port: 0, apiKey: 'bench-key', log: false });
  // V8 flags for the proxy process only, e.g. BENCH_PROXY_FLAGS=--max-semi-space-size=2 (see the README).
  const proxyFlags = (process.env.BENCH_PROXY_FLAGS ?? '').split(' ').filter(Boolean);
  if (proxyFlags.length) console.log(`proxy process flags: ${proxyFlags.join(' ')}`);
  const child = fork(fileURLToPath(new URL('./proxy.ts', import.meta.url)), [], {
    execArgv: [
      '--import',
      'tsx',
      '--expose-gc',
      ...proxyFlags,
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/bench-prof'] : []),
    ],
    env: { ...process.env, BENCH_API_KEY: 'bench-key', BENCH_BASE_URL: `${sandbox.url}/v2` },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ url: string }>((resolve) =>
    child.once('message', (m) => resolve(m as { url: string })),
  );
  const img = image();

  const direct = async () => {
    const form = new FormData();
    for (const [k, v] of [
      ['idType', 'passport'],
      ['issuingCountry', 'USA'],
      ['userid', 'bench'],
      ['email', 'bench@example.test'],
    ] as const)
      form.append(k, v);
    form.append('idImage', img, 'id.jpg');
    const t = performance.now();
    const res = await fetch(`${sandbox.url}/v2/submission/step1`, {
      method: 'POST',
      headers: { 'x-api-key': 'bench-key' },
      body: form,
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`direct step1: ${res.status}`);
    return performance.now() - t;
  };
  const session = async (user: string) => {
    const res = await fetch(`${ready.url}/session`, { method: 'POST', headers: { 'x-bench-user': user } });
    return ((await res.json()) as { token: string }).token;
  };
  const proxied = async (token: string) => {
    const form = new FormData();
    form.append('idType', 'passport');
    form.append('issuingCountry', 'USA');
    form.append('idImage', img, 'id.jpg');
    const t = performance.now();
    const res = await fetch(`${ready.url}/step1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`proxied step1: ${res.status} ${text}`);
    return performance.now() - t;
  };

  const bare = async () => {
    const form = new FormData();
    for (const [k, v] of [
      ['idType', 'passport'],
      ['issuingCountry', 'USA'],
      ['userid', 'bench'],
      ['email', 'bench@example.test'],
    ] as const)
      form.append(k, v);
    form.append('idImage', img, 'id.jpg');
    const t = performance.now();
    const res = await fetch(`${new URL(ready.url).origin}/bare`, { method: 'POST', body: form });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`bare step1: ${res.status}`);
    return performance.now() - t;
  };

  // Warm every path (JIT, connections), then interleave the measured runs.
  for (let i = 0; i < (quick ? 1 : 3); i++) {
    await direct();
    await bare();
    await proxied(await session('warm'));
  }
  const d: number[] = [];
  const b: number[] = [];
  const p: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    d.push(await direct());
    b.push(await bare());
    p.push(await proxied(await session('bench')));
    if (i % 10 === 9) sandbox.control.reset();
  }
  const fmt = (x: number) => `${x.toFixed(1)} ms`;
  const paired = p.map((x, i) => x - d[i]!);
  console.log(
    `step 1 with a ${(IMAGE_BYTES / 1e6).toFixed(1)} MB image, ${RUNS} interleaved runs per path (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores):`,
  );
  console.log(
    `  direct to the sandbox:             median ${fmt(quantile(d, 0.5))}, p99 ${fmt(quantile(d, 0.99))}`,
  );
  console.log(
    `  through a bare pipe (no checks):   median ${fmt(quantile(b, 0.5))}, p99 ${fmt(quantile(b, 0.99))}`,
  );
  console.log(
    `  through the proxy:                 median ${fmt(quantile(p, 0.5))}, p99 ${fmt(quantile(p, 0.99))}`,
  );
  console.log(
    `  the proxy adds to a direct call:   median ${fmt(quantile(p, 0.5) - quantile(d, 0.5))} (of paired runs ${fmt(quantile(paired, 0.5))}), p99 ${fmt(quantile(p, 0.99) - quantile(d, 0.99))}`,
  );
  const proxyAdds = quantile(p, 0.5) - quantile(d, 0.5);
  const hopAdds = quantile(b, 0.5) - quantile(d, 0.5);
  console.log(`  any extra hop (bare pipe) adds:    median ${fmt(hopAdds)}`);
  console.log(
    `  added latency, proxy / bare hop:   ${(proxyAdds / hopAdds).toFixed(2)}x (target <= 1.5x, same run)`,
  );

  // The proxy's own CPU per upload, which machine load does not inflate as much as wall time.
  sandbox.control.reset();
  const cpuTokens = await Promise.all(Array.from({ length: CPU_RUNS }, (_, i) => session(`cpu${i}`)));
  const cpuOf = async (run: () => Promise<unknown>) => {
    const before = await request(child, 'cpu');
    await run();
    const after = await request(child, 'cpu');
    const per = (k: string) => ((after[k] as number) - (before[k] as number)) / cpuTokens.length;
    return {
      ms: per('ms'),
      text: `${fmt(per('ms'))} (user ${fmt(per('user'))}, system ${fmt(per('system'))})`,
    };
  };
  const proxyCpu = await cpuOf(async () => {
    for (const t of cpuTokens) await proxied(t);
  });
  const bareCpu = await cpuOf(async () => {
    for (let i = 0; i < cpuTokens.length; i++) await bare();
  });
  console.log(`  proxy process CPU per step 1:      ${proxyCpu.text}`);
  console.log(`  ... per bare pass-through:         ${bareCpu.text}`);
  console.log(
    `  CPU per step 1, proxy / bare hop:  ${(proxyCpu.ms / bareCpu.ms).toFixed(2)}x (target <= 1.3x, same run)`,
  );

  sandbox.control.reset();
  const tokens = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => session(`c${i}`)));
  const base = (await request(child, 'reset')).rss as number;
  const started = performance.now();
  await Promise.all(tokens.map((t) => proxied(t)));
  const wall = performance.now() - started;
  const peak = (await request(child, 'report')).peak as number;
  console.log(
    `${CONCURRENT} concurrent ${(IMAGE_BYTES / 1e6).toFixed(1)} MB step-1 uploads through the proxy in ${(wall / 1000).toFixed(2)} s:`,
  );
  console.log(
    `  proxy process RSS: ${(base / MB).toFixed(0)} MB idle, peak ${(peak / MB).toFixed(0)} MB (target <= 250 MB)`,
  );

  child.send({ type: 'exit' });
  await new Promise((resolve) => child.once('exit', resolve));
  await sandbox.close();
}

await main();
await storeBench();
