// The driver: holds the current state, runs what each step declares in effects.ts (the
// uploads, address look-ups, status polling), the session and the resume storage, and
// tells subscribers. All decisions are the pure machine's; this file only connects it to
// the network and to storage.
import { EndpointClient, type EndpointClientOptions, type StatusResult } from '../client/client.ts';
import { EndpointError } from '../client/errors.ts';
import {
  createResumeStore,
  DEFAULT_RESUME_TTL_MS,
  type ResumeRecord,
  type ResumeStore,
} from '../store/resume-store.ts';
import { effectsOf, type Activity, type HeldImage } from './effects.ts';
import { initialState, transition } from './machine.ts';
import { pollStatus } from './poll.ts';
import { forStorage, resumePoint } from './rules.ts';
import type { AddressMode, DocumentType, FlowError, FlowEvent, FlowState } from './types.ts';

export interface FlowOptions extends Omit<EndpointClientOptions, 'now' | 'submissionId'> {
  /** Offer only these document types (default: all three). */
  documentTypes?: DocumentType[];
  /** Offer only these issuing countries, ISO alpha-3 (default: all). */
  countries?: string[];
  /**
   * The document types of particular issuing countries, e.g. `{ KOR: ['government_id',
   * 'drivers_license'] }`: for those countries instead of `documentTypes`.
   */
  documentsByCountry?: Partial<Record<string, DocumentType[]>>;
  /** The address step: `off` (default), `optional` (with a skip) or `required`. */
  address?: AddressMode;
  /** How long a pending result polls `{endpoint}/status` for a decision. Default 5 min. */
  pollTimeoutMs?: number;
  /** First wait between status polls; doubles up to `pollMaxIntervalMs`. Default 2 s. */
  pollIntervalMs?: number;
  /** Longest wait between status polls. Default 30 s. */
  pollMaxIntervalMs?: number;
  /** Keep a resume point in IndexedDB. Default true. */
  persist?: boolean;
  /** How long a resume point stays usable, from the flow's first save. Default 24 h. */
  resumeTtlMs?: number;
  /**
   * How long a decided result (approved, rejected) is shown again on a return visit instead
   * of a new verification; only its outcome is kept. 0 keeps none. Default 24 h.
   */
  resultTtlMs?: number;
  /** Another resume store (e.g. `createMemoryResumeStore()` where there is no IndexedDB). */
  store?: ResumeStore;
  /** Clock, for tests. */
  now?: () => number;
}

export type FlowListener = (state: FlowState, previous: FlowState) => void;

/** A running flow: read `state`, `send` events, `subscribe` to changes. */
export interface Flow {
  readonly state: FlowState;
  readonly client: EndpointClient;
  /** Called after every state change; returns the unsubscribe function. */
  subscribe(listener: FlowListener): () => void;
  /**
   * Feeds an event to the machine (`DOCUMENT_SUBMITTED`, `ADDRESS_CONFIRMED` and
   * `SELFIE_SUBMITTED` may carry an image; it stays in memory). `ADDRESS_LOOKUP` may
   * carry the `language` of the answer.
   */
  send(event: FlowEvent | { type: 'ADDRESS_LOOKUP'; input: string; language?: string }): void;
  /** Resumes a stored flow if there is one, then opens the session. Call once. */
  start(): Promise<void>;
  /**
   * Resolves once `start()` has restored (or found nothing to restore) and, when it restored a
   * submission, once the session confirmed it: render from then on.
   */
  readonly ready: Promise<void>;
  /** Forgets everything (state, token, stored resume point) and starts over. */
  reset(): Promise<void>;
  /** Resolves when pending storage writes have finished. */
  settled(): Promise<void>;
  /** Stops uploads and listeners; the flow ignores events afterwards. */
  dispose(): void;
}

/** Today's date in the applicant's time zone, YYYY-MM-DD. */
function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function statusReceived(status: StatusResult): FlowEvent {
  const { kycStatus, attempts, commentCode } = status;
  return { type: 'STATUS_RECEIVED', kycStatus, attempts, commentCode };
}

function toFlowError(error: unknown): FlowError {
  if (error instanceof EndpointError)
    return { code: error.code, retryable: error.retryable, ...(error.field ? { field: error.field } : {}) };
  return { code: 'internal_error', retryable: false };
}

/** Creates a flow driver for one applicant and one endpoint. */
export function createFlow(options: FlowOptions): Flow {
  const now = options.now ?? Date.now;
  // The state is the one home of the submission id: the client asks for it, the resume record keeps it in `state`.
  const client = new EndpointClient({ ...options, now, submissionId: () => state.context.submissionId });
  const store =
    options.persist === false
      ? null
      : (options.store ??
        createResumeStore({
          key: new URL(options.endpoint, globalThis.location?.href ?? 'http://localhost/').href,
          ttlMs: options.resumeTtlMs,
          now,
        }));
  const rules = {
    documentTypes: options.documentTypes ?? [],
    countries: options.countries ?? [],
    documentsByCountry: options.documentsByCountry ?? {},
    address: options.address ?? 'off',
  };

  let state = initialState(rules);
  let disposed = false;
  /** The images between their capture and their upload: in memory only, never in the state. */
  const held: Record<HeldImage, Blob | null> = { document: null, selfie: null, address: null };
  let upload: AbortController | null = null;
  let lookup: AbortController | null = null;
  let stopPoll: (() => void) | null = null;
  let writes: Promise<void> = Promise.resolve();
  let lastSaved = '';
  const listeners = new Set<FlowListener>();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  // Not a number (an attribute's typo) is the default, never "for ever".
  const resultTtlMs = (options.resultTtlMs as number) >= 0 ? options.resultTtlMs! : DEFAULT_RESUME_TTL_MS;

  /** Stores the resume point of `current` (the state, or one about to be: see `runUpload`). */
  function persist(current = state): void {
    if (!store || disposed) return;
    // Nothing is worth keeping before consent, nor after an exit; of a decided result only its
    // outcome, for `resultTtlMs`. A pending result is kept (the submission only): a reload polls
    // again. Never a token (a new one comes from the session), and only a flow whose applicant
    // the session tagged: a resume is checked against the tag of whoever is signed in then.
    const point = current.step === 'exited' || !current.context.applicant ? null : resumePoint(current);
    const decided = point?.step === 'result' && point.context.result?.status !== 'pending';
    if (!point || point.step === 'consent' || (decided && resultTtlMs <= 0)) {
      // Before anything was saved (`''`), a consent screen has nothing to clear.
      if (lastSaved !== 'cleared' && (lastSaved !== '' || point?.step !== 'consent')) {
        lastSaved = 'cleared';
        writes = writes.then(() => store.clear()).catch(() => undefined);
      }
      return;
    }
    const record: ResumeRecord = {
      version: 2,
      state: forStorage(point),
      savedAt: 0,
      ...(decided ? { keepMs: resultTtlMs } : {}),
    };
    const key = JSON.stringify(record);
    if (key === lastSaved) return;
    lastSaved = key;
    record.savedAt = now();
    // A storage failure (private mode, quota) must not break the flow: resume is a convenience.
    writes = writes.then(() => store.save(record)).catch(() => undefined);
  }

  async function openSession(): Promise<void> {
    try {
      const session = await client.session();
      if (!disposed)
        send({
          type: 'SESSION_STARTED',
          emailRequired: session.emailRequired,
          submissionId: session.submissionId,
          previousTokenRefused: session.previousTokenRefused,
          applicant: session.applicant,
        });
    } catch (error) {
      if (!disposed) send({ type: 'SESSION_FAILED', error: toFlowError(error) });
    }
  }

  async function runUpload(): Promise<void> {
    const image = held.document;
    const document = state.context.document;
    if (!image || !document) {
      send({ type: 'UPLOAD_CANCELLED' });
      return;
    }
    const controller = new AbortController();
    upload = controller;
    try {
      const result = await client.step1(
        { ...document, image, ...(state.context.email ? { email: state.context.email } : {}) },
        {
          signal: controller.signal,
          onProgress: (p) => !controller.signal.aborted && send({ type: 'UPLOAD_PROGRESS', ...p }),
        },
      );
      if (controller.signal.aborted) return;
      held.document = null;
      const accepted: FlowEvent = {
        type: 'DOCUMENT_ACCEPTED',
        submissionId: result.submissionId,
        ocr: result.ocr,
      };
      // The submission is paid for: its resume point is stored before the review shows it, else a
      // reload in between came back to the photo with no submission, and a second upload made a
      // second one. A store that fails goes on at once; one that hangs (a blocked database), after 2 s.
      persist(transition(state, accepted));
      await Promise.race([writes, new Promise((wait) => setTimeout(wait, 2000))]);
      if (controller.signal.aborted) return;
      send(accepted);
    } catch (error) {
      if (controller.signal.aborted) return;
      send({ type: 'DOCUMENT_REJECTED', error: toFlowError(error) });
    } finally {
      if (upload === controller) upload = null;
    }
  }

  function abortUpload(): void {
    upload?.abort();
    upload = null;
  }

  async function runStep2(): Promise<void> {
    const image = held.selfie;
    const fields = state.context.fields;
    if (!image || !fields) {
      send({ type: 'SELFIE_FAILED', error: { code: 'aborted', retryable: false } });
      return;
    }
    const controller = new AbortController();
    upload = controller;
    try {
      const result = await client.step2(
        {
          fields,
          address: state.context.address,
          faceImage: image,
          // A proof of address goes with a confirmed address only: not after the applicant skipped it.
          addressImage: state.context.address ? held.address : null,
        },
        {
          signal: controller.signal,
          onProgress: (p) => !controller.signal.aborted && send({ type: 'UPLOAD_PROGRESS', ...p }),
        },
      );
      if (controller.signal.aborted) return;
      send({ type: 'SELFIE_ANSWERED', ...result });
    } catch (error) {
      if (controller.signal.aborted) return;
      send({ type: 'SELFIE_FAILED', error: toFlowError(error) });
    } finally {
      if (upload === controller) upload = null;
    }
  }

  async function runLookup(input: string, language: string | undefined): Promise<void> {
    lookup?.abort();
    const controller = new AbortController();
    lookup = controller;
    try {
      const result = await client.address(input, language, controller.signal);
      if (!controller.signal.aborted) send({ type: 'ADDRESS_FOUND', input, result });
    } catch (error) {
      if (!controller.signal.aborted) send({ type: 'ADDRESS_NOT_FOUND', input, error: toFlowError(error) });
    } finally {
      if (lookup === controller) lookup = null;
    }
  }

  /** The vendor's count of attempts and status, after a reload at the selfie or a pending result: a reload never resets it. */
  async function refreshAttempts(): Promise<void> {
    try {
      const status = await client.status();
      if (!disposed) send(statusReceived(status));
    } catch {
      // Unknown for now: the next step-2 answer (or the endpoint's 409) tells.
    }
  }

  function stopPolling(): void {
    stopPoll?.();
    stopPoll = null;
  }

  function startPolling(): void {
    stopPolling();
    stopPoll = pollStatus(
      client,
      {
        timeoutMs: options.pollTimeoutMs ?? 5 * 60_000,
        intervalMs: options.pollIntervalMs ?? 2_000,
        maxIntervalMs: options.pollMaxIntervalMs ?? 30_000,
        now,
      },
      {
        status: (status) => send(statusReceived(status)),
        expired: () => send({ type: 'POLL_EXPIRED' }),
        pending: () => state.step === 'result' && state.context.result?.status === 'pending',
      },
    );
  }

  function send(event: FlowEvent | { type: 'ADDRESS_LOOKUP'; input: string; language?: string }): void {
    if (disposed) return;
    let input: FlowEvent = event;
    let language: string | undefined;
    if (event.type === 'DOCUMENT_SUBMITTED') {
      if (event.image && state.step === 'documentCapture') held.document = event.image;
      input = { type: 'DOCUMENT_SUBMITTED' };
    } else if (event.type === 'SELFIE_SUBMITTED') {
      if (event.image && state.step === 'selfieCapture') held.selfie = event.image;
      input = { type: 'SELFIE_SUBMITTED' };
    } else if (event.type === 'ADDRESS_CONFIRMED') {
      if (state.step === 'address') held.address = event.image ?? null;
      input = { type: 'ADDRESS_CONFIRMED', address: event.address };
    } else if (event.type === 'ADDRESS_LOOKUP') {
      language = 'language' in event ? event.language : undefined;
      input = { type: 'ADDRESS_LOOKUP', input: event.input };
    } else if (event.type === 'REVIEW_SUBMITTED' && !event.today) {
      input = { ...event, today: localDate(now()) };
    }
    const previous = state;
    const next = transition(previous, input);
    if (next === previous) return;
    state = next;

    // What to start, stop and let go of is the steps' business: see STEP_EFFECTS in effects.ts.
    const effects = effectsOf(previous, next, input);
    if (effects.stop) activities[effects.stop].stop();
    for (const image of effects.release) held[image] = null;

    for (const listener of [...listeners]) listener(next, previous);
    persist();

    if (effects.start) activities[effects.start].start(next, language);
    if (effects.reopenSession) void openSession();
  }

  /** How the driver starts and stops each activity of the table. */
  const activities: Record<Activity, { start(state: FlowState, language?: string): void; stop(): void }> = {
    documentUpload: { start: () => void runUpload(), stop: abortUpload },
    selfieUpload: { start: () => void runStep2(), stop: abortUpload },
    addressLookup: {
      start: (s, language) => void runLookup(s.context.addressLookup?.input ?? '', language),
      stop: () => lookup?.abort(),
    },
    statusPolling: {
      start: (s) => {
        if (!s.context.result?.pollExpired) startPolling();
      },
      stop: stopPolling,
    },
  };

  return {
    get state() {
      return state;
    },
    client,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send,
    ready,
    async start() {
      let restored = false;
      let restoredSubmission = false;
      try {
        if (store) {
          const record = await store.load().catch(() => undefined);
          // No token was kept: the session below gets one (bound to the submission it names).
          if (record && !disposed) {
            send({ type: 'RESTORED', state: record.state });
            restored = true;
            restoredSubmission = state.context.submissionId !== null;
          }
        }
      } finally {
        // A restored flow holds the applicant's PII (a typed email, reviewed fields): render
        // only once the session has confirmed it belongs to whoever is signed in now.
        if (!restored) markReady();
      }
      try {
        await openSession();
        // Back at the selfie after a reload: the vendor's count of attempts, before the applicant spends one.
        // Back at a pending result: the decision may have come meanwhile (polling goes on otherwise).
        if (
          restoredSubmission &&
          (state.step === 'selfieCapture' || state.step === 'result') &&
          state.context.submissionId
        )
          await refreshAttempts();
      } finally {
        markReady();
      }
    },
    async reset() {
      abortUpload();
      stopPolling();
      held.document = held.selfie = held.address = null;
      client.setToken(null);
      send({ type: 'RESTART' });
      lastSaved = '';
      await writes;
      await store?.clear();
      lastSaved = 'cleared';
      await openSession();
    },
    settled: () => writes,
    dispose() {
      abortUpload();
      stopPolling();
      lookup?.abort();
      held.document = held.selfie = held.address = null;
      disposed = true;
      listeners.clear();
    },
  };
}
