// "Continue on your phone" (issue 14; docs/protocol.md, "Handoff"), both ends:
// - on the desktop, the screen shown over the document's steps: a QR code and a copyable
//   link to the integrator's phone page (`handoff-url`), a code rotated while shown,
//   the phone's live progress by polling with backoff (no hard stop), the same result
//   once the phone's step 2 answers, and "Continue here instead";
// - on the phone, `redeem`: the code from the link for a session of its own, kept in
//   the tab so that a reload carries on (core's store/phone-tab.ts).
// A lazy chunk of its own with the QR encoder (LAZY_BUDGETS['handoff-step']).
import {
  EndpointError,
  HandoffClient,
  handoffLink,
  phoneTab,
  startOnPhone,
  type Flow,
  type HandoffCode,
  type HandoffProgress,
  type ResumeStore,
} from '@argos-kyc/core';
import { css, html, nothing, svg, type PropertyValues } from 'lit';
import { sharedStyles } from '../../styles/shared.ts';
import { StepElement } from '../step-element.ts';
import { qrPath } from './qr.ts';
import { addEnglish } from '../../i18n/i18n.ts';
import { handoffEn, type HandoffKey } from './strings.ts';

/** Polling: 1 s after a change, growing by half up to 5 s while the phone is awaited... */
const POLL_FIRST_MS = 1000;
const POLL_MAX_MS = 5000;
/** ...and up to 2 s once it opened the link: its last step shows here within 3 s. */
const POLL_OPENED_MAX_MS = 2000;

/** What the phone's page needs to redeem its code. */
export interface RedeemOptions {
  endpoint: string;
  credentials: RequestCredentials;
  /** Keep the link in this tab for a reload (sessionStorage): off with `disable-resume`. */
  resume: boolean;
}

/**
 * The phone: in a tab that redeemed this code before (a reload), its own token and its
 * resume point from the tab; else the code for a session token of its own, which the
 * flow's client holds from then on. A refused code (used, expired, another applicant's,
 * too many guesses) is the error screen once the flow has started (core's phone-tab.ts).
 */
export function redeem(flow: Flow, code: string, options: RedeemOptions): Promise<void> {
  const { resume, ...client } = options;
  return startOnPhone(flow, code, { ...client, tab: resume ? phoneTab(code) : null });
}

/** The phone's resume store in this tab (the flow's `store`): see core's phone-tab.ts. */
export const phoneStore = (code: string): ResumeStore => phoneTab(code).store;

// This screen's English, which the first screens' en.ts leaves to this chunk (handoff.offer stays there).
addEnglish({ handoff: handoffEn });
/**
 * @summary The desktop's "Continue on your phone": a QR code and a link for the phone, the
 * phone's progress, and a way back.
 * @csspart heading - The step's heading.
 * @csspart qr - The QR code.
 * @csspart actions - The footer.
 */
export class KycHandoffStep extends StepElement {
  static override properties = {
    ...StepElement.properties,
    code: { state: true },
    progress: { state: true },
    problem: { state: true },
    copied: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .qr {
        display: block;
        width: min(14rem, 70%);
        margin: 0 auto 1rem;
        /* Dark on light whatever the theme: what phone cameras read. */
        background: #fff;
        padding: 0.75rem;
        border-radius: var(--argos-kyc-radius);
      }
      .link {
        display: flex;
        gap: 0.5rem;
        align-items: stretch;
      }
      .link .button {
        width: auto;
        flex: none;
        border: 1px solid var(--argos-kyc-color-border);
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0 0 1rem;
      }
      li {
        padding: 0.375rem 0;
      }
      li.done {
        color: var(--argos-kyc-color-success);
        font-weight: 600;
      }
      h3 {
        font-size: 1rem;
        margin: 0 0 0.5rem;
      }
    `,
  ];

  declare code: HandoffCode | null;
  declare progress: HandoffProgress | null;
  /** An error code to explain (the store down, no connection); the screen keeps trying. */
  declare problem: string;
  declare copied: boolean;

  #client: HandoffClient | null = null;
  #abort = new AbortController();
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #rotateTimer: ReturnType<typeof setTimeout> | undefined;
  #delay = POLL_FIRST_MS;
  #finished = false;

  constructor() {
    super();
    this.code = null;
    this.progress = null;
    this.problem = '';
    this.copied = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#abort = new AbortController();
    this.#finished = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A reload or another screen: the handoff stays on the endpoint (a reload follows it again).
    this.#abort.abort();
    clearTimeout(this.#pollTimer);
    clearTimeout(this.#rotateTimer);
    this.#client = null;
  }

  protected override firstUpdated(): void {
    const { endpoint = '', credentials = 'same-origin' } = this.settings;
    this.#client = new HandoffClient({ endpoint, credentials, client: this.flow.client });
    void this.#begin();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('copied') && this.copied) setTimeout(() => (this.copied = false), 4000);
  }

  get #id(): string | null {
    // The flow's state, not the last one rendered: a new handoff is named before the next render.
    return this.flow.state.context.handoff?.id ?? null;
  }

  /** A new handoff, or after a reload the same one (a fresh code, unless its phone has it already). */
  async #begin(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    const id = this.#id;
    try {
      if (id) {
        const progress = await client.progress(id, this.#abort.signal);
        this.progress = progress;
        if (progress.state === 'opened') return this.#schedulePoll(0);
        if (progress.state === 'cancelled') return this.#startOver();
      }
      await this.#newCode();
      this.#schedulePoll(POLL_FIRST_MS);
    } catch (error) {
      if (this.#gone(error)) return this.#startOver();
      this.#trouble(error);
      this.#rotateTimer = setTimeout(() => void this.#begin(), this.#delay);
    }
  }

  /** The handoff was taken back or forgotten on the endpoint (e.g. idle for an hour): a new one. */
  #startOver(): void {
    this.progress = null;
    this.code = null;
    this.send({ type: 'HANDOFF_CLOSED' });
    this.send({ type: 'HANDOFF_SHOWN' });
    void this.#begin();
  }

  #gone(error: unknown): boolean {
    return error instanceof EndpointError && error.code === 'handoff_expired';
  }

  #trouble(error: unknown): void {
    if (this.#abort.signal.aborted) return;
    this.problem = error instanceof EndpointError ? error.code : 'network_error';
    this.#delay = Math.min(this.#delay * 1.5, POLL_MAX_MS);
  }

  /** The next code (the previous one stops working), and when to ask for the one after. */
  async #newCode(): Promise<void> {
    const code = await this.#client!.start('document', this.#id ?? undefined, this.#abort.signal);
    this.code = code;
    this.problem = '';
    if (code.handoffId !== this.#id) this.send({ type: 'HANDOFF_STARTED', handoffId: code.handoffId });
    clearTimeout(this.#rotateTimer);
    // Before `rotateAt`, and never after the code expired.
    const wait = Math.min(code.rotateAt, code.expiresAt - 1000) - Date.now();
    this.#rotateTimer = setTimeout(() => void this.#rotate(), Math.max(1000, wait));
  }

  async #rotate(): Promise<void> {
    if (this.progress?.state === 'opened' || this.#abort.signal.aborted) return;
    try {
      await this.#newCode();
    } catch (error) {
      if (this.#gone(error)) return this.#startOver();
      this.#trouble(error);
      this.#rotateTimer = setTimeout(() => void this.#rotate(), this.#delay);
    }
  }

  #schedulePoll(ms: number): void {
    clearTimeout(this.#pollTimer);
    if (!this.#abort.signal.aborted) this.#pollTimer = setTimeout(() => void this.#poll(), ms);
  }

  async #poll(): Promise<void> {
    const id = this.#id;
    if (!id || !this.#client || this.#finished) return;
    try {
      const progress = await this.#client.progress(id, this.#abort.signal);
      this.problem = '';
      const before = this.progress;
      this.progress = progress;
      if (progress.state === 'cancelled') {
        this.#finished = true;
        this.send({ type: 'HANDOFF_CLOSED' });
        return;
      }
      const status = progress.kycStatus;
      if (progress.submissionId && status && status !== 'incomplete') {
        // The phone's step 2 decided (or is under review): the same result and kyc-complete as here.
        this.#finished = true;
        this.send({ type: 'HANDOFF_FINISHED', submissionId: progress.submissionId, kycStatus: status });
        return;
      }
      const changed = before?.state !== progress.state || before.done.length !== progress.done.length;
      const max = progress.state === 'opened' ? POLL_OPENED_MAX_MS : POLL_MAX_MS;
      this.#delay = changed ? POLL_FIRST_MS : Math.min(this.#delay * 1.5, max);
      if (progress.state === 'opened') clearTimeout(this.#rotateTimer);
    } catch (error) {
      if (this.#gone(error)) return this.#startOver();
      this.#trouble(error);
    }
    this.#schedulePoll(this.#delay);
  }

  async #here(): Promise<void> {
    const id = this.#id;
    this.#finished = true;
    this.#abort.abort();
    // The code stops working and the phone's token no longer refreshes; if the endpoint cannot
    // be told, the code still expires by itself within minutes.
    if (id) await this.#client?.cancel(id).catch(() => undefined);
    this.send({ type: 'HANDOFF_CLOSED' });
  }

  #link(): string {
    const template = this.settings.handoffUrl ?? '';
    return this.code ? handoffLink(template, this.code.code) : '';
  }

  async #copy(): Promise<void> {
    const input = this.renderRoot.querySelector('input');
    try {
      await navigator.clipboard.writeText(this.#link());
    } catch {
      // No clipboard (an insecure page, a refusal): the link is selected for the applicant to copy.
      input?.select();
      return;
    }
    this.copied = true;
  }

  /** A string of this screen (its English came with this chunk, addEnglish). */
  #tx(key: HandoffKey, options: Record<string, string> = {}): string {
    return this.t(`handoff.${key}`, options);
  }

  protected override render() {
    const t = this.t;
    const tx = (key: HandoffKey, options?: Record<string, string>) => this.#tx(key, options);
    const progress = this.progress;
    const opened = progress?.state === 'opened';
    const link = this.#link();
    const item = (label: string, done: boolean) =>
      html`<li class=${done ? 'done' : ''}>${tx('item', { item: label, state: tx(done ? 'done' : 'waiting') })}</li>`;
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${tx('title')}</h2>
      ${
        opened
          ? nothing
          : html`<p>${tx('intro')}</p>
            ${
              link
                ? html`${this.#qr(link)}
                  <label for="link">${tx('link')}</label>
                  <div class="link field">
                    <input id="link" readonly .value=${link} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
                    <button type="button" class="button" @click=${() => void this.#copy()}>${tx('copy')}</button>
                  </div>
                  <p class="hint">${tx('rotates')}</p>`
                : html`<p class="muted" aria-busy="true">${tx('starting')}</p>`
            }`
      }
      <div role="status">
        ${this.copied ? html`<p class="hint">${tx('copied')}</p>` : nothing}
        ${
          opened
            ? html`<h3>${tx('phoneTitle')}</h3>
              <ul>
                ${item(tx('opened'), true)}
                ${item(tx('document'), progress.done.includes('document'))}
                ${item(tx('selfie'), progress.done.includes('selfie'))}
              </ul>
              <p>${tx('keepOpen')}</p>`
            : nothing
        }
        ${this.problem ? html`<p class="notice">${t(`error.code.${this.problem}`, { defaultValue: t('error.code.default') })}</p>` : nothing}
      </div>
      <div class="actions" part="actions">
        <button type="button" class="button" @click=${() => void this.#here()}>${tx('here')}</button>
      </div>
    `;
  }

  #qr(link: string) {
    const { size, path } = qrPath(link);
    // A four-module quiet zone around the code, as readers expect.
    return html`<svg class="qr" part="qr" role="img" aria-label=${this.#tx('qr')} viewBox="-4 -4 ${size + 8} ${size + 8}" shape-rendering="crispEdges">
      ${svg`<path d=${path} fill="#000" />`}
    </svg>`;
  }
}
