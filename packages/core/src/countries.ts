// ISO 3166-1 for UIs: the table itself is the protocol's (@argos-kyc/protocol), which
// the endpoint checks against too; these names are the core's API for it.
import { alpha2Of, ISO3_COUNTRIES, isIso3 } from '@argos-kyc/protocol';

/** Every ISO 3166-1 alpha-3 code (249), in no particular order. */
export const COUNTRY_CODES: readonly string[] = [...ISO3_COUNTRIES];

/** True for an ISO 3166-1 alpha-3 code in upper case. */
export const isCountryCode: (code: string) => boolean = isIso3;

/** The alpha-2 twin of an alpha-3 code (for `Intl.DisplayNames`), or undefined. */
export const alpha2: (alpha3: string) => string | undefined = alpha2Of;
