// Where the script-tag file was loaded from. `document.currentScript` exists only while
// the script's own top-level code runs, so it is read once, at load.
const src =
  typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null)?.src : undefined;

/** The URL of dist/argos-kyc.js as the page loaded it, or null (e.g. injected as a module). */
export function scriptBase(): URL | null {
  return src ? new URL(src) : null;
}
