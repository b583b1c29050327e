// The script-tag build's loader of every other file it runs: the lazy step chunks
// (dist/lazy/), the languages (dist/locales/) and the image worker. The build writes
// into this script the sha384 of each of those files (build.ts, `__ARGOS_KYC_FILES__`),
// so that an integrator who pins argos-kyc.js with `integrity` pins them all: a module
// is fetched first as `<link rel="modulepreload" integrity>` (the browser refuses a
// file whose hash differs, and keeps the checked module for the `import()` that
// follows), its own imports first. Module scripts are CORS fetches: from another
// origin the files need `Access-Control-Allow-Origin` (CDNs send it).
import { scriptBase } from './script-base.ts';

interface PinnedFile {
  /** sha384-... of the file as built. */
  integrity: string;
  /** Files it imports (paths beside the script), checked before it. */
  deps?: string[];
}

// Replaced by the build with the JSON of every pinned file (path beside the script -> PinnedFile).
const PINNED = JSON.parse('__ARGOS_KYC_FILES__') as Record<string, PinnedFile>;

/** A file beside the script (the page's URL when the script's own is unknown). */
export function besideScript(file: string): URL {
  return new URL(file, scriptBase() ?? location.href);
}

const checked = new Map<string, Promise<void>>();

function preload(file: string, integrity = PINNED[file]?.integrity): Promise<void> {
  let done = checked.get(file);
  if (done) return done;
  done = Promise.all((PINNED[file]?.deps ?? []).map((dep) => preload(dep))).then(
    () =>
      new Promise<void>((resolve, reject) => {
        const link = document.createElement('link');
        link.rel = 'modulepreload';
        if (integrity) link.integrity = integrity;
        link.href = besideScript(file).href;
        // The checked module stays in the page's module map; the element leaves the host's <head>.
        link.onload = () => {
          link.remove();
          resolve();
        };
        link.onerror = () => {
          link.remove();
          reject(new Error(`${file} could not be loaded or is not the file this script pins`));
        };
        document.head.append(link);
      }),
  );
  // Forgotten on failure: a retry (back online) fetches it again.
  done.catch(() => checked.delete(file));
  checked.set(file, done);
  return done;
}

/**
 * `import()` of a file beside the script, refused unless it is the file this build
 * pinned, or the file of `integrity` (a locale file, pinned by the pinned locale manifest).
 * The build routes the lazy chunks' imports here (entry.ts exports it).
 */
export function importPinned(file: string, integrity?: string): Promise<unknown> {
  const path = file.replace(/^\.\//, '');
  if (!integrity && !Object.hasOwn(PINNED, path))
    return Promise.reject(new Error(`${path} is not a file of this build`));
  return preload(path, integrity).then(() => import(/* @vite-ignore */ besideScript(path).href));
}

/** The sha384 the build pinned for `file` (the face detector's weights, which its worker fetches). */
export const pinnedIntegrity = (file: string): string | undefined => PINNED[file]?.integrity;

/**
 * The image worker's URL once its file is checked against the pinned hash, else null
 * (the image work then runs on the main thread, inside the checked script). A worker
 * has no `integrity` of its own: the checked response is what the HTTP cache then
 * serves to `new Worker` (the same URL, moments later).
 */
export function pinnedWorkerUrl(file: string): Promise<URL | null> {
  const pinned = PINNED[file];
  if (!pinned) return Promise.resolve(null);
  const url = besideScript(file);
  return fetch(url, { integrity: pinned.integrity }).then(
    (r) => (r.ok ? url : null),
    () => null,
  );
}
