// CameraController against Chromium's fake camera (--use-fake-device-for-media-stream):
// states, capture size, and that every track is released on stop and on disconnect.
import { LitElement } from 'lit';
import { afterEach, describe, expect, test } from 'vitest';
import { CameraController, type CameraState } from '../src/controllers/camera.ts';

class CameraTestHost extends LitElement {
  facingMode: 'environment' | 'user' = 'environment';
  camera!: CameraController;
  /** The controller's state at each requestUpdate it made. */
  seen: CameraState[] = [];

  start(facingMode: 'environment' | 'user'): this {
    this.camera = new CameraController(this, { facingMode });
    const requestUpdate = this.requestUpdate.bind(this);
    this.requestUpdate = (...args: Parameters<LitElement['requestUpdate']>) => {
      this.seen.push(this.camera.state);
      requestUpdate(...args);
    };
    return this;
  }
}
if (!customElements.get('camera-test-host')) customElements.define('camera-test-host', CameraTestHost);

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function setup(facingMode: 'environment' | 'user' = 'environment') {
  const host = (document.createElement('camera-test-host') as CameraTestHost).start(facingMode);
  const video = document.createElement('video');
  document.body.append(host, video);
  cleanups.push(() => {
    host.remove();
    video.remove();
  });
  return { host, camera: host.camera, video };
}

/** Calls through to the real getUserMedia and keeps what it was asked and what it gave. */
function recordGetUserMedia() {
  const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  const calls: { constraints: MediaStreamConstraints | undefined; stream?: MediaStream }[] = [];
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const call: (typeof calls)[number] = { constraints };
    calls.push(call);
    call.stream = await real(constraints);
    return call.stream;
  };
  cleanups.push(() => {
    delete (navigator.mediaDevices as { getUserMedia?: unknown }).getUserMedia; // back to the prototype's
  });
  return calls;
}

describe('attach', () => {
  test('starts idle, goes starting then live, and re-renders the host on each change', async () => {
    const { host, camera, video } = setup();
    expect(camera.state).toBe('idle');
    await camera.attach(video);
    expect(camera.state).toBe('live');
    expect(host.seen).toEqual(['starting', 'live']);
    expect(video.videoWidth).toBeGreaterThan(0);
  });

  test('plays inline and muted, as iOS webviews require', async () => {
    const { camera, video } = setup();
    await camera.attach(video);
    expect(video.hasAttribute('playsinline')).toBe(true);
    expect(video.muted).toBe(true);
    expect(video.paused).toBe(false);
  });

  test('asks for the rear camera at 1920x1080 for documents, the front one smaller for selfies', async () => {
    const calls = recordGetUserMedia();
    const rear = setup('environment');
    await rear.camera.attach(rear.video);
    const front = setup('user');
    await front.camera.attach(front.video);
    expect(calls.map((c) => c.constraints?.video)).toEqual([
      { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } },
      { facingMode: { ideal: 'user' }, width: { ideal: 1280 }, height: { ideal: 720 } },
    ]);
    expect(calls.every((c) => c.constraints?.audio === false)).toBe(true);
  });
});

describe('capture', () => {
  test('returns the current frame at the full stream size', async () => {
    const { camera, video } = setup();
    await camera.attach(video);
    const track = (video.srcObject as MediaStream).getVideoTracks()[0]!;
    const { width, height } = track.getSettings();
    const frame = await camera.capture();
    expect([frame.width, frame.height]).toEqual([width, height]);
    expect([frame.width, frame.height]).toEqual([video.videoWidth, video.videoHeight]);
    frame.close();
  });

  test('refuses before the camera is live', async () => {
    const { camera } = setup();
    await expect(camera.capture()).rejects.toMatchObject({ name: 'InvalidStateError' });
  });
});

describe('release', () => {
  test('stop() ends every track, detaches the video and goes idle', async () => {
    const { camera, video } = setup();
    await camera.attach(video);
    const tracks = (video.srcObject as MediaStream).getTracks();
    camera.stop();
    expect(tracks.length).toBeGreaterThan(0);
    expect(tracks.every((t) => t.readyState === 'ended')).toBe(true);
    expect(video.srcObject).toBe(null);
    expect(camera.state).toBe('idle');
  });

  test('the host leaving the page ends every track', async () => {
    const { host, camera, video } = setup();
    await camera.attach(video);
    const tracks = (video.srcObject as MediaStream).getTracks();
    host.remove();
    expect(tracks.every((t) => t.readyState === 'ended')).toBe(true);
    expect(camera.state).toBe('idle');
  });

  test('a host that leaves while the camera is starting still gives the camera back', async () => {
    const calls = recordGetUserMedia();
    const { host, camera, video } = setup();
    const attaching = camera.attach(video);
    host.remove();
    await attaching;
    const stream = calls[0]!.stream!;
    expect(stream.getTracks().every((t) => t.readyState === 'ended')).toBe(true);
    expect(video.srcObject).toBe(null);
    expect(camera.state).toBe('idle');
  });

  test('attaching again releases the first stream', async () => {
    const { camera, video } = setup();
    await camera.attach(video);
    const first = (video.srcObject as MediaStream).getTracks();
    await camera.attach(video);
    expect(first.every((t) => t.readyState === 'ended')).toBe(true);
    expect(camera.state).toBe('live');
  });
});

describe('when there is no camera to be had', () => {
  test('denied when getUserMedia rejects NotAllowedError (stand-in for the applicant saying no)', async () => {
    navigator.mediaDevices.getUserMedia = () =>
      Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    cleanups.push(() => delete (navigator.mediaDevices as { getUserMedia?: unknown }).getUserMedia);
    const { host, camera, video } = setup();
    await camera.attach(video);
    expect(camera.state).toBe('denied');
    expect(camera.errorName).toBe('NotAllowedError');
    expect(host.seen).toEqual(['starting', 'denied']);
  });

  test('unavailable when no camera is found (stand-in: NotFoundError)', async () => {
    navigator.mediaDevices.getUserMedia = () =>
      Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
    cleanups.push(() => delete (navigator.mediaDevices as { getUserMedia?: unknown }).getUserMedia);
    const { camera, video } = setup();
    await camera.attach(video);
    expect(camera.state).toBe('unavailable');
  });

  test('unavailable when navigator.mediaDevices is missing (insecure page, old webview)', async () => {
    Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
    cleanups.push(() => delete (navigator as { mediaDevices?: unknown }).mediaDevices);
    const { host, camera, video } = setup();
    await camera.attach(video);
    expect(camera.state).toBe('unavailable');
    expect(host.seen).toEqual(['unavailable']);
  });

  test('error when the live camera goes away (stand-in: the track fires ended)', async () => {
    const { camera, video } = setup();
    await camera.attach(video);
    const track = (video.srcObject as MediaStream).getVideoTracks()[0]!;
    track.dispatchEvent(new Event('ended'));
    expect(camera.state).toBe('error');
    expect(track.readyState).toBe('ended');
  });
});

describe('with the image pipeline', () => {
  test('a captured frame becomes an upload-ready selfie', async () => {
    const { prepareImage } = await import('@argos-kyc/core');
    const { camera, video } = setup('user');
    await camera.attach(video);
    const frame = await camera.capture();
    const selfie = await prepareImage(frame, { kind: 'selfie' });
    expect(selfie.blob.type).toBe('image/jpeg');
    expect(Math.max(selfie.width, selfie.height)).toBe(Math.min(1280, Math.max(frame.width, frame.height)));
    expect(selfie.bytes).toBeLessThanOrEqual(300_000);
    frame.close();
  });
});
