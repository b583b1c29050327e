// The numbers both ends must agree on. Each is written here once; the core, the
// widget and the server import it (docs/vendor-api.md names where each comes from).

/**
 * Step-2 attempts a submission gets from the vendor (docs/vendor-api.md, the attempt
 * limit): the third incomplete attempt rejects the submission.
 */
export const MAX_STEP2_ATTEMPTS = 3;

/** Per-image limit of the vendor, checked by the endpoint: 3 MiB (docs/vendor-api.md, image size). */
export const MAX_IMAGE_BYTES = 3 * 1024 * 1024;

/** What a multipart body may carry besides its images (headers, boundaries, text fields). */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** Largest step-1 body: one image and its text fields. */
export const STEP1_MAX_BODY_BYTES = MAX_IMAGE_BYTES + MULTIPART_OVERHEAD_BYTES;

/** Largest step-2 body: the selfie, a proof of address and the text fields. */
export const STEP2_MAX_BODY_BYTES = 2 * MAX_IMAGE_BYTES + MULTIPART_OVERHEAD_BYTES;

/** Largest JSON body (`/address`). */
export const JSON_MAX_BODY_BYTES = 4 * 1024;

/** Largest value of one multipart text field, in bytes. */
export const MAX_TEXT_FIELD_BYTES = 1024;

/** Longest single-line text field, in characters, unless TEXT_MAX_LENGTH says less. */
export const DEFAULT_TEXT_MAX_LENGTH = 200;

/**
 * Longest applicant name, in characters. The review form and the endpoint both use it
 * (docs/architecture.md, "Decisions worth knowing").
 */
export const NAME_MAX_LENGTH = 100;

/** Longest postal code, in characters. */
export const ZIPCODE_MAX_LENGTH = 20;

/** Longest `/address` query, in characters. */
export const ADDRESS_QUERY_MAX_LENGTH = 200;

/** Longest email address (RFC 5321's path limit less its brackets). */
export const EMAIL_MAX_LENGTH = 254;

/** Earliest year a date of birth or of issue may have. */
export const MIN_DATE_YEAR = 1900;
