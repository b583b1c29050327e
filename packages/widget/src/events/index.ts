// The widget's DOM events: bubbling, composed, typed for addEventListener.
import { KycAttemptEvent } from './attempt.ts';
import { KycCompleteEvent } from './complete.ts';
import { KycConsentEvent } from './consent.ts';
import { KycDoneEvent, type KycOutcome } from './done.ts';
import { KycErrorEvent } from './error.ts';
import { KycExitEvent } from './exit.ts';
import { KycStepChangeEvent } from './step-change.ts';
import { KycWarningEvent } from './warning.ts';

export {
  KycAttemptEvent,
  KycCompleteEvent,
  KycConsentEvent,
  KycDoneEvent,
  KycErrorEvent,
  KycExitEvent,
  KycStepChangeEvent,
  KycWarningEvent,
  type KycOutcome,
};

interface KycEventMap {
  'kyc-step-change': KycStepChangeEvent;
  'kyc-error': KycErrorEvent;
  'kyc-exit': KycExitEvent;
  'kyc-complete': KycCompleteEvent;
  'kyc-attempt': KycAttemptEvent;
  'kyc-consent': KycConsentEvent;
  'kyc-done': KycDoneEvent;
  'kyc-warning': KycWarningEvent;
}

declare global {
  // On the element, and on document for listeners further up (the events are composed and bubble).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends KycEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends KycEventMap {}
}
