// The rest of the endpoint's CORS part (endpoint/cors.ts), exactly: the allowlist
// entries as a browser names origins, and a preflight's answer per route. Found by
// measuring the CORS part with mutation testing (docs/architecture.md, "Mutation
// testing"): the tests around it checked that a preflight names `authorization`, not
// which methods it allows or how long a browser may keep the answer.
import { ROUTE_METHODS, type RouteName } from '@argos-kyc/protocol';
import { describe, expect, it } from 'vitest';
import { allowedOrigin, applyPreflight } from '../src/endpoint/cors.ts';

describe('allowedOrigin', () => {
  it('keeps an entry as the browser names its origin: scheme, host and a non-default port, no path', () => {
    expect(allowedOrigin('https://Shop.Example:443/checkout?x=1')).toBe('https://shop.example');
    expect(allowedOrigin('https://shop.example:8443/')).toBe('https://shop.example:8443');
    expect(allowedOrigin('http://localhost:5173')).toBe('http://localhost:5173');
    // A webview's non-special scheme: its URL origin is "null", kept as scheme://host.
    expect(allowedOrigin('capacitor://localhost')).toBe('capacitor://localhost');
    expect(allowedOrigin('ionic://localhost/index.html')).toBe('ionic://localhost');
  });

  it('refuses an entry without a host, naming the entry and why', () => {
    for (const entry of ['file:///app/index.html', 'data:text/html,hi', 'null:']) {
      expect(() => allowedOrigin(entry), entry).toThrow(TypeError);
      expect(() => allowedOrigin(entry)).toThrow(
        `createKycHandler: allowedOrigins entry "${entry}" has no host; an opaque origin ("null") cannot be allowed`,
      );
    }
  });
});

describe('applyPreflight', () => {
  it('allows each route its own method, the two request headers the widget sends, for 10 minutes', () => {
    for (const route of Object.keys(ROUTE_METHODS) as RouteName[]) {
      const headers = new Headers();
      applyPreflight(headers, route);
      expect(Object.fromEntries(headers), route).toEqual({
        'access-control-allow-methods': ROUTE_METHODS[route],
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-max-age': '600',
      });
    }
    const status = new Headers();
    applyPreflight(status, 'status');
    expect(status.get('access-control-allow-methods')).toBe('GET');
  });
});
