// One log line for the integrator when a vendor failure looks like OUR configuration
// rather than the vendor's bad moment: the vendor could not be reached, answered
// from a path that does not exist, answered something that is not its API, or
// refused the key. The line names the route and the vendor's HOST (from the client's
// baseUrl, which never holds credentials: ArgosClient refuses them), never the key,
// a query or anything from the request.
import { ArgosError } from '../client.ts';

/** The log line for `error` on `route`, or null when there is nothing to fix on our side. */
export function vendorProblem(error: unknown, route: string, baseUrl: string): string | null {
  if (!(error instanceof ArgosError)) return null;
  let host: string;
  try {
    host = new URL(baseUrl).host;
  } catch {
    host = '(no host)';
  }
  const check =
    "check the ArgosClient's baseUrl (the sandbox: http://127.0.0.1:<port>/v2; production: https://rest-api.argoskyc.com/v2)";
  switch (error.kind) {
    case 'network':
      return `argos-kyc: could not reach the verification service at ${host} on ${route} (no answer); ${check}`;
    case 'invalid_response':
      return `argos-kyc: the verification service at ${host} answered ${route} with something that is not its API; ${check}`;
    case 'http':
      if (error.status === 404 || error.status === 405)
        return `argos-kyc: the verification service at ${host} answered HTTP ${error.status} on ${route}: no such path; ${check}`;
      if (error.status === 403)
        return `argos-kyc: the verification service at ${host} refused the API key on ${route} (HTTP 403); check ARGOS_API_KEY (or wherever the ArgosClient's apiKey comes from)`;
      return null;
    default:
      return null;
  }
}
