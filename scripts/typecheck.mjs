#!/usr/bin/env node
// Type-checks every workspace project that has a tsconfig.json, one `tsc -p` each.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const projects = [
  '.',
  'packages/sandbox',
  'packages/server',
  'packages/core',
  'packages/widget',
  'demo',
  'e2e',
];
let failed = 0;
for (const p of projects) {
  if (!existsSync(join(p, 'tsconfig.json'))) continue;
  const r = spawnSync('tsc', ['-p', p], { stdio: 'inherit' });
  console.log(`tsc ${p}: ${r.status === 0 ? 'ok' : 'FAILED'}`);
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
