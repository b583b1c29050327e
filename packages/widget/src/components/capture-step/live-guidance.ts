// The document screen's live guidance (issue 12): samples the playing video a few times
// a second, has the core analyse each frame at ~480 px (in the image worker, or on the
// main thread in slices), runs the core's guidance machine over the results, and fires
// the shutter when the machine says so. It lives in the capture step's lazy chunk: the
// script-tag file never carries the analysis (packages/core/src/image/README.md, "Live
// guidance").
import {
  createLiveAnalyzer,
  nextGuidance,
  resumeGuidance,
  startGuidance,
  type FramePoint,
  type GuideRect,
  type Guidance,
  type GuidanceState,
  type LiveAnalyzer,
  type LiveFrame,
} from '@argos-kyc/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Fewest milliseconds between two analysed frames (up to 10 a second): the shutter fires
 * on the first frame after "ready" has held 250 ms, so this is most of its delay.
 */
const FRAME_INTERVAL_MS = 100;
/** Fewest milliseconds between two announcements in the polite live region. */
const ANNOUNCE_INTERVAL_MS = 3000;
/** The guide's width as a share of the viewfinder's (or of its height, whichever binds). */
const GUIDE_SHARE = 0.84;
/** ID-1 card: 85.60 x 53.98 mm. */
const ID1 = 85.6 / 53.98;
/** The viewfinder's width in the overlay's units (its height follows its aspect). */
export const BOX_WIDTH = 1000;

/** Where things are in the viewfinder: its aspect, and the guide in its units and in frame fractions. */
export interface ViewfinderLayout {
  /** Width / height of the viewfinder: the camera's own, held between 3:4 (portrait) and 4:3. */
  aspect: number;
  /** The viewfinder's height in overlay units (its width is BOX_WIDTH). */
  height: number;
  /** The guide in overlay units. */
  box: { x: number; y: number; width: number; height: number };
  /** The same guide in fractions of the camera frame (the video fills the box, `object-fit: cover`). */
  guide: GuideRect;
}

/** The layout for a `videoWidth` x `videoHeight` camera frame (0 x 0 before the first frame: 4:3). */
export function viewfinderLayout(videoWidth: number, videoHeight: number): ViewfinderLayout {
  const videoAspect = videoWidth && videoHeight ? videoWidth / videoHeight : 4 / 3;
  const aspect = Math.min(4 / 3, Math.max(3 / 4, videoAspect));
  const height = BOX_WIDTH / aspect;
  let w = GUIDE_SHARE * BOX_WIDTH;
  let h = w / ID1;
  if (h > GUIDE_SHARE * height) {
    h = GUIDE_SHARE * height;
    w = h * ID1;
  }
  const box = { x: (BOX_WIDTH - w) / 2, y: (height - h) / 2, width: w, height: h };
  // What object-fit: cover shows of the frame, in frame fractions.
  const shownW = videoAspect > aspect ? aspect / videoAspect : 1;
  const shownH = videoAspect > aspect ? 1 : videoAspect / aspect;
  const guide = {
    x: (1 - shownW) / 2 + (box.x / BOX_WIDTH) * shownW,
    y: (1 - shownH) / 2 + (box.y / height) * shownH,
    width: (w / BOX_WIDTH) * shownW,
    height: (h / height) * shownH,
  };
  return { aspect, height, box, guide };
}

/** The element the guidance serves. */
export interface LiveGuidanceHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: ParentNode;
}

export interface LiveGuidanceOptions {
  /** Whether the shutter may fire by itself (`auto-capture` is not `off`). Read at each start. */
  autoCapture: () => boolean;
  /** The shutter fired: the sharpest recent frame at the camera's full resolution (the callee owns it). */
  onCapture: (frame: ImageBitmap) => void;
}

/**
 * Live guidance for one camera session: `start(video)` when the camera is live,
 * `stop()` when it is not (or a photo was taken). Between the two the host re-renders
 * with `shown`, `hint` and `announcement`.
 */
export class LiveGuidanceController implements ReactiveController {
  private readonly host: LiveGuidanceHost;
  private readonly options: LiveGuidanceOptions;
  private analyzer: LiveAnalyzer | undefined;
  private guidance: Guidance | undefined;
  /** Full-resolution frames of the current "ready" run, by id (the machine names one at the shutter; only ready frames are kept). */
  private readonly frames = new Map<number, ImageBitmap>();
  private video: HTMLVideoElement | undefined;
  private generation = 0;
  private nextId = 1;
  private lastAnnouncedAt = -Infinity;
  private pendingAnnouncement: GuidanceState | undefined;
  /** The guide drawn on screen, in frame fractions (also what the analysis measures against). */
  guide: GuideRect | undefined;
  /** The message on screen; undefined until the first frame is judged. */
  shown: GuidanceState | undefined;
  /** No "ready" for ~10 s: offer the manual shutter and the upload. */
  hint = false;
  /** The last message said in the polite live region. */
  announcement: GuidanceState | undefined;
  /** The document's corners in the last frame (frame fractions), if one was found. */
  corners: readonly FramePoint[] | undefined;

  constructor(host: LiveGuidanceHost, options: LiveGuidanceOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** Whether frames are being analysed. */
  get running(): boolean {
    return this.video !== undefined;
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Starts analysing `video` (already playing); a retake resumes the previous guidance. */
  start(video: HTMLVideoElement, guide: GuideRect): void {
    if (this.video === video) {
      this.guide = guide;
      return;
    }
    this.stop();
    this.video = video;
    this.guide = guide;
    this.analyzer ??= createLiveAnalyzer();
    const now = performance.now();
    this.guidance = this.guidance
      ? resumeGuidance(this.guidance, now)
      : startGuidance(now, { autoCapture: this.options.autoCapture() });
    this.hint = false;
    const generation = ++this.generation;
    void this.loop(video, generation);
  }

  /** Stops the analysis and lets go of every kept frame. */
  stop(): void {
    this.generation++;
    this.video = undefined;
    this.analyzer?.reset();
    this.release();
  }

  private release(keep?: ReadonlySet<number>): void {
    for (const [id, frame] of this.frames)
      if (!keep?.has(id)) {
        frame.close();
        this.frames.delete(id);
      }
  }

  private nextFrame(video: HTMLVideoElement, since: number): Promise<void> {
    const wait = Math.max(0, since + FRAME_INTERVAL_MS - performance.now());
    return new Promise((resolve) =>
      setTimeout(() => {
        // A frame the camera has actually delivered, where the browser can say so.
        if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => resolve());
        else resolve();
      }, wait),
    );
  }

  private async loop(video: HTMLVideoElement, generation: number): Promise<void> {
    let started = -Infinity;
    while (generation === this.generation) {
      await this.nextFrame(video, started);
      if (generation !== this.generation) return;
      started = performance.now();
      const guide = this.guide;
      let result: LiveFrame;
      try {
        // One frame in, at most one full-resolution copy out: only a "ready" frame, which
        // the shutter may choose, is copied whole (in the worker where there is one).
        result = await this.analyzer!.analyzeKeeping(video, started, {
          ...(guide ? { guide } : {}),
          keep: this.guidance!.internal.options.limits,
        });
      } catch {
        continue; // no frame yet (the video is between tracks); try the next
      }
      if (generation !== this.generation) {
        result.frame?.close();
        return;
      }
      const id = this.nextId++;
      if (result.frame) this.frames.set(id, result.frame);
      this.onAnalysis(
        nextGuidance(this.guidance!, { time: started, id, analysis: result.analysis }),
        result.analysis.document?.corners,
      );
    }
  }

  private onAnalysis(guidance: Guidance, corners: readonly FramePoint[] | undefined): void {
    this.guidance = guidance;
    this.corners = corners;
    const capture = guidance.capture;
    if (capture) {
      const frame = this.frames.get(capture.id);
      this.frames.delete(capture.id);
      this.stop();
      if (frame) {
        this.options.onCapture(frame);
        return;
      }
    }
    this.release(new Set(guidance.internal.readyFrames.map((f) => f.id)));
    const now = performance.now();
    if (guidance.changed || this.shown === undefined) this.pendingAnnouncement = guidance.shown;
    // Said once per change, and not more often than every few seconds: the stabiliser
    // already holds each message 1.5 s, a screen reader needs longer to say it.
    if (this.pendingAnnouncement && now - this.lastAnnouncedAt >= ANNOUNCE_INTERVAL_MS) {
      if (this.pendingAnnouncement !== this.announcement) {
        this.announcement = this.pendingAnnouncement;
        this.lastAnnouncedAt = now;
      }
      this.pendingAnnouncement = undefined;
    }
    this.shown = guidance.shown;
    this.hint = guidance.hint;
    this.host.requestUpdate();
  }
}
