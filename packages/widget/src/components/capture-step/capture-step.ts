import type { GuidanceState } from '@argos-kyc/core';
import { listOf } from '../../i18n/list.ts';
import { html, nothing, svg } from 'lit';
import { PhotoCaptureController } from '../../controllers/photo-capture.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { countryName } from '../country-select/country-names.ts';
import { StepElement } from '../step-element.ts';
import { documentIllustration } from './illustration.ts';
import { captureStyles, documentStyles } from './capture-step.styles.ts';
import { addEnglish } from '../../i18n/i18n.ts';
import { captureGuideEn, type CaptureGuideKey } from './guide-strings.ts';
import {
  BOX_WIDTH,
  LiveGuidanceController,
  viewfinderLayout,
  type ViewfinderLayout,
} from './live-guidance.ts';

// The live guidance's English, which the first screens' en.ts leaves to this chunk.
addEnglish({ capture: { guide: captureGuideEn } });

/** How the guide's corners and the message's icon look for each state: framing, a quality problem, ready. */
type Tone = 'move' | 'warn' | 'ok';
const TONE: Record<GuidanceState, Tone> = {
  no_document: 'move',
  partly_outside: 'move',
  not_centred: 'move',
  too_far: 'move',
  too_close: 'move',
  tilted: 'move',
  too_dark: 'warn',
  too_bright: 'warn',
  hold_still: 'warn',
  glare: 'warn',
  blurred: 'warn',
  ready: 'ok',
};
// Decorative: the text beside each icon says it.
const ICONS: Record<Tone, ReturnType<typeof svg>> = {
  move: svg`<path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />`,
  warn: svg`<path d="M12 3 2 21h20ZM12 10v4M12 17.5v.5" />`,
  ok: svg`<path d="m5 12.5 4.5 4.5L19 7.5" />`,
};

/** The four corner marks of the guide, `r` long, in overlay units. */
function cornerPath({ x, y, width, height }: ViewfinderLayout['box'], r: number): string {
  const x1 = x + width;
  const y1 = y + height;
  return `M${x} ${y + r}V${y}H${x + r}M${x1 - r} ${y}H${x1}V${y + r}M${x1} ${y1 - r}V${y1}H${x1 - r}M${x + r} ${y1}H${x}V${y1 - r}`;
}

/**
 * @summary The ID photo: the rear camera with a document-shaped guide, live guidance
 * (what to fix, as text with an icon, said in a polite live region) and auto-capture
 * when the document is ready and still (unless `auto-capture="off"`); or a file upload
 * when there is no camera, permission is denied or the integrator prefers upload; a
 * preview, the quality warnings of the image pipeline, retake.
 * @csspart heading - The step's heading.
 * @csspart viewfinder - The camera preview with its guide frame.
 * @csspart guidance - The live message under the camera preview.
 * @csspart preview - The captured photo.
 */
export class KycCaptureStep extends StepElement {
  static override styles = [sharedStyles, captureStyles, documentStyles];
  static override properties = {
    ...StepElement.properties,
    preferUpload: { type: Boolean, attribute: false },
  };

  /** The integrator asked for upload only (`capture="upload"`). */
  declare preferUpload: boolean;

  private readonly photo = new PhotoCaptureController(this, { facingMode: 'environment', kind: 'document' });
  private readonly live = new LiveGuidanceController(this, {
    autoCapture: () => this.settings.autoCapture,
    onCapture: (frame) => {
      this.autoTaken = true;
      void this.photo.useFrame(frame);
    },
  });
  private layout: ViewfinderLayout = viewfinderLayout(0, 0);
  /** The photo in preview was taken by the auto-capture. */
  private autoTaken = false;

  constructor() {
    super();
    this.preferUpload = false;
  }

  /** A guidance string (English from this chunk through addEnglish when the language lacks it). */
  private guideText(key: CaptureGuideKey): string {
    return this.t(`capture.guide.${key}`);
  }

  private readonly takePhoto = () => {
    this.live.stop();
    this.autoTaken = false;
    void this.photo.takePhoto();
  };

  private readonly retake = () => {
    this.autoTaken = false;
    this.photo.retake();
  };

  protected override updated(): void {
    const video = this.renderRoot.querySelector('video');
    const photo = this.photo;
    if (
      video &&
      photo.camera.state === 'live' &&
      photo.phase === 'capturing' &&
      photo.effectiveMode === 'camera'
    ) {
      const layout = viewfinderLayout(video.videoWidth, video.videoHeight);
      if (layout.aspect !== this.layout.aspect) {
        this.layout = layout;
        this.requestUpdate();
      }
      // Through the CSSOM: a style attribute in the template breaks a strict CSP (style-src-attr).
      // At most 38% of the viewport tall, so the message and the buttons stay in view.
      const viewfinder = video.parentElement!;
      viewfinder.style.aspectRatio = String(layout.aspect);
      viewfinder.style.maxWidth = `calc(38vh * ${layout.aspect})`;
      this.live.start(video, layout.guide);
    } else if (this.live.running) this.live.stop();
  }

  private usePhoto() {
    if (this.photo.prepared) this.send({ type: 'DOCUMENT_SUBMITTED', image: this.photo.prepared.blob });
  }

  protected override render() {
    const t = this.t;
    const { document, notice } = this.state.context;
    const subtitle = document
      ? t('capture.subtitle', {
          type: t(`document.type.${document.idType}`),
          country: countryName(this.locale, document.issuingCountry),
        })
      : '';
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t('capture.title')}</h2>
      <p class="muted">${subtitle}</p>
      ${notice ? html`<p class="notice" role="alert">${t(`capture.notice.${notice.code}`, { defaultValue: t('capture.notice.invalid_field') })}</p>` : nothing}
      ${this.photo.problem ? html`<p class="notice" role="alert">${t(this.photo.problem)}</p>` : nothing}
      ${this.photo.phase === 'preview' ? this.renderPreview() : this.photo.phase === 'processing' ? this.renderProcessing() : this.renderCapture()}
    `;
  }

  private renderProcessing() {
    return html`<p class="processing" role="status" tabindex="-1" data-focus>${this.photo.status.text('processing', this.t('capture.processing'))}</p>`;
  }

  private renderCapture() {
    const t = this.t;
    const photo = this.photo;
    if (photo.effectiveMode === 'upload') {
      return html`
        ${photo.cameraFailed ? html`<p class="notice">${t('capture.cameraProblem')}</p>` : nothing}
        <div class="explain">${documentIllustration}<p>${t('capture.uploadHint')}</p></div>
        <div class="actions">
          <label class="button primary file" part="upload">
            ${t('capture.uploadLabel')}
            <input class="visually-hidden" type="file" accept="image/jpeg,image/png" data-focus @change=${photo.onFile} />
          </label>
          ${
            !this.preferUpload && !photo.cameraFailed
              ? html`<button type="button" class="button" @click=${() => photo.switchMode('camera')}>${t('capture.useCamera')}</button>`
              : nothing
          }
        </div>
      `;
    }
    const live = photo.camera.state === 'live';
    const guidance = this.live;
    const shown = live ? guidance.shown : undefined;
    const tone = shown ? TONE[shown] : 'move';
    const text = (state: GuidanceState) =>
      this.guideText(state === 'ready' && !this.settings.autoCapture ? 'readyManual' : state);
    const { height, box } = this.layout;
    const r = Math.min(box.width, box.height) * 0.16;
    return html`
      <div class="explain">${documentIllustration}<p>${t('capture.hint')}</p></div>
      <div class="viewfinder document" part="viewfinder" data-state=${shown ?? 'starting'}>
        <video aria-label=${t('capture.video')} playsinline muted @resize=${() => this.requestUpdate()}></video>
        <svg class="overlay" viewBox="0 0 ${BOX_WIDTH} ${height}" aria-hidden="true" data-tone=${tone}>
          <path class="dim" fill-rule="evenodd" d="M0 0H${BOX_WIDTH}V${height}H0ZM${box.x} ${box.y}v${box.height}h${box.width}v${-box.height}Z" />
          <path class="corners" d=${cornerPath(box, r)} />
        </svg>
        ${live ? nothing : html`<p class="starting" role="status">${photo.status.text('starting', t('capture.starting'))}</p>`}
      </div>
      <p class="guidance" part="guidance" data-tone=${tone}>
        ${shown ? html`<svg viewBox="0 0 24 24" aria-hidden="true">${ICONS[tone]}</svg><span>${text(shown)}</span>` : nothing}
      </p>
      ${live ? html`<p class="visually-hidden" role="status">${photo.status.text('guide', guidance.announcement ? text(guidance.announcement) : '')}</p>` : nothing}
      ${live && guidance.hint ? html`<p class="guide-hint" role="status">${photo.status.text('hint', this.guideText('hint'))}</p>` : nothing}
      <div class="actions">
        <button type="button" class="button primary" aria-disabled=${live ? 'false' : 'true'} data-focus @click=${this.takePhoto}>${t('capture.take')}</button>
        <button type="button" class="button" @click=${() => photo.switchMode('upload')}>${t('capture.useUpload')}</button>
      </div>
    `;
  }

  private renderPreview() {
    const t = this.t;
    const issues = this.photo.issues;
    return html`
      <canvas part="preview" class="preview" role="img" tabindex="-1" data-focus aria-label=${t('capture.preview')}></canvas>
      ${this.autoTaken ? html`<p class="muted auto-taken">${this.guideText('auto')}</p>` : nothing}
      ${
        issues.length
          ? html`<p class="notice quality" role="alert">
            ${t('capture.qualityTitle', {
              issues: listOf(
                issues.map((i) => t(`capture.quality.${i}`)),
                this.locale,
              ),
            })}
          </p>`
          : html`<p class="visually-hidden" role="status">${this.photo.status.text('clean', t('capture.clean'))}</p>`
      }
      <div class="actions">
        ${
          issues.length
            ? html`<button type="button" class="button primary" @click=${this.retake}>${t('capture.retake')}</button>
              <button type="button" class="button" @click=${this.usePhoto}>${t('capture.useAnyway')}</button>`
            : html`<button type="button" class="button primary" @click=${this.usePhoto}>${t('capture.usePhoto')}</button>
              <button type="button" class="button" @click=${this.retake}>${t('capture.retake')}</button>`
        }
      </div>
    `;
  }
}
