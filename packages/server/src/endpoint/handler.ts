// The endpoint's thin shell: finds the route under the base path, applies CORS and
// the per-IP limit, hands the call to its route (one file each beside this one), and
// turns whatever happened into the JSON answer and one PII-free audit event (a
// client that went away before its answer is `client_closed`, never an error).
import { PROTOCOL_HEADER, PROTOCOL_VERSION, ROUTE_METHODS, type RouteName } from '@argos-kyc/protocol';
import { ProxyError } from '../errors.ts';
import { ipBucket } from '../rate-limit.ts';
import { address } from './address.ts';
import { createEndpoint, type CallContext } from './context.ts';
import { allowedOrigin, applyCors, applyPreflight } from './cors.ts';
import { cancelHandoff, createHandoff, handoffProgress, redeemHandoff } from './handoff.ts';
import type { AuditEvent, ConnectionInfo, KycEndpointOptions, KycHandler } from './options.ts';
import { session } from './session.ts';
import { checkKycOptions, KycConfigError } from './setup-errors.ts';
import { submissionStatus } from './status.ts';
import { step1 } from './step1.ts';
import { step2 } from './step2.ts';

/** Creates the endpoint's handler. Mount it with the Node or Express adapter, or as a fetch handler. */
export function createKycHandler(options: KycEndpointOptions): KycHandler {
  // Setup mistakes fail here, at the integrator's start-up, naming the option (setup-errors.ts).
  checkKycOptions(options);
  const basePath = '/' + (options.basePath ?? '/kyc').replace(/^\/+|\/+$/g, '');
  const allowed = new Set((options.allowedOrigins ?? []).map(allowedOrigin));
  const endpoint = createEndpoint(options);
  let warnedNoIp = false;

  /**
   * The client IP for the per-IP limit. A runtime that passes no connection facts
   * (a fetch handler) and no `getClientIp` would quietly have no per-IP limit: the
   * call is refused instead, and the fix logged once (server README, "No client IP").
   */
  function clientIp(request: Request, info: ConnectionInfo | undefined): string | undefined {
    if (options.getClientIp) return options.getClientIp(request, info);
    if (info !== undefined && 'clientAddress' in info) return info.clientAddress;
    if (!endpoint.limits.perIp) return undefined;
    if (!warnedNoIp) {
      warnedNoIp = true;
      endpoint.logError(
        'argos-kyc: no client IP can be known here (no connection address, no getClientIp), so the per-IP ' +
          'limit cannot work; every call is refused until you set getClientIp, or rateLimits: { perIp: false } ' +
          'to run without it on purpose',
      );
    }
    throw new ProxyError('internal_error', 'The endpoint is not configured for this runtime.');
  }

  /** The route a path names under the base path, or null. */
  function routeOf(pathname: string): RouteName | null {
    const rest = pathname.startsWith(basePath + '/') ? pathname.slice(basePath.length + 1) : null;
    return rest !== null && Object.hasOwn(ROUTE_METHODS, rest) ? (rest as RouteName) : null;
  }

  async function answer(route: RouteName, request: Request, ctx: CallContext): Promise<unknown> {
    switch (route) {
      case 'session':
        return session(endpoint, request);
      case 'step1':
        return step1(endpoint, request, ctx);
      case 'step2':
        return step2(endpoint, request, ctx);
      case 'address':
        return address(endpoint, request);
      case 'status':
        return submissionStatus(endpoint, request, ctx);
      case 'handoff':
        return createHandoff(endpoint, request, ctx);
      case 'handoff/redeem':
        return redeemHandoff(endpoint, request, ctx);
      case 'handoff/progress':
        return handoffProgress(endpoint, request, ctx);
      case 'handoff/cancel':
        return cancelHandoff(endpoint, request);
    }
  }

  const handler = async (request: Request, info?: ConnectionInfo): Promise<Response> => {
    const started = performance.now();
    const url = new URL(request.url);
    const headers = new Headers({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      [PROTOCOL_HEADER]: PROTOCOL_VERSION,
    });
    const audit: Partial<AuditEvent> = { type: 'other' };
    const ctx: CallContext = {
      audit,
      reader: null,
      info,
      clientGone: () => info?.closed?.aborted === true || request.signal.aborted,
    };
    // A method a Request cannot carry (TRACE) comes in `info` on a stand-in GET.
    const method = info?.method ?? request.method;
    let status = 200;
    let body: unknown;
    try {
      const route = routeOf(url.pathname);
      if (route) audit.type = route;
      applyCors(headers, request.headers.get('origin'), url.origin, allowed, method === 'OPTIONS');
      if (method === 'OPTIONS') {
        audit.type = 'preflight';
        if (!route) throw new ProxyError('not_found', 'No such route.');
        applyPreflight(headers, route);
        status = 204;
      } else {
        // Every call counts towards the per-IP limit, a 404 or a 405 too.
        const ip = clientIp(request, info);
        if (ip) ctx.ip = ip;
        if (ip) await endpoint.limit(`ip:${ipBucket(ip)}`, endpoint.limits.perIp);
        if (!route) throw new ProxyError('not_found', 'No such route.');
        if (method !== ROUTE_METHODS[route])
          throw new ProxyError('method_not_allowed', `Use ${ROUTE_METHODS[route]}.`);
        body = await answer(route, request, ctx);
      }
    } catch (e) {
      let err: ProxyError;
      if (e instanceof ProxyError) err = e;
      else if (ctx.clientGone()) err = new ProxyError('malformed_request', 'The client went away.');
      else if (e instanceof KycConfigError) {
        // The integrator's own mistake: its message names options and types, never a value.
        endpoint.logError(`argos-kyc: ${e.message} (on ${audit.type ?? 'request'})`);
        err = new ProxyError('internal_error', 'Something went wrong on the server.');
      } else {
        // Only the error's class: its message may quote a value from the request.
        endpoint.logError(
          `argos-kyc: internal error on ${audit.type ?? 'request'} (${e instanceof Error ? e.name : typeof e})`,
        );
        err = new ProxyError('internal_error', 'Something went wrong on the server.');
      }
      status = err.status;
      body = err.toJSON();
      audit.code = err.code;
      if (err.retryAfter !== undefined) headers.set('retry-after', String(err.retryAfter));
      // The rest of a refused upload is never pulled (the adapters then close the connection).
      if (ctx.reader) await ctx.reader.cancel();
      else if (request.body && !request.body.locked) await request.body.cancel().catch(() => undefined);
    }
    // Nobody reads an answer to a client that went away: it is not the call's outcome.
    if (ctx.clientGone()) {
      status = 499;
      audit.code = 'client_closed';
    }
    audit.status = status;
    audit.ms = Math.round((performance.now() - started) * 10) / 10;
    if (options.onAudit) {
      try {
        options.onAudit(audit as AuditEvent);
      } catch {
        endpoint.logError('argos-kyc: the onAudit hook threw');
      }
    }
    return new Response(status === 204 ? null : JSON.stringify(body), { status, headers });
  };
  return Object.assign(handler, { basePath, logError: endpoint.logError });
}
