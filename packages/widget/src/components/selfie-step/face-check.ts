// The selfie's face check in the page (issue 13): the live gate on camera frames, and
// the same rules on an uploaded picture, with the detector that runs in the core's face
// worker. Where that detector cannot run, the browser's own `FaceDetector` (where there
// is one) keeps today's check, and the host hears why in a `kyc-warning`.
import {
  detectFaces,
  FACE_DETECTOR_INPUT,
  FACE_STILL_INPUT,
  FaceGate,
  faceDetector,
  judgeFaceFrame,
  judgeStillFace,
  loadFaceDetector,
  warmStillInput,
  type FaceDetectorInfo,
  type FaceGuidance,
  type Rect,
} from '@argos-kyc/core/face';

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

/** The face issues: a picture with one of them is never sent (no "use it anyway"). */
export const FACE_ISSUES: ReadonlySet<string> = new Set(['no_face', 'multiple_faces', 'face_too_small']);

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
 * The older check, where our detector cannot run: the Shape Detection API's
 * `FaceDetector` (Chrome on macOS, Android and ChromeOS; not on Linux or Windows).
 * Returns undefined where there is none: the vendor's own check then decides.
 */
export async function browserFaceCheck(image: ImageBitmap): Promise<SelfieIssue | null | undefined> {
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
 * Starts loading the detector in the background (after consent); resolves when it is ready
 * or known unavailable. `wasm: false` where the page's CSP refuses WebAssembly (`face-wasm="off"`):
 * the first call decides, and the others below only share its answer.
 */
export function prepareFaceCheck(wasm = true): Promise<FaceDetectorInfo> {
  return loadFaceDetector({ wasm });
}

/** Once the detector is loaded, prepares it for an upload's larger input (warmStillInput). */
export function prepareUploadCheck(): void {
  void loadFaceDetector().then((info) => {
    if (info.status === 'ready') warmStillInput();
  });
}

/** `source` scaled so that its long side is the detector's input size (`size`). */
function detectorFrame(
  source: ImageBitmapSource,
  width: number,
  height: number,
  size = FACE_DETECTOR_INPUT,
): Promise<ImageBitmap> {
  const scale = Math.min(1, size / Math.max(width, height));
  return createImageBitmap(source, {
    resizeWidth: Math.max(1, Math.round(width * scale)),
    resizeHeight: Math.max(1, Math.round(height * scale)),
    resizeQuality: 'medium',
  });
}

const STILL_ISSUE: Partial<Record<FaceGuidance, SelfieIssue>> = {
  no_face: 'no_face',
  several_faces: 'multiple_faces',
  come_closer: 'face_too_small',
};

/**
 * The gate's rules on one picture (an upload, or the frame the live gate chose): null
 * when it may be sent, else the face issue. Light is the image pipeline's own check.
 */
export async function checkFace(
  image: ImageBitmap,
  from: 'camera' | 'upload' = 'upload',
): Promise<SelfieIssue | null | undefined> {
  const info = await loadFaceDetector();
  if (info.status !== 'ready') return browserFaceCheck(image);
  try {
    // An upload at a larger input than the live frames': at theirs, one of two side-by-side
    // faces slipped through (e2e/tests/selfie-gate.spec.ts). A camera frame was judged live.
    const size = from === 'upload' ? FACE_STILL_INPUT : FACE_DETECTOR_INPUT;
    const frame = await detectorFrame(image, image.width, image.height, size);
    const d = await detectFaces(frame, size);
    const verdict = judgeStillFace({ ...d, measures: { brightness: 0.5, sharpness: 1 } });
    return STILL_ISSUE[verdict] ?? null;
  } catch {
    return browserFaceCheck(image);
  }
}

/** Virtual cameras by their label (OBS, "virtual", "fake"): warned about, never blocked. */
export function looksVirtual(label: string): boolean {
  return /\bobs\b|virtual|fake|manycam|snap camera|xsplit/i.test(label);
}

/** What the live check tells its host after each frame. */
export interface LiveFaceState {
  guidance: FaceGuidance | undefined;
  /** The frame to send (full resolution) once the gate has opened; null while closed. */
  best: ImageBitmap | null;
}

/**
 * The live gate over a playing `<video>`: one frame at a time (the next is taken when the
 * worker answers), scaled to the detector's input size; the frames at full resolution
 * are kept only while they can still be chosen. `oval()` gives the oval's box in the
 * video's own pixels (the view crops and mirrors it).
 */
export class LiveFaceCheck {
  private gate: FaceGate<ImageBitmap> | undefined;
  private running = false;
  private kept: ImageBitmap[] = [];
  private chosen: ImageBitmap | null = null;
  /** Frames per verdict, for the benchmark. */
  readonly timings: number[] = [];

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly oval: () => Rect | undefined,
    private readonly onChange: (state: LiveFaceState) => void,
  ) {}

  get active(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  /** Stops sampling; the chosen frame (if any) is handed over with `take()`, every other is closed. */
  stop(): void {
    this.running = false;
    this.gate = undefined;
    for (const b of this.kept) if (b !== this.chosen) b.close();
    this.kept = [];
  }

  /** The chosen frame, now the caller's; the check stops. */
  take(): ImageBitmap | null {
    const chosen = this.chosen;
    this.chosen = null;
    this.kept = this.kept.filter((b) => b !== chosen);
    this.stop();
    return chosen;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const video = this.video;
      const oval = this.oval();
      if (faceDetector().status !== 'ready' || !video.videoWidth || !oval) {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      const w = video.videoWidth;
      const h = video.videoHeight;
      // One detection takes 0.3-2 s here: the 500 ms warm-up and one frame cover the camera's settling.
      this.gate ??= new FaceGate<ImageBitmap>({
        oval,
        now: () => performance.now(),
        limits: { warmUpFrames: 1 },
      });
      let full: ImageBitmap;
      let small: ImageBitmap;
      try {
        full = await createImageBitmap(video);
        small = await detectorFrame(full, w, h);
      } catch {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      let detection;
      try {
        detection = await detectFaces(small);
      } catch {
        full.close();
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      if (!this.running || !this.gate) {
        full.close();
        return;
      }
      this.timings.push(detection.ms);
      // Faces back into the full frame's pixels, where the oval is.
      const k = w / detection.width;
      const faces = detection.faces.map((f) => ({
        x: f.x * k,
        y: f.y * k,
        width: f.width * k,
        height: f.height * k,
        score: f.score,
      }));
      this.keep(full);
      const update = this.gate.push(
        {
          faces,
          width: w,
          height: h,
          measures: { brightness: detection.brightness, sharpness: detection.sharpness },
        },
        full,
      );
      if (update.capture) this.chosen = update.capture;
      // After the gate opened, a frame that is no longer ready closes it again (the face left):
      // a new gate, whose warm-up is over, starts judging.
      if (this.chosen && update.verdict === undefined && this.gate.guidance === 'ready') {
        const again = judge(faces, w, h, detection, oval);
        if (again !== 'ready' && again !== 'hold_still') {
          this.chosen = null;
          this.gate = new FaceGate<ImageBitmap>({
            oval,
            now: () => performance.now(),
            limits: { warmUpFrames: 0, warmUpMs: 0 },
          });
          this.onChange({ guidance: again, best: null });
          continue;
        }
      }
      this.onChange({ guidance: this.gate.guidance, best: this.chosen });
    }
  }

  /** Keeps the last few full frames (the gate chooses among its last five ready ones). */
  private keep(frame: ImageBitmap): void {
    this.kept.push(frame);
    while (this.kept.length > 7) {
      const old = this.kept.shift()!;
      if (old !== this.chosen) old.close();
    }
  }
}

function judge(
  faces: { x: number; y: number; width: number; height: number; score: number }[],
  width: number,
  height: number,
  d: { brightness: number; sharpness: number },
  oval: Rect,
): FaceGuidance {
  return judgeFaceFrame(
    { faces, width, height, measures: { brightness: d.brightness, sharpness: d.sharpness } },
    oval,
  );
}
