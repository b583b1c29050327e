// Where the tests find Chromium, and the flags it needs on this kind of machine
// (headless, as root, no network but loopback). One place for Vitest and Playwright.
import { existsSync } from 'node:fs';

/** $CHROMIUM_PATH, else the system Chromium, else undefined (Playwright's own browser). */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Flags that keep headless Chromium quiet and working as root on a closed network. */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Flags for a fake camera; `feed` is an absolute path to a .y4m or undefined for the test pattern. */
export function fakeCameraArgs(feed?: string): string[] {
  const args = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
  if (feed) args.push(`--use-file-for-fake-video-capture=${feed}`);
  return args;
}
