// English strings (the fallback language). Keys are grouped by screen.
import type { handoffEn } from '../components/handoff-step/strings.ts';
import type { captureGuideEn } from '../components/capture-step/guide-strings.ts';
import type { reviewEn } from '../components/review-step/strings.ts';
import type { addressEn } from '../components/address-step/strings.ts';
import type { selfieEn } from '../components/selfie-step/strings.ts';

export const en = {
  widget: {
    label: 'Identity verification',
    loading: 'Loading…',
    notSetUp: 'Identity verification is not available on this page.',
    chunkFailed: 'The next screen could not be loaded. Check your connection and try again.',
    logo: 'Logo',
  },
  progress: { step: 'Step {{position}} of {{total}}' },
  common: { back: 'Back', continue: 'Continue', exit: 'Exit', optional: 'optional', required: 'required' },
  consent: {
    title: 'Verify your identity',
    intro: 'We need to check that you are who you say you are. It takes about two minutes.',
    stepsTitle: 'You will:',
    stage: {
      document: 'Take a photo of an ID document (passport, ID card or driver’s license)',
      review: 'Check the details we read from it',
      address: 'Confirm your home address',
      selfie: 'Take a selfie',
    },
    privacy:
      'Your photos and details go to our verification partner, Argos, only to verify your identity. So that you can continue after a reload, this device keeps your answers for up to 24 hours and, once decided, only the outcome; never your photos, your resident registration number or your precise location.',
    privacyLink: 'Privacy policy (opens in a new tab)',
    biometric:
      'I agree to the processing of my biometric data: my selfie is compared with the photo on my ID document, only to verify my identity.',
    biometricMissing:
      'To compare your selfie with your ID, we need this consent. Tick the box, or choose “Not now”.',
    agree: 'I agree, start',
    decline: 'Not now',
  },
  document: {
    title: 'Your ID document',
    typeLegend: 'Document type',
    country: 'Issuing country',
    type: { passport: 'Passport', government_id: 'National ID card', drivers_license: 'Driver’s license' },
    email: 'Email address',
    emailHint: 'We send the result of the verification to this address.',
    errors: { type: 'Choose a document type.', country: 'Choose the country that issued your document.' },
    notice: 'This document choice was not accepted. Please check it.',
  },
  country: {
    choose: 'Choose a country',
    none: 'Not specified',
    matches_one: '{{count}} country matches',
    matches_other: '{{count}} countries match',
  },
  capture: {
    title: 'Photo of your document',
    subtitle: '{{type}}, {{country}}',
    hint: 'Put the whole document inside the frame, on a dark flat surface, in good light.',
    video: 'Camera preview',
    starting: 'Starting the camera…',
    take: 'Take photo',
    cameraProblem: 'The camera is not available. You can upload a photo of your document instead.',
    useUpload: 'Upload a photo instead',
    useCamera: 'Use the camera',
    uploadLabel: 'Choose a photo',
    uploadHint: 'A JPEG or PNG picture of the whole document.',
    processing: 'Preparing your photo…',
    preview: 'The photo you took of your document',
    clean: 'The photo looks clear. Use it, or retake it.',
    retake: 'Retake',
    usePhoto: 'Use this photo',
    useAnyway: 'Use it anyway',
    qualityTitle: 'This photo may be hard to read: {{issues}}. Retake it?',
    quality: {
      too_dark: 'it is too dark',
      too_bright: 'it is too bright',
      blurry: 'it is blurry',
      glare: 'there is glare on it',
      low_resolution: 'it is too small',
    },
    imageError: {
      unsupported_format: 'This file is not a JPEG or PNG picture. Please choose another one.',
      corrupt_image: 'This picture could not be read. Please choose another one.',
      input_too_large: 'This picture is too large. Please choose a smaller one.',
      encode_failed: 'This picture could not be prepared. Please try another one.',
      aborted: 'Preparing the photo was stopped.',
      camera: 'The photo could not be taken. Please try again.',
    },
    notice: {
      unsupported_image:
        'The photo was not accepted as a JPEG or PNG picture. Please take or choose another one.',
      payload_too_large: 'The photo was too large. Please take or choose another one.',
      invalid_field: 'The photo was not accepted. Please take or choose another one.',
    },
  },
  upload: {
    title: 'Sending your photo',
    progressLabel: 'Upload progress',
    progress: 'Sending: {{percent}}%',
    reading: 'Reading your document…',
    cancel: 'Cancel',
    selfieTitle: 'Sending your selfie',
    checking: 'Checking your selfie against your document…',
  },
  // The review screen's other English travels with its chunk (review-step/strings.ts).
  review: {
    summary_one: 'Please correct {{count}} field.',
    summary_other: 'Please correct {{count}} fields.',
  },
  fieldError: {
    required: 'This field is required.',
    too_long: 'This is too long.',
    invalid_date: 'Enter a real date.',
    future_date: 'This date is in the future.',
    before_birth: 'The date of issue is before the date of birth.',
    invalid_country: 'Choose a country from the list.',
    invalid_email: 'Enter an email address like name@example.com.',
    invalid_identity_number: 'Enter the 13 digits, like 900101-1234567.',
    invalid_license_number: 'Enter the number like 11-15-123456-78.',
    invalid_serial_number: 'Enter the 6 letters or digits.',
  },
  // The address screen's English travels with its chunk (address-step/strings.ts).
  // The selfie screen's other English travels with its chunk (selfie-step/strings.ts).
  selfie: {
    attemptsLeft_one: '{{count}} attempt left.',
    attemptsLeft_other: '{{count}} attempts left.',
  },
  retry: { title: 'Your selfie did not pass', again: 'Take a new selfie' },
  reason: {
    no_face: 'No face could be found in the selfie. Fit your face inside the oval, in good light.',
    multiple_faces: 'More than one face was in the selfie. Make sure you are alone in the picture.',
    face_mismatch:
      'The selfie did not match the photo on your document. Face the camera directly, without glasses or a hat.',
    liveness:
      'The selfie did not look like a live picture. Take it yourself, now, not a photo of a photo or a screen.',
    id_verification: 'Your ID document could not be verified with the issuer. Check the details you entered.',
    unknown: 'The selfie could not be verified.',
  },
  result: {
    pending: {
      title: 'Under review',
      body: 'Thank you. Your verification is being reviewed; this usually takes a few minutes.',
      checking: 'Checking for a decision…',
      close:
        'You can close this page. The business you are signing up with will tell you the result, usually by email.',
    },
    approved: { title: 'You are verified', body: 'Thank you. Your identity has been verified.' },
    rejected: {
      title: 'Verification not successful',
      body: 'We could not verify your identity. Please contact the business you are signing up with.',
    },
    // A reviewer's rejection codes (GET /status commentCode) worth explaining; any other code shows the
    // body only (aml_match on purpose: an applicant is not told of a watchlist match).
    comment: {
      too_many_retry: 'The selfie did not pass in three attempts.',
      fake_id: 'The ID document could not be accepted.',
      id_expired: 'The ID document has expired.',
      id_unreadable: 'The ID document could not be read.',
      face_mismatch: 'The selfie did not match the ID photo.',
      underage: 'You are under the minimum age.',
      duplicate: 'You have already been verified.',
    },
    later: {
      title: 'We will let you know',
      body: 'Your verification is still being reviewed. You can close this page: you will be told the result.',
    },
  },
  exited: {
    title: 'You left the verification',
    body: 'You can start again at any time.',
    restart: 'Start again',
  },
  end: { done: 'Done' },
  // Issue 14: "continue on your phone": the offer here, the phone's refusals under error.code; the
  // handoff screen's own English travels with its chunk (handoff-step/strings.ts), Korean is below in ko.ts.
  handoff: { offer: 'Continue on your phone' },
  error: {
    title: 'Something went wrong',
    tryAgain: 'Try again',
    startOver: 'Start over',
    noMoreTries: 'It did not work after several tries. Please start over later.',
    code: {
      network_error: 'We could not reach the server. Check your connection and try again.',
      timeout: 'The server took too long to answer. Please try again.',
      rate_limited: 'There were too many attempts. Please try again later.',
      vendor_error: 'The verification service is not responding. Please try again in a moment.',
      vendor_timeout: 'The verification service is not responding. Please try again in a moment.',
      upload_timeout: 'The upload stopped for too long. Check your connection and try again.',
      handoff_unavailable: 'Continuing on another device is unavailable right now. Try again in a moment.',
      handoff_used: 'This link was already used. Ask for a new one on your computer.',
      handoff_expired:
        'This link has expired or was replaced by a newer one. Ask for a new one on your computer.',
      handoff_mismatch:
        'This link belongs to someone else’s verification. Ask for a new link on your own computer.',
      token_expired: 'Your session has expired. Try again to continue.',
      token_invalid: 'Your session is no longer valid. Try again to continue.',
      unauthenticated: 'You need to be signed in to verify your identity.',
      submission_mismatch: 'This verification does not match your session. Please start over.',
      attempts_exhausted: 'No attempts are left for this verification.',
      origin_not_allowed: 'This page is not allowed to verify identities.',
      endpoint_not_found: 'Identity verification is not set up correctly on this site.',
      bad_response: 'Identity verification is not set up correctly on this site.',
      default: 'An unexpected error occurred.',
    },
  },
};

/**
 * The shape every language follows: `en`, and what lazy chunks carry in English
 * themselves (the handoff screen's strings, the document screen's live guidance, the
 * review, address and selfie screens).
 */
export type Strings = Omit<typeof en, 'handoff' | 'capture' | 'review' | 'selfie'> & {
  handoff: typeof en.handoff & typeof handoffEn;
  capture: typeof en.capture & { guide: typeof captureGuideEn };
  review: typeof en.review & typeof reviewEn;
  address: typeof addressEn;
  selfie: typeof en.selfie & typeof selfieEn;
};

/**
 * Extra plural forms a language may need beside English's `_one` and `_other`
 * (Intl.PluralRules' categories: Arabic has all six, Russian `_few` and `_many`):
 * optional siblings of every `<key>_other`; a test checks each language has exactly
 * its own categories.
 */
type WithPluralForms<T> = {
  [K in keyof T]: T[K] extends string ? string : WithPluralForms<T[K]>;
} & {
  [
    K in keyof T as K extends `${infer Base}_other` ? `${Base}_${'zero' | 'two' | 'few' | 'many'}` : never
  ]?: string;
};

/** What a language file (src/i18n/locales/<tag>.ts) exports: every key of `Strings`, plus its plural forms. */
export type LocaleStrings = WithPluralForms<Strings>;
