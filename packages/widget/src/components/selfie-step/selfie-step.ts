import { attemptsLeft } from '@argos-kyc/core';
import { html, nothing } from 'lit';
import { PhotoCaptureController } from '../../controllers/photo-capture.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { captureStyles } from '../capture-step/capture-step.styles.ts';
import { StepElement } from '../step-element.ts';
import { selfieExamples } from './illustration.ts';
import { selfieStyles } from './selfie-step.styles.ts';

/** What the selfie check can say before an attempt is spent (quality issues, plus the face checks). */
export type SelfieIssue =
  | 'too_dark'
  | 'too_bright'
  | 'blurry'
  | 'glare'
  | 'low_resolution'
  | 'no_face'
  | 'multiple_faces'
  | 'face_too_small';

interface DetectedFace {
  boundingBox: { width: number; height: number };
}
interface FaceDetectorLike {
  detect(image: ImageBitmapSource): Promise<DetectedFace[]>;
}
type FaceDetectorConstructor = new (options?: {
  fastMode?: boolean;
  maxDetectedFaces?: number;
}) => FaceDetectorLike;

/** A face narrower than this share of the picture is too far away for the vendor's face match. */
const MIN_FACE_WIDTH = 0.18;

/**
 * Faces in the picture, where the browser has a face detector (the Shape Detection API's
 * `FaceDetector`: Chrome on macOS, Android and ChromeOS; not on Linux or Windows Chromium).
 * Returns null where there is none: the vendor's own check then decides.
 */
export async function checkFace(image: ImageBitmap): Promise<SelfieIssue | null | undefined> {
  const Detector = (globalThis as { FaceDetector?: FaceDetectorConstructor }).FaceDetector;
  if (!Detector) return undefined;
  try {
    const faces = await new Detector({ fastMode: true, maxDetectedFaces: 3 }).detect(image);
    if (faces.length === 0) return 'no_face';
    if (faces.length > 1) return 'multiple_faces';
    return faces[0]!.boundingBox.width / image.width < MIN_FACE_WIDTH ? 'face_too_small' : null;
  } catch {
    // The API exists but has no backend on this platform ("not supported"): no opinion.
    return undefined;
  }
}

/**
 * @summary The selfie: the front camera (mirrored on screen only) with an oval guide, a
 * preview, the quality and face checks before an attempt is spent, retake; a file
 * upload where there is no camera. Says how many of the three attempts are left.
 * @csspart heading - The step's heading.
 * @csspart viewfinder - The camera preview with its oval guide.
 * @csspart preview - The captured selfie.
 * @csspart upload - The file upload choice.
 * @csspart actions - The row of buttons.
 */
export class KycSelfieStep extends StepElement {
  static override styles = [sharedStyles, captureStyles, selfieStyles];
  static override properties = {
    ...StepElement.properties,
    preferUpload: { type: Boolean, attribute: false },
  };

  /** The integrator asked for upload only (`capture="upload"`). */
  declare preferUpload: boolean;

  private readonly photo = new PhotoCaptureController(this, {
    facingMode: 'user',
    kind: 'selfie',
    check: checkFace,
  });

  constructor() {
    super();
    this.preferUpload = false;
  }

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
    return html`
      <p>${t('selfie.hint')}</p>
      ${selfieExamples(t)}
      <div class="viewfinder" part="viewfinder">
        <video aria-label=${t('capture.video')} playsinline muted></video>
        <div class="guide oval" aria-hidden="true"></div>
        ${live ? nothing : html`<p class="starting" role="status">${photo.status.text('starting', t('capture.starting'))}</p>`}
      </div>
      <div class="actions" part="actions">
        <button type="button" class="button primary" aria-disabled=${live ? 'false' : 'true'} data-focus @click=${photo.takePhoto}>${t('selfie.take')}</button>
        <button type="button" class="button" @click=${() => photo.switchMode('upload')}>${t('capture.useUpload')}</button>
      </div>
    `;
  }

  private renderPreview() {
    const t = this.t;
    const issues = this.photo.issues;
    return html`
      <canvas part="preview" class="preview" role="img" tabindex="-1" data-focus aria-label=${t('selfie.preview')}></canvas>
      ${
        issues.length
          ? html`<p class="notice quality" role="alert">${t('selfie.qualityTitle', { issues: issues.map((i) => t(`selfie.quality.${i}`)).join(', ') })}</p>`
          : html`<p class="visually-hidden" role="status">${this.photo.status.text('clean', t('selfie.clean'))}</p>`
      }
      <div class="actions" part="actions">
        ${
          issues.length
            ? html`<button type="button" class="button primary" @click=${this.photo.retake}>${t('capture.retake')}</button>
              <button type="button" class="button" @click=${this.usePhoto}>${t('capture.useAnyway')}</button>`
            : html`<button type="button" class="button primary" @click=${this.usePhoto}>${t('selfie.use')}</button>
              <button type="button" class="button" @click=${this.photo.retake}>${t('capture.retake')}</button>`
        }
      </div>
    `;
  }
}
