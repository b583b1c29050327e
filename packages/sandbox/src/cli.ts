// `argos-kyc-sandbox [--port 4010] [--api-key sandbox-key] [--host 127.0.0.1] [--auto-approve]`
// (in this repository: `pnpm sandbox ...`).
import { parseArgs } from 'node:util';
import { startSandbox } from './sandbox.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    'api-key': { type: 'string', default: 'sandbox-key' },
    host: { type: 'string', default: '127.0.0.1' },
    'auto-approve': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(
    'Usage: argos-kyc-sandbox [--port 4010] [--api-key sandbox-key] [--host 127.0.0.1] [--auto-approve] [--quiet]',
  );
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('--port must be 0..65535');
  process.exit(2);
}

const sandbox = await startSandbox({
  port,
  apiKey: values['api-key'],
  host: values.host,
  autoApprove: values['auto-approve'],
  log: !values.quiet,
}).catch((err: NodeJS.ErrnoException) => {
  console.error(`Cannot listen on ${values.host}:${port}: ${err.code ?? err.message}`);
  process.exit(1);
});
// The key is the caller's own; it is not printed.
console.log(`Argos KYC sandbox listening on ${sandbox.url} (API at ${sandbox.url}/v2)`);

const stop = (): void => {
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
