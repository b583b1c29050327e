// The selfie screen (issue 13): the front camera in a portrait view with an oval, the
// live face gate before the shutter (guidance as the face moves, the shutter opens only
// once the gate has chosen a frame with exactly one well-placed face), an upload only
// where there is no camera, it is refused, or the integrator allows it; the same face
// rules on an uploaded picture. A picture with a face issue is never sent.
import { listOf } from '../../i18n/list.ts';
import { attemptsLeft } from '@argos-kyc/core';
import { faceDetector, type FaceGuidance, type Rect } from '@argos-kyc/core/face';
import { html, nothing, svg } from 'lit';
import { PhotoCaptureController } from '../../controllers/photo-capture.ts';
import { KycWarningEvent } from '../../events/warning.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { captureStyles } from '../capture-step/capture-step.styles.ts';
import { StepElement } from '../step-element.ts';
import {
  checkFace,
  FACE_ISSUES,
  LiveFaceCheck,
  looksVirtual,
  prepareFaceCheck,
  prepareUploadCheck,
} from './face-check.ts';
import { selfieExamples } from './illustration.ts';
import { selfieStyles } from './selfie-step.styles.ts';
import { addEnglish } from '../../i18n/i18n.ts';
import { selfieEn } from './strings.ts';

addEnglish({ selfie: selfieEn });

export { checkFace, type SelfieIssue } from './face-check.ts';

/** What the guidance line shows: the gate's message, or the detector still loading. */
type Guide = FaceGuidance | 'loading';

const ICON_OK = svg`<path d="M5 12.5l4.5 4.5L19 7.5" />`;
const ICON_MOVE = svg`<path d="M12 3v18M3 12h18M8 7l4-4 4 4M8 17l4 4 4-4" />`;
const ICON_WAIT = svg`<circle cx="12" cy="12" r="9" /><path d="M12 7v5l3 2" />`;
const ICON_WARN = svg`<circle cx="12" cy="12" r="9" /><path d="M12 7v6M12 16.5v.5" />`;

function iconOf(guide: Guide) {
  if (guide === 'ready') return ICON_OK;
  if (guide === 'loading' || guide === 'hold_still') return ICON_WAIT;
  if (guide === 'come_closer' || guide === 'move_back' || guide === 'centre_face') return ICON_MOVE;
  return ICON_WARN;
}

/**
 * @summary The selfie: the front camera (mirrored on screen only) in a portrait view with
 * an oval, the live face check before the shutter, a preview, retake; a file upload where
 * there is no camera (or `selfie-upload="allow"`). Says how many of the three attempts are left.
 * @csspart heading - The step's heading.
 * @csspart viewfinder - The camera preview with its oval guide.
 * @csspart guidance - The face check's message under the camera.
 * @csspart preview - The captured selfie.
 * @csspart upload - The file upload choice.
 * @csspart actions - The row of buttons.
 */
export class KycSelfieStep extends StepElement {
  static override styles = [sharedStyles, captureStyles, selfieStyles];
  static override properties = {
    ...StepElement.properties,
    preferUpload: { type: Boolean, attribute: false },
    guide: { state: true },
    gateOpen: { state: true },
  };

  /** The integrator asked for upload only (`capture="upload"`). */
  declare preferUpload: boolean;
  declare guide: Guide | undefined;
  declare gateOpen: boolean;

  private readonly photo = new PhotoCaptureController(this, {
    facingMode: 'user',
    kind: 'selfie',
    check: checkFace,
  });
  private live: LiveFaceCheck | undefined;
  private warned = new Set<string>();
  private stillWarmed = false;

  constructor() {
    super();
    this.preferUpload = false;
    this.gateOpen = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Normally loading since consent; after a reload onto this screen it starts here.
    void prepareFaceCheck(this.settings.faceWasm !== false).then((info) => {
      if (info.status === 'unavailable') this.warn('face_check_unavailable', info.reason);
      this.requestUpdate();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.live?.stop();
    this.live = undefined;
  }

  private warn(code: 'face_check_unavailable' | 'virtual_camera', reason?: string): void {
    if (this.warned.has(code)) return;
    this.warned.add(code);
    this.dispatchEvent(new KycWarningEvent(reason ? { code, reason } : { code }));
  }

  /** Upload is offered beside the camera only when the integrator allows it. */
  private get uploadAllowed(): boolean {
    return this.settings.selfieUpload === true;
  }

  private get gated(): boolean {
    return faceDetector().status !== 'unavailable';
  }

  protected override updated(): void {
    // The upload's face check runs at a larger input: the detector prepares it while the
    // applicant picks the file.
    if (this.photo.effectiveMode === 'upload' && !this.stillWarmed) {
      this.stillWarmed = true;
      prepareUploadCheck();
    }
    const video = this.renderRoot.querySelector('video');
    const capturing =
      this.photo.phase === 'capturing' &&
      this.photo.effectiveMode === 'camera' &&
      this.photo.camera.state === 'live';
    if (capturing && video && this.gated) {
      if (!this.live) {
        const label = (video.srcObject as MediaStream | null)?.getVideoTracks()[0]?.label ?? '';
        if (looksVirtual(label)) this.warn('virtual_camera');
        this.live = new LiveFaceCheck(
          video,
          () => this.ovalInFrame(video),
          ({ guidance, best }) => {
            this.guide = guidance;
            this.gateOpen = !!best;
          },
        );
        this.live.start();
      }
    } else if (this.live) {
      this.live.stop();
      this.live = undefined;
      if (this.guide !== undefined) this.guide = undefined;
      if (this.gateOpen) this.gateOpen = false;
    }
  }

  /**
   * The oval's box in the video's own pixels. The video covers a portrait view (cropped
   * at its sides, centred), so the view's pixels map to the frame's by one scale; the
   * mirror does not move the oval, which is centred.
   */
  private ovalInFrame(video: HTMLVideoElement): Rect | undefined {
    const oval = this.renderRoot.querySelector('.oval')?.getBoundingClientRect();
    const view = video.getBoundingClientRect();
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (!oval || !view.width || !view.height || !w || !h) return undefined;
    const scale = Math.max(view.width / w, view.height / h);
    return {
      x: w / 2 + (oval.left - (view.left + view.width / 2)) / scale,
      y: h / 2 + (oval.top - (view.top + view.height / 2)) / scale,
      width: oval.width / scale,
      height: oval.height / scale,
    };
  }

  private readonly shutter = (): void => {
    if (!this.gated) {
      void this.photo.takePhoto();
      return;
    }
    const best = this.gateOpen ? this.live?.take() : null;
    if (!best) return;
    this.live = undefined;
    this.gateOpen = false;
    this.guide = undefined;
    void this.photo.useFrame(best);
  };

  private usePhoto() {
    if (this.photo.prepared) this.send({ type: 'SELFIE_SUBMITTED', image: this.photo.prepared.blob });
  }

  protected override render() {
    const t = this.t;
    const { notice, selfieAttempts } = this.state.context;
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t('selfie.title')}</h2>
      ${selfieAttempts > 0 ? html`<p class="attempts">${t('selfie.attemptsLeft', { count: attemptsLeft(this.state) })}</p>` : nothing}
      ${notice ? html`<p class="notice" role="alert">${t(`capture.notice.${notice.code}`, { defaultValue: t('capture.notice.invalid_field') })}</p>` : nothing}
      ${this.photo.problem ? html`<p class="notice" role="alert">${t(this.photo.problem)}</p>` : nothing}
      ${
        this.photo.phase === 'preview'
          ? this.renderPreview()
          : this.photo.phase === 'processing'
            ? html`<p role="status" tabindex="-1" data-focus>${this.photo.status.text('processing', t('capture.processing'))}</p>`
            : this.renderCapture()
      }
    `;
  }

  private renderCapture() {
    const t = this.t;
    const photo = this.photo;
    if (photo.effectiveMode === 'upload') {
      return html`
        ${photo.cameraFailed ? html`<p class="notice">${t('selfie.cameraProblem')}</p>` : nothing}
        <p>${t('selfie.uploadHint')}</p>
        ${selfieExamples(t)}
        <div class="actions" part="actions">
          <label class="button primary file" part="upload">
            ${t('capture.uploadLabel')}
            <input class="visually-hidden" type="file" accept="image/jpeg,image/png" capture="user" data-focus @change=${photo.onFile} />
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
    const gated = this.gated;
    const guide: Guide | undefined = !live
      ? undefined
      : faceDetector().status === 'ready'
        ? this.guide
        : gated
          ? 'loading'
          : undefined;
    const canTake = live && (!gated || this.gateOpen);
    return html`
      <p>${t('selfie.hint')}</p>
      <div class="viewfinder portrait" part="viewfinder">
        <video aria-label=${t('capture.video')} playsinline muted></video>
        <div class="guide oval ${this.gateOpen ? 'ok' : ''}" aria-hidden="true"></div>
        ${live ? nothing : html`<p class="starting" role="status">${photo.status.text('starting', t('capture.starting'))}</p>`}
      </div>
      <p class="guidance" part="guidance" role="status">
        ${
          guide
            ? html`<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" class=${guide === 'ready' ? 'ok' : ''}>${iconOf(guide)}</svg><span>${photo.status.text('guide', t(`selfie.guide.${guide}`))}</span>`
            : nothing
        }
      </p>
      <div class="actions" part="actions">
        <button type="button" class="button primary" aria-disabled=${canTake ? 'false' : 'true'} data-focus @click=${this.shutter}>${t('selfie.take')}</button>
        ${
          this.uploadAllowed
            ? html`<button type="button" class="button" @click=${() => photo.switchMode('upload')}>${t('capture.useUpload')}</button>`
            : nothing
        }
      </div>
      ${selfieExamples(t)}
    `;
  }

  private renderPreview() {
    const t = this.t;
    const issues = this.photo.issues;
    // A face issue is never sent: only a new picture can fix it.
    const blocked = issues.some((i) => FACE_ISSUES.has(i));
    return html`
      <canvas part="preview" class="preview" role="img" tabindex="-1" data-focus aria-label=${t('selfie.preview')}></canvas>
      ${
        issues.length
          ? html`<p class="notice quality" role="alert">${t(
              blocked ? 'selfie.faceTitle' : 'selfie.qualityTitle',
              {
                issues: listOf(
                  issues.map((i) => t(`selfie.quality.${i}`)),
                  this.locale,
                ),
              },
            )}</p>`
          : html`<p class="visually-hidden" role="status">${this.photo.status.text('clean', t('selfie.clean'))}</p>`
      }
      <div class="actions" part="actions">
        ${
          issues.length
            ? html`<button type="button" class="button primary" @click=${this.photo.retake}>${t('capture.retake')}</button>
              ${blocked ? nothing : html`<button type="button" class="button" @click=${this.usePhoto}>${t('capture.useAnyway')}</button>`}`
            : html`<button type="button" class="button primary" @click=${this.usePhoto}>${t('selfie.use')}</button>
              <button type="button" class="button" @click=${this.photo.retake}>${t('capture.retake')}</button>`
        }
      </div>
    `;
  }
}
