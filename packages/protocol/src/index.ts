// @argos-kyc/protocol: the vocabulary of the widget <-> endpoint protocol (docs/protocol.md),
// written once and imported by both ends. No dependencies and no platform globals at
// import, so it loads the same in a browser, a worker and Node.
export * from './version.ts';
export * from './errors.ts';
export * from './reasons.ts';
export * from './limits.ts';
export * from './countries.ts';
export * from './fields.ts';
export * from './rules.ts';
export * from './messages.ts';
export * from './images.ts';
export * from './handoff.ts';
