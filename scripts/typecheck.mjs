#!/usr/bin/env node
// Type-checks every workspace project that has a tsconfig.json, one `tsc -p` each (a
// project named by its .json file is checked with that config, without emitting).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const projects = [
  '.',
  'packages/protocol',
  // The protocol's sources alone, without DOM or Node types: proof that it loads anywhere.
  'packages/protocol/tsconfig.build.json',
  'packages/sandbox',
  'packages/server',
  'packages/core',
  'packages/widget',
  'demo',
  'e2e',
];
let failed = 0;
for (const p of projects) {
  const config = p.endsWith('.json') ? p : join(p, 'tsconfig.json');
  if (!existsSync(config)) continue;
  const r = spawnSync('tsc', ['-p', config, ...(p.endsWith('.json') ? ['--noEmit'] : [])], {
    stdio: 'inherit',
  });
  console.log(`tsc ${p}: ${r.status === 0 ? 'ok' : 'FAILED'}`);
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
