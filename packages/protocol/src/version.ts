// Which protocol a client and an endpoint speak (docs/protocol.md): every answer
// names it in a header, so a client can tell an old endpoint from a broken one.

/** The version of the widget <-> endpoint protocol this package describes. */
export const PROTOCOL_VERSION = '1';

/** The header every endpoint answer carries, with PROTOCOL_VERSION as its value. */
export const PROTOCOL_HEADER = 'x-argos-kyc-protocol';
