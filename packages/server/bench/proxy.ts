// The proxy under measurement, alone in its own process so that its RSS is its own:
// started by bench/index.ts over IPC, it serves the endpoint on 127.0.0.1:0 and
// samples its RSS every 5 ms while asked to.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { Session } from 'node:inspector/promises';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ArgosClient, createKycHandler, toNodeListener } from '../src/index.ts';

const send = (msg: unknown) => process.send!(msg);
let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage.rss());
};
// Sampled only between 'reset' and 'report', so that it costs nothing in the latency runs.
let sampler: ReturnType<typeof setInterval> | undefined;

const handler = createKycHandler({
  client: new ArgosClient({ apiKey: process.env.BENCH_API_KEY!, baseUrl: process.env.BENCH_BASE_URL! }),
  secrets: [{ kid: 'bench', secret: 'bench-secret-0123456789abcdef0123456789' }],
  resolveApplicant: (request) => {
    const user = request.headers.get('x-bench-user');
    return user ? { userid: user, email: `${user}@example.test` } : null;
  },
  // The bench sends dozens of step 1 per applicant: an explicit step-1 budget far above
  // that (not the default 5 an hour, which stopped the bench with a 429).
  rateLimits: {
    perApplicant: false,
    perIp: false,
    step1PerApplicant: { limit: 1_000_000, windowMs: 3_600_000 },
  },
  logError: (line) => console.error(line),
});
const kyc = toNodeListener(handler);
const upstream = new URL(process.env.BENCH_BASE_URL!);
// The reference: a bare pass-through that pipes bytes and checks nothing, i.e. the
// cost of any extra hop on this machine, to judge the proxy's own cost against.
const server = createServer((req, res) => {
  if (req.url !== '/bare') return kyc(req, res);
  const up = request(
    {
      host: upstream.hostname,
      port: upstream.port,
      path: `${upstream.pathname}/submission/step1`,
      method: 'POST',
      headers: { ...req.headers, host: upstream.host, 'x-api-key': process.env.BENCH_API_KEY! },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  req.pipe(up);
});
server.listen(0, '127.0.0.1', () => {
  send({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/kyc` });
});
// A bench that fails ends without saying goodbye: go with it, or this process would keep
// its stdout open and hang whatever runs the bench (scripts/bench.mjs in npm test).
process.once('disconnect', () => process.exit(0));
// Where the CPU goes, for the split printed beside the totals: the main thread's share
// (Linux's per-thread counters; null elsewhere), the rest being V8's helper threads
// (concurrent marking, sweeping) and libuv's; and the mark-compacts V8 ran by itself.
const mainThreadMs = (): number | null => {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (USER_HZ 100)
  } catch {
    return null;
  }
};
let majorGcs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const detail = (e as { detail?: { kind: number; flags: number } }).detail;
    if (
      detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR &&
      !(detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED)
    )
      majorGcs++;
  }
}).observe({ entryTypes: ['gc'] });

// Profiles only between 'profile-start' and 'profile-stop' (BENCH_PROFILE in bench/index.ts).
let inspector: Session | undefined;
process.on('message', async (msg: { type: string; file?: string; gc?: boolean }) => {
  if (msg.type === 'reset') {
    global.gc?.();
    peak = 0;
    sample();
    sampler = setInterval(sample, 5);
    send({ type: 'reset', rss: peak });
  } else if (msg.type === 'cpu') {
    if (msg.gc) global.gc?.();
    const u = process.cpuUsage();
    const main = mainThreadMs();
    // The observer's entries of the GCs so far arrive in a later task.
    await new Promise((resolve) => setImmediate(resolve));
    send({
      type: 'cpu',
      ms: (u.user + u.system) / 1000,
      user: u.user / 1000,
      system: u.system / 1000,
      main,
      majorGcs,
    });
  } else if (msg.type === 'report') {
    sample();
    clearInterval(sampler);
    send({ type: 'report', peak });
  } else if (msg.type === 'profile-start') {
    inspector ??= new Session();
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.setSamplingInterval', { interval: 100 });
    await inspector.post('Profiler.start');
    send({ type: 'profile-start' });
  } else if (msg.type === 'profile-stop' && inspector) {
    const { profile } = await inspector.post('Profiler.stop');
    inspector.disconnect();
    mkdirSync(dirname(msg.file!), { recursive: true });
    writeFileSync(msg.file!, JSON.stringify(profile));
    send({ type: 'profile-stop' });
  } else if (msg.type === 'exit') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
