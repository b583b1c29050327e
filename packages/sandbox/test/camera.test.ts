// The whole camera path in a real Chromium: a y4m of a marked specimen card played by
// the fake camera, captured with getUserMedia, drawn on a canvas at another size and
// aspect, re-encoded as JPEG 0.8, uploaded to step 1: the printed code still rules.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath, fakeCameraArgs } from '../../../tools/chromium.ts';
import { readScenarioCode, renderSpecimenId, startSandbox, toY4m, type Sandbox } from '../src/index.ts';
import { step1 } from './helpers.ts';

let sandbox: Sandbox;
let dir: string;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: false });
  dir = mkdtempSync(join(tmpdir(), 'sandbox-camera-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an image code through a real fake camera', () => {
  it('survives getUserMedia -> canvas 1280x720 -> JPEG 0.8, and drives step 1', async () => {
    const feed = join(dir, 'card.y4m');
    writeFileSync(feed, toY4m(renderSpecimenId({ code: 'ocr-fail' }), { width: 640, height: 480 }));
    const executablePath = chromiumPath();
    const browser = await chromium.launch({
      ...(executablePath ? { executablePath } : {}),
      args: [...chromiumArgs, ...fakeCameraArgs(feed)],
    });
    let jpeg: Buffer;
    try {
      const page = await browser.newPage();
      // Loopback is a secure context, so getUserMedia is available.
      await page.goto(`${sandbox.url}/`);
      const base64 = await page.evaluate(async () => {
        const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
        const video = document.createElement('video');
        video.muted = true;
        video.srcObject = stream;
        await video.play();
        await new Promise((resolve) => setTimeout(resolve, 300));
        const canvas = document.createElement('canvas');
        canvas.width = 1280;
        canvas.height = 720;
        canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
        stream.getTracks().forEach((t) => t.stop());
        const blob = await new Promise<Blob>((resolve) =>
          canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.8),
        );
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let text = '';
        for (const b of bytes) text += String.fromCharCode(b);
        return btoa(text);
      });
      jpeg = Buffer.from(base64, 'base64');
    } finally {
      await browser.close();
    }
    expect(readScenarioCode(jpeg)).toBe('ocr-fail');
    expect(await step1(sandbox, {}, jpeg)).not.toHaveProperty('reviewOCRData');
  });
});
