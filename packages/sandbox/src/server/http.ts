// The small things every route of the sandbox needs: JSON answers, the vendor's error
// body, a copy for the caller, a constant-time key check, and the masks that keep
// applicants' data out of logs and records.
import { timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { HttpError } from '../state.ts';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: HttpError): void {
  const body: Record<string, string> = { message: err.message };
  if (err.field) body.field = err.field;
  sendJson(res, err.status, body);
}

export function maskIp(address: string | undefined): string {
  if (!address) return '*.*.*.*';
  const v4 = address.replace(/^::ffff:/, '');
  const parts = v4.split('.');
  return parts.length === 4 ? `${parts.slice(0, 3).join('.')}.*` : '*:*';
}

export function maskIdentityNumber(value: string): string {
  const digits = value.replace(/-/g, '');
  return `${digits.slice(0, 6)}-${digits.slice(6, 7)}******`;
}

export function copy<T>(value: T): T {
  return structuredClone(value);
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Path of a request for the log: the path, and the names (never the values) of query parameters. */
export function logPath(url: URL): string {
  const names = [...new Set(url.searchParams.keys())];
  return names.length
    ? `${url.pathname}?${names.map((n) => `${encodeURIComponent(n)}=*`).join('&')}`
    : url.pathname;
}
