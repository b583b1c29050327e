// The customer-hosted endpoint: a web-standard handler `(Request) => Promise<Response>`
// that mints session tokens and forwards the four calls the widget needs, and
// nothing else, to Argos. Every byte from the browser is treated as hostile:
// identity comes from the integrator's hook and the signed token, never from
// the body; fields are validated before the vendor sees them; uploads are
// streamed, sniffed and counted on the way through.
//
// This file is its public face; the rooms are in ./endpoint/: the shell
// (handler.ts), CORS (cors.ts), what the routes share (context.ts), the upload pipe
// (upload.ts), the small JSON bodies (json-body.ts) and one file per route (session,
// step1, step2, address, status).
export { createKycHandler } from './endpoint/handler.ts';
export type {
  Applicant,
  AuditEvent,
  ConnectionInfo,
  KycEndpointOptions,
  KycHandler,
} from './endpoint/options.ts';
export { MAX_IMAGE_BYTES, reasonOf, type IncompleteReason } from '@argos-kyc/protocol';
