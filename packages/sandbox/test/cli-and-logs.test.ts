// `pnpm sandbox` starts the sandbox alone; every request logs one line with method,
// path, status and ms, and never a query value, a key, PII or image bytes.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../src/index.ts';
import { call, step1, step2 } from './helpers.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const LINE = /^(GET|POST|DELETE|PUT) \/\S* (\d{3}|dropped) \d+ms$/;

describe('request log', () => {
  it('is one line per request without PII, keys or query values', async () => {
    const lines: string[] = [];
    const sandbox = await startSandbox({
      port: 0,
      apiKey: 'secret-key-123',
      log: (line) => lines.push(line),
    });
    try {
      const { submissionId } = await step1(sandbox, { email: 'jane.doe@example.test', userid: 'jane-doe' });
      await step2(sandbox, submissionId, {
        name: 'Jane Doe',
        date_of_birth: '1985-05-17',
        identity_number: undefined,
      });
      await call(
        sandbox,
        `/v2/submission?email=jane.doe%40example.test&userid=jane-doe&submission_id=${submissionId}`,
      );
      await call(sandbox, '/v2/address_code', {
        method: 'POST',
        body: new URLSearchParams({ address: '10 Downing Street' }),
      });
      await call(sandbox, '/v2/submission', { key: 'wrong-key-456' });
      sandbox.control.fault({ path: '/v2/submission', kind: 'drop' });
      await call(sandbox, '/v2/submission').catch(() => undefined);
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      await sandbox.close();
    }
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line).toMatch(LINE);
    expect(lines).toContain(
      'GET /v2/submission?email=*&userid=*&submission_id=* 200 ' + lines[2]!.split(' ').pop(),
    );
    expect(lines[4]).toMatch(/ 403 /);
    expect(lines[5]).toMatch(/ dropped /);
    const all = lines.join('\n');
    for (const secret of ['jane', 'Jane', 'example.test', '1985', 'secret-key', 'wrong-key', 'Downing'])
      expect(all).not.toContain(secret);
  });
});

describe('pnpm sandbox', () => {
  it('starts alone with --port and --api-key, prints its URL, and answers with that key', async () => {
    const child = spawn('pnpm', ['sandbox', '--port', '0', '--api-key', 'cli-key'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 15_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
      });
      expect((await fetch(`${url}/v2/submission`, { headers: { 'x-api-key': 'cli-key' } })).status).toBe(200);
      expect((await fetch(`${url}/v2/submission`, { headers: { 'x-api-key': 'sandbox-key' } })).status).toBe(
        403,
      );
    } finally {
      // The whole group: pnpm, tsx and node, all started by this test.
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    }
  });
});
