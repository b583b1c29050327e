// <argos-kyc>: the element an integrator places. Over 400 lines on purpose: its public
// surface (attributes, properties, events, methods, parts) is read in one place by
// integrators and by the custom-elements manifest, and it is only a shell: the flow is
// the core's, each screen is a step element of its own folder, the bridge and the
// locales live in their own modules.
import {
  attemptsLeft,
  createFlow,
  outcome,
  progress,
  uploadPercent,
  type AddressMode,
  type DocumentType,
  type Flow,
  type FlowState,
  type Step,
  type TokenContext,
  type TokenGrant,
} from '@argos-kyc/core';
import type { i18n } from 'i18next';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import { FlowController } from '../../controllers/flow-controller.ts';
import {
  KycAttemptEvent,
  KycCompleteEvent,
  KycConsentEvent,
  KycDoneEvent,
  KycErrorEvent,
  KycExitEvent,
  KycStepChangeEvent,
} from '../../events/index.ts';
import { connectBridge, type BridgeCommands, type BridgeConnection } from '../../bridge/bridge.ts';
import {
  addLoadedLocale,
  createI18n,
  loadedLocale,
  loadLocale,
  localeDir,
  requestedLocales,
  type Translate,
} from '../../i18n/i18n.ts';
import type { StepElement, StepSettings } from '../step-element.ts';
import type { KycOutcome } from '../../events/done.ts';
import { argosKycStyles } from './argos-kyc.styles.ts';
import {
  END_VIEW,
  HANDOFF_VIEW,
  loadView,
  phoneStore,
  prepareSelfie,
  redeemHandoff,
  STEP_VIEWS,
  viewsAfter,
  type StepView,
} from './step-views.ts';

/** The step elements' parts, re-exported so that `argos-kyc::part(heading)` reaches them. */
const STEP_PARTS = 'heading, actions, form, preview, progress, qr, types, upload, viewfinder';

/** How many later steps' chunks are fetched ahead, while the applicant reads the current one. */
const PREFETCH_AHEAD = 2;

/** The steps whose screen has a way back (the machine takes BACK there): the header's back arrow. */
const BACK_STEPS: ReadonlySet<Step> = new Set(['document', 'documentCapture', 'address', 'selfieCapture']);

/** The header's back arrow (ours; `currentColor`, so it follows the theme). */
const BACK_ARROW = html`<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

/** Only a web address may be followed on `kyc-done` (never `javascript:` or `data:`). */
function safeReturnUrl(value: string): string | null {
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** What the integrator should fix, for the codes that mean the page and its endpoint are not set up together. */
const SETUP_HINTS: Record<string, string> = {
  endpoint_missing:
    'no endpoint: set it to the base URL of createKycHandler, e.g. <argos-kyc endpoint="/kyc">',
  endpoint_not_found:
    'no endpoint at {url} (404): check the endpoint attribute against basePath (default /kyc)',
  bad_response:
    '{url} answered something that is not the endpoint (an HTML page?): check the endpoint attribute',
  origin_not_allowed:
    "the endpoint refused this page's origin {origin}: add it to allowedOrigins of createKycHandler",
  network_error:
    'could not reach {url}: check the endpoint attribute and that the server runs; on another origin, its allowedOrigins',
};

/** One console line for a setup mistake (the applicant sees the error screen, the developer sees why). */
function adviseIntegrator(code: string, endpoint: string): void {
  const hint = SETUP_HINTS[code];
  if (!hint) return;
  let url = endpoint;
  try {
    url = new URL(endpoint, location.href).href;
  } catch {
    // Not a URL: quoted as written.
  }
  // The one console line of the widget, asked for by the integrator's setup mistakes: it names
  // the endpoint URL and the page's origin, never the applicant or a token.
  // eslint-disable-next-line no-console
  console.error(`argos-kyc: ${hint.replace('{url}', url).replace('{origin}', location.origin)}`);
}

/**
 * Frameworks pass a new array on every render (`countries={['GBR']}`); only a different
 * list is a change, else each render of the host would restart the flow.
 */
function listChanged(value: readonly string[] | undefined, old: readonly string[] | undefined): boolean {
  if (value === old) return false;
  if (!value || !old || value.length !== old.length) return true;
  return value.some((item, i) => item !== old[i]);
}

/**
 * @summary Guides an applicant through Argos KYC onboarding: consent, ID document,
 * photo, step-1 upload, the review of the OCR fields, the address (when asked for),
 * the selfie with up to three attempts, and the result.
 *
 * @event kyc-step-change - {step, previousStep} on every new screen, from the first one on.
 * @event kyc-error - {code, retryable} when something fails; `endpoint_missing` when there is no `endpoint`.
 * @event kyc-exit - {step} when the applicant leaves.
 * @event kyc-attempt - {attempt, attemptsLeft, reason} when a selfie attempt does not pass.
 * @event kyc-complete - {submissionId, status} at the result (pending, approved, rejected), and again when a pending one is decided.
 * @event kyc-consent - {processing, biometric} when the applicant consents (biometric: the separate consent to the face match).
 * @event kyc-done - {outcome, submissionId} when the applicant presses an end screen's primary action (cancelable: no `return-url`).
 * @event kyc-warning - {code, reason?} on the selfie screen, never blocking: `virtual_camera` (a camera named like OBS or "virtual"), `face_check_unavailable` (the face detector cannot run here).
 *
 * @slot brand - The business's name or logo in the header (default: `business-logo`, else `business-name`).
 *
 * @csspart base - The widget's frame (a centred card on desktop widths).
 * @csspart header - The header row: back arrow, brand, step count.
 * @csspart progress-bar - The step count drawn as segments.
 * @csspart heading - Each step's heading (exported from the step elements).
 * @csspart actions - Each step's row of buttons.
 * @csspart types - The document type choices.
 * @csspart viewfinder - The live camera view with its guide frame.
 * @csspart upload - The file upload choice.
 * @csspart preview - The captured or chosen photo before it is sent.
 * @csspart progress - The upload progress bar.
 * @csspart form - The review form.
 * @csspart qr - The handoff's QR code (dark on white whatever the theme).
 *
 * @cssproperty --argos-kyc-color-primary - Buttons, links, progress. Default #1a56db (dark: #8ab4f8).
 * @cssproperty --argos-kyc-color-on-primary - Text on primary. Default #ffffff (dark: #0b1220).
 * @cssproperty --argos-kyc-color-text - Text. Default #1b1f24 (dark: #e8eaed).
 * @cssproperty --argos-kyc-color-muted - Secondary text. Default #4a5360 (dark: #b4bcc6).
 * @cssproperty --argos-kyc-color-background - Background. Default #ffffff (dark: #15181c).
 * @cssproperty --argos-kyc-color-surface - Panels, selected choices. Default #f1f4f8 (dark: #222830).
 * @cssproperty --argos-kyc-color-border - Field borders. Default #6b7480 (dark: #8a94a3).
 * @cssproperty --argos-kyc-color-danger - Errors. Default #b42318 (dark: #ff8a80).
 * @cssproperty --argos-kyc-color-focus - Focus ring. Default #1a56db (dark: #8ab4f8).
 * @cssproperty --argos-kyc-color-success - Approved, good examples. Default #067647 (dark: #6ce9a6).
 * @cssproperty --argos-kyc-color-page - Around the card on desktop widths. Default #eef1f5 (dark: #0c0e11).
 * @cssproperty --argos-kyc-radius-large - The card's and panels' corners. Default 16px.
 * @cssproperty --argos-kyc-color-guide - Camera guide frame. Default #ffffff.
 * @cssproperty --argos-kyc-radius - Corner radius. Default 8px.
 * @cssproperty --argos-kyc-font-family - Font. Default system-ui, sans-serif.
 * @cssproperty --argos-kyc-heading-size - Step headings. Default 1.375rem.
 * @cssproperty --argos-kyc-max-width - Widest the widget grows. Default 32rem.
 */
export class ArgosKyc extends LitElement {
  static override styles = argosKycStyles;
  static override properties = {
    endpoint: { reflect: true },
    credentials: { reflect: true },
    locale: { reflect: true },
    capture: { reflect: true },
    autoCapture: { attribute: 'auto-capture' },
    address: { reflect: true },
    pollTimeout: { type: Number, attribute: 'poll-timeout' },
    resultTtl: { type: Number, attribute: 'result-ttl' },
    disableResume: { type: Boolean, attribute: 'disable-resume' },
    bridgeCommands: { attribute: 'bridge-commands' },
    theme: { reflect: true },
    businessName: { attribute: 'business-name' },
    businessLogo: { attribute: 'business-logo' },
    privacyUrl: { attribute: 'privacy-url' },
    returnUrl: { attribute: 'return-url' },
    handoff: {},
    handoffUrl: { attribute: 'handoff-url' },
    handoffCode: { attribute: 'handoff-code' },
    country: {},
    documentTypes: { attribute: false, hasChanged: listChanged },
    countries: { attribute: false, hasChanged: listChanged },
    // Issue 11: the document types per issuing country (an object: a property only).
    documentsByCountry: {
      attribute: false,
      hasChanged: (value: unknown, old: unknown) => JSON.stringify(value) !== JSON.stringify(old),
    },
    getToken: { attribute: false },
    // issue 13 (h-selfie): the selfie's upload beside the camera
    selfieUpload: { attribute: 'selfie-upload' },
    ready: { state: true },
    polite: { state: true },
    assertive: { state: true },
    failedView: { state: true },
  };

  /** Base URL of the customer endpoint (the server package), e.g. `/kyc`. */
  declare endpoint: string;
  /**
   * Cookies with the endpoint's calls: `same-origin` (default), or `include` for an endpoint on
   * another origin that signs the applicant in by its cookie (its `allowedOrigins` must list this page).
   */
  declare credentials: 'same-origin' | 'include' | 'omit';
  /** A BCP 47 tag (`ko`, `pt-BR`, `ar`); default: the browser's languages; the nearest language with a file (docs/i18n.md), else English. */
  declare locale: string | undefined;
  /** `upload` offers a file upload instead of the camera. Default `auto` (camera, upload as fallback). */
  declare capture: 'auto' | 'upload';
  /** `off`: the document screen guides but never takes the photo by itself. Default `on`. */
  declare autoCapture: 'on' | 'off';
  /** The address step: `off` (default), `optional` (with a skip) or `required`. */
  declare address: AddressMode;
  /** How long (ms) a pending result polls for a decision before "we'll let you know". Default 300000 (5 min). */
  declare pollTimeout: number;
  /**
   * How long (ms) a return visit shows a decided result (its outcome only) instead of a new
   * verification; `reset()` starts one anyway. 0 keeps none. Default 86400000 (24 h).
   */
  declare resultTtl: number | undefined;
  /** Keep no resume point in IndexedDB. */
  declare disableResume: boolean;
  /**
   * The webview bridge's command API (`window.argosKyc.command`, `message` commands):
   * `auto` (default) only where a native app's bridge object is present, `on`, or `off`.
   */
  declare bridgeCommands: BridgeCommands;
  /** `light` or `dark` whatever the system says; unset: the system's (prefers-color-scheme). */
  declare theme: 'light' | 'dark' | undefined;
  /** The business's name, in the header (and the logo's text alternative). */
  declare businessName: string;
  /** URL of the business's logo for the header (or put your own in the `brand` slot). */
  declare businessLogo: string;
  /** URL of the integrator's privacy policy, linked from the consent screen. */
  declare privacyUrl: string;
  /** Where an end screen's primary action goes after `kyc-done` (http or https; unless the event is cancelled). */
  declare returnUrl: string;
  /**
   * "Continue on your phone" (needs `handoff-url`): `auto` (default) offers it on the document's
   * photo on a desktop (no touch screen) or a device without a camera, and opens it by itself
   * on a device without a camera; `always` offers and opens it on every device; `off` never.
   */
  declare handoff: 'auto' | 'always' | 'off';
  /** The integrator's phone page for the handoff, with `{code}` where the code goes, e.g. `https://shop.example/kyc-phone?code={code}`. */
  declare handoffUrl: string;
  /** On the phone page: the code from its link (the page reads it, e.g. from `?code=`, and gives it again after a reload); the flow carries on from the desktop's. */
  declare handoffCode: string;
  /** The issuing country to pre-select (ISO alpha-3); default: the region of the browser's language. */
  declare country: string;
  /** Offer only these document types. */
  declare documentTypes: DocumentType[] | undefined;
  /** Offer only these issuing countries (ISO alpha-3). */
  declare countries: string[] | undefined;
  /**
   * The document types of particular issuing countries, offered instead of `documentTypes`
   * once that country is chosen, e.g. `{ KOR: ['government_id', 'drivers_license'] }`.
   */
  declare documentsByCountry: Partial<Record<string, DocumentType[]>> | undefined;
  /**
   * Host-supplied session tokens instead of `POST {endpoint}/session` (e.g. a native app).
   * Told the flow's `submissionId` and the `previousToken`: after step 1 the host's backend
   * must refresh with the previous token as bearer, so that the new token keeps the submission.
   */
  /** `allow`: the selfie may also be uploaded where a camera works (default: upload only without a camera). */
  declare selfieUpload: string | undefined;
  declare getToken: ((context: TokenContext) => Promise<TokenGrant | string>) | undefined;
  declare ready: boolean;
  declare polite: string;
  declare assertive: string;
  /** The step element whose file could not be loaded (offline, or refused by its hash); null otherwise. */
  declare failedView: StepView | null;

  private readonly i18n: i18n;
  private t: Translate;
  private currentLocale: string;
  private readonly flowController = new FlowController(this, (state, previous) =>
    this.onFlowChange(state, previous),
  );
  private focusPending = false;
  /** The step the host last heard of in a kyc-step-change (null before the first, and after a disconnect). */
  private announcedStep: Step | null = null;
  private lastAnnouncedPercent = -1;
  /** The languages asked for (joined); `switching` while the first one's strings load. */
  private wantedLocale: string | null = null;
  private switching = false;
  private bridge: BridgeConnection | null = null;
  /** `endpoint_missing` was reported for the current (empty) endpoint. */
  private missingEndpoint = false;
  /** The step whose next steps' chunks were last prefetched. */
  private prefetchedAfter: Step | null = null;
  /** This device has no camera (known once asked, see `offersHandoff`). */
  private noCamera = false;
  /**
   * The flow on screen: the current one once ready. A flow started again (the app's first token,
   * a new configuration) leaves the screen to the one it replaces until it is ready: the same
   * step keeps its element, and what the applicant entered in it (see docs/architecture.md,
   * "Storage and location").
   */
  private shown: Flow | null = null;

  constructor() {
    super();
    this.endpoint = '';
    this.credentials = 'same-origin';
    this.capture = 'auto';
    this.autoCapture = 'on';
    this.address = 'off';
    this.pollTimeout = 300_000;
    this.disableResume = false;
    this.bridgeCommands = 'auto';
    this.businessName = '';
    this.businessLogo = '';
    this.privacyUrl = '';
    this.returnUrl = '';
    this.handoff = 'auto';
    this.handoffUrl = '';
    this.handoffCode = '';
    this.country = '';
    this.ready = false;
    this.polite = '';
    this.assertive = '';
    this.failedView = null;
    // English is always here; another language switches in willUpdate once its strings are loaded.
    this.currentLocale = 'en';
    this.i18n = createI18n(this.currentLocale);
    this.t = this.i18n.getFixedT(this.currentLocale);
  }

  /** The running flow (headless API), or null before the element is connected with an endpoint. */
  get flow(): Flow | null {
    return this.flowController.flow;
  }

  /** Forgets the applicant's progress (or kept result) on this device and starts a new verification. */
  async reset(): Promise<void> {
    await this.flow?.reset();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.bridge = connectBridge(this);
    // Moved in the DOM (disconnected, then connected again): start a flow again; it resumes.
    if (this.hasUpdated && !this.flowController.flow) this.requestUpdate();
  }

  /** Every `kyc-*` event also goes to the native app's webview bridge, when there is one. */
  override dispatchEvent(event: Event): boolean {
    const delivered = super.dispatchEvent(event);
    this.bridge?.forward(event);
    return delivered;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.bridge?.disconnect();
    this.bridge = null;
    this.flowController.flow?.dispose();
    this.flowController.flow = null;
    this.ready = false;
    this.announcedStep = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('bridgeCommands')) this.bridge?.refresh();
    if (changed.has('locale') || !this.hasUpdated) {
      const requested = requestedLocales(this.locale);
      const wanted = requested.join();
      if (wanted !== this.wantedLocale) {
        this.wantedLocale = wanted;
        const ready = loadedLocale(requested);
        // The first screen waits on "Loading" for its language; later, the screen stays (its
        // element and what the applicant entered in it) in the language it has until the new one
        // arrives. If it cannot load, the language stays.
        this.switching = !ready && !this.hasUpdated;
        if (ready) this.useLocale(ready);
        else {
          void loadLocale(requested)
            .then(
              (tag) => this.wantedLocale === wanted && this.useLocale(tag),
              () => undefined,
            )
            .then(() => {
              if (this.wantedLocale === wanted) this.switching = false;
              this.requestUpdate();
            });
        }
      }
    }
    const config = [
      'endpoint',
      'credentials',
      'documentTypes',
      'countries',
      'documentsByCountry',
      'getToken',
      'disableResume',
      'address',
      'pollTimeout',
      'resultTtl',
      'handoffCode',
    ] as const;
    const reconfigured = config.some((k) => changed.has(k));
    if (this.isConnected && this.endpoint && (!this.flowController.flow || reconfigured)) this.startFlow();
    else if (this.isConnected && !this.endpoint && !this.missingEndpoint) {
      // Without an endpoint nothing can start: say so once, rather than "Loading" for ever. A task
      // later, so that a framework that connects first and sets properties next is not reported.
      setTimeout(() => {
        if (!this.isConnected || this.endpoint || this.missingEndpoint) return;
        this.missingEndpoint = true;
        this.requestUpdate();
        this.dispatchEvent(new KycErrorEvent({ code: 'endpoint_missing', retryable: false }));
        adviseIntegrator('endpoint_missing', '');
      });
    }
    if (this.endpoint) this.missingEndpoint = false;
  }

  private useLocale(locale: string): void {
    addLoadedLocale(this.i18n, locale);
    this.currentLocale = locale;
    void this.i18n.changeLanguage(locale);
    this.t = this.i18n.getFixedT(locale);
  }

  private startFlow(): void {
    this.flowController.flow?.dispose();
    const code = this.handoffCode;
    const credentials =
      this.credentials === 'include' || this.credentials === 'omit' ? this.credentials : 'same-origin';
    const flow = createFlow({
      endpoint: this.endpoint,
      // The phone's flow is kept in its tab only, with its token (see core's store/phone-tab.ts).
      persist: !this.disableResume,
      ...(code ? { store: phoneStore(code) } : {}),
      address: this.address,
      credentials,
      pollTimeoutMs: Number.isFinite(this.pollTimeout) && this.pollTimeout >= 0 ? this.pollTimeout : 300_000,
      resultTtlMs: this.resultTtl,
      ...(this.documentTypes ? { documentTypes: this.documentTypes } : {}),
      ...(this.countries ? { countries: this.countries } : {}),
      ...(this.documentsByCountry ? { documentsByCountry: this.documentsByCountry } : {}),
      ...(this.getToken ? { getToken: this.getToken } : {}),
    });
    this.flowController.flow = flow;
    this.ready = false;
    void flow.ready.then(() => {
      if (this.flowController.flow !== flow) return;
      this.ready = true;
      this.shown = flow;
      // A flow started again (new tokens from the app, a new configuration) on the screen the
      // host already heard of is no new step; on another one, the host hears where it came from.
      const step = flow.state.step;
      if (step !== this.announcedStep)
        this.dispatchEvent(new KycStepChangeEvent({ step, previousStep: this.announcedStep }));
      this.announcedStep = step;
      this.announceErrors(flow.state, null);
    });
    if (!code) void flow.start();
    else
      void redeemHandoff(flow, code, {
        endpoint: this.endpoint,
        credentials,
        resume: !this.disableResume,
      }).catch(() =>
        flow
          .start()
          .then(() =>
            flow.send({ type: 'SESSION_FAILED', error: { code: 'chunk_load_failed', retryable: false } }),
          ),
      );
    // Whether this device has a camera, for the handoff's `auto` (no permission needed to count them).
    void navigator.mediaDevices
      ?.enumerateDevices()
      .then((devices) => (this.noCamera = !devices.some((d) => d.kind === 'videoinput')))
      .catch(() => undefined);
  }

  /** Whether the document's photo offers "Continue on your phone" here (see `handoff`). */
  private offersHandoff(): boolean {
    return (
      !!this.handoffUrl &&
      !this.handoffCode &&
      (this.handoff === 'always' ||
        (this.handoff !== 'off' && (this.noCamera || !matchMedia('(pointer: coarse)').matches)))
    );
  }

  private onFlowChange(state: FlowState, previous: FlowState): void {
    if (!this.ready) return;
    // Opened by itself on reaching the photo where this device is no good at it (see `handoff`).
    if (
      state.step === 'documentCapture' &&
      previous.step !== 'documentCapture' &&
      (this.handoff === 'always' || this.noCamera) &&
      this.offersHandoff()
    )
      queueMicrotask(() => this.flowController.flow?.send({ type: 'HANDOFF_SHOWN' }));
    if (previous.step === 'consent' && state.step === 'document') {
      this.dispatchEvent(
        new KycConsentEvent({ processing: true, biometric: state.context.biometricConsent === true }),
      );
      // The face detector loads in the background now, so that the selfie screen opens ready.
      // WASM unless the page says its CSP refuses it (`face-wasm="off"`, docs/integration.md).
      void prepareSelfie(this.getAttribute('face-wasm') !== 'off').catch(() => undefined);
    }
    // The handoff screen comes and goes over the same step: its heading (or the step's) takes the focus.
    if (!state.context.handoff !== !previous.context.handoff) this.focusPending = true;
    if (state.step !== previous.step) {
      this.focusPending = true;
      this.lastAnnouncedPercent = -1;
      this.dispatchEvent(new KycStepChangeEvent({ step: state.step, previousStep: previous.step }));
      this.announcedStep = state.step;
      if (state.step === 'exited')
        this.dispatchEvent(new KycExitEvent({ step: state.exitedFrom ?? previous.step }));
    }
    if (
      previous.step === 'submittingSelfie' &&
      (state.step === 'retrySelfie' ||
        (state.step === 'result' && state.context.result?.status === 'rejected' && state.context.lastReason))
    ) {
      this.dispatchEvent(
        new KycAttemptEvent({
          attempt: state.context.selfieAttempts,
          attemptsLeft: attemptsLeft(state),
          reason: state.context.lastReason ?? 'unknown',
        }),
      );
    }
    const result = state.context.result;
    if (
      state.step === 'result' &&
      result &&
      (previous.step !== 'result' || previous.context.result?.status !== result.status)
    ) {
      this.dispatchEvent(
        new KycCompleteEvent({ submissionId: state.context.submissionId ?? '', status: result.status }),
      );
    }
    this.announceErrors(state, previous);
    if (state.step === 'uploadingDocument' || state.step === 'submittingSelfie') {
      // Announce progress in quarters, not on every event.
      const percent = uploadPercent(state);
      const quarter = Math.floor(percent / 25) * 25;
      if (quarter !== this.lastAnnouncedPercent) {
        this.lastAnnouncedPercent = quarter;
        this.polite = this.t('upload.progress', { percent: quarter });
      }
    } else if (state.step === 'retrySelfie' && previous.step !== 'retrySelfie') {
      // The focus lands on the heading; say why and what is left as well.
      this.polite = `${this.t(`reason.${state.context.lastReason ?? 'unknown'}`)} ${this.t('selfie.attemptsLeft', { count: attemptsLeft(state) })}`;
    } else if (
      state.step === 'result' &&
      (previous.step !== 'result' || previous.context.result !== state.context.result)
    ) {
      this.polite = this.t(`result.${outcome(state)}.title`);
    } else if (state.step !== previous.step) {
      this.polite = '';
    }
  }

  private announceErrors(state: FlowState, previous: FlowState | null): void {
    const t = this.t;
    if (state.step === 'error' && state.error && previous?.step !== 'error') {
      this.dispatchEvent(
        new KycErrorEvent({ code: state.error.code, retryable: state.error.retry !== null }),
      );
      this.assertive = t(`error.code.${state.error.code}`, { defaultValue: t('error.code.default') });
      // No answer at all is a setup mistake at the session; later it is the applicant's connection.
      if (state.error.code !== 'network_error' || state.error.retry === 'session')
        adviseIntegrator(state.error.code, this.endpoint);
    } else if (state.context.notice && state.context.notice !== previous?.context.notice) {
      const { code, retryable } = state.context.notice;
      this.dispatchEvent(new KycErrorEvent({ code, retryable }));
    } else if (
      previous &&
      state.context.fieldErrors !== previous.context.fieldErrors &&
      Object.keys(state.context.fieldErrors).length
    ) {
      // A refused form (review, or the email on the document step): say how many fields to fix.
      const count = Object.keys(state.context.fieldErrors).length;
      const message =
        state.step === 'review'
          ? t('review.summary', { count })
          : t(`fieldError.${Object.values(state.context.fieldErrors)[0]}`);
      // The same text twice is not announced again: clear the region first.
      this.assertive = '';
      requestAnimationFrame(() => (this.assertive = message));
    } else if (state.step !== previous?.step) {
      this.assertive = '';
    }
  }

  protected override updated(): void {
    const step = this.ready ? this.flowController.flow?.state.step : undefined;
    if (step && step !== this.prefetchedAfter) {
      this.prefetchedAfter = step;
      // In the background: a failed prefetch is forgotten and tried again when the step comes.
      for (const view of viewsAfter(step, PREFETCH_AHEAD)) void loadView(view).catch(() => undefined);
    }
    if (!this.focusPending) return;
    // A step whose element is still loading takes the focus when it arrives.
    const element = this.renderRoot.querySelector<StepElement>('.step');
    if (!element) return;
    this.focusPending = false;
    void element.focusHeading();
  }

  /** The view's element is not defined yet: load it, and say so if it cannot be loaded. */
  private awaitView(view: StepView): void {
    if (this.failedView === view) return;
    void loadView(view).then(
      () => this.requestUpdate(),
      () => {
        if (this.failedView === view) return;
        this.failedView = view;
        this.assertive = this.t('widget.chunkFailed');
        this.dispatchEvent(new KycErrorEvent({ code: 'chunk_load_failed', retryable: true }));
      },
    );
  }

  private retryView(): void {
    this.failedView = null;
    this.assertive = '';
  }

  /** An end screen's primary action: tell the host, then follow `return-url` unless it said no. */
  private onDone(e: Event): void {
    const flow = this.flowController.flow;
    const outcome = (e as CustomEvent<KycOutcome>).detail;
    const event = new KycDoneEvent({ outcome, submissionId: flow?.state.context.submissionId ?? null });
    const url = this.returnUrl && safeReturnUrl(this.returnUrl);
    if (this.dispatchEvent(event) && url) location.assign(url);
  }

  protected override render() {
    const flow = this.shown;
    const shown = flow && !this.switching;
    return html`
      <section part="base" class="base" lang=${this.currentLocale} dir=${localeDir(this.currentLocale)} aria-label=${this.t('widget.label')} @argos-kyc-done-request=${this.onDone}>
        ${this.renderHeader(shown ? flow.state : null)}
        ${
          shown
            ? this.renderStep(flow, flow.state)
            : html`<p class="loading">${this.t(this.missingEndpoint ? 'widget.notSetUp' : 'widget.loading')}</p>`
        }
        <div class="visually-hidden" role="status" aria-live="polite">${this.polite}</div>
        <div class="visually-hidden" role="alert" aria-live="assertive">${this.assertive}</div>
      </section>
    `;
  }

  /**
   * The header row: the back arrow where the step has a way back, the business's name or logo,
   * and "Step 2 of 5" (text, so screen readers read it too) over one segment per step of this
   * configuration. The end screens (result, exited, error) count nothing.
   */
  private renderHeader(state: FlowState | null): TemplateResult {
    const t = this.t;
    const counted = state && !['result', 'exited', 'error'].includes(state.step);
    const at = counted ? progress(state) : null;
    const brand = this.businessLogo
      ? html`<img class="logo" src=${this.businessLogo} alt=${this.businessName || t('widget.logo')} />`
      : this.businessName;
    return html`
      <header class="header" part="header">
        ${
          state && BACK_STEPS.has(state.step) && !state.context.handoff
            ? html`<button type="button" class="back" aria-label=${t('common.back')} @click=${() => this.flowController.flow?.send({ type: 'BACK' })}>${BACK_ARROW}</button>`
            : nothing
        }
        <span class="brand"><slot name="brand">${brand}</slot></span>
        ${at ? html`<span class="count">${t('progress.step', { position: at.position, total: at.total })}</span>` : nothing}
      </header>
      ${
        at
          ? html`<div class="bar" part="progress-bar" aria-hidden="true">
            ${at.stages.map((_, i) => html`<span class=${i < at.position ? 'done' : ''}></span>`)}
          </div>`
          : nothing
      }
    `;
  }

  private renderStep(flow: Flow, state: FlowState): TemplateResult {
    const handoff = state.context.handoff;
    const view = handoff ? HANDOFF_VIEW : (STEP_VIEWS[state.step] ?? END_VIEW);
    if (view.load && !customElements.get(view.name)) {
      this.awaitView(view);
      return this.failedView === view
        ? html`<div class="chunk-failed">
            <p>${this.t('widget.chunkFailed')}</p>
            <button type="button" @click=${this.retryView}>${this.t('error.tryAgain')}</button>
          </div>`
        : html`<p class="loading" aria-busy="true">${this.t('widget.loading')}</p>`;
    }
    const tag = view.tag;
    const { t, currentLocale: locale } = this;
    const settings: StepSettings = {
      privacyUrl: this.privacyUrl,
      country: this.country,
      handoffUrl: this.handoffUrl,
      endpoint: this.endpoint,
      credentials: this.credentials,
      autoCapture: this.autoCapture !== 'off',
      selfieUpload: this.selfieUpload === 'allow',
      faceWasm: this.getAttribute('face-wasm') !== 'off',
    };
    // Only the two photo steps take `preferUpload`; the document's offers the phone too.
    return !handoff && (state.step === 'documentCapture' || state.step === 'selfieCapture')
      ? staticHtml`<${tag} class="step" exportparts=${STEP_PARTS} .flow=${flow} .state=${state} .t=${t} .locale=${locale} .settings=${settings} .preferUpload=${this.capture === 'upload'}></${tag}>${
          state.step === 'documentCapture' && this.offersHandoff()
            ? html`<button type="button" class="to-phone" @click=${() => flow.send({ type: 'HANDOFF_SHOWN' })}>${t('handoff.offer')}</button>`
            : nothing
        }`
      : staticHtml`<${tag} class="step" exportparts=${STEP_PARTS} .flow=${flow} .state=${state} .t=${t} .locale=${locale} .settings=${settings}></${tag}>`;
  }
}
