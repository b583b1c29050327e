// The demo's phone page (phone.html), what an integrator's page at `handoff-url` does:
// reads the code from its own address, takes it out of the address bar (a link copied
// or bookmarked from here then carries nothing) into this history entry's state, and
// gives it to the widget as `handoff-code`. A reload of this tab (or the browser's
// restore of a tab it dropped) finds the code in `history.state` again, and the widget
// carries on in this tab instead of redeeming it twice (docs/integration.md, "Continue
// on a phone"). The code is single-use and short-lived; no session token is ever in a URL.
import { handoffCodeOf } from '@argos-kyc/core';

const params = new URLSearchParams(location.search);
const widget = document.querySelector('argos-kyc');
const kept: unknown = history.state;
const code =
  handoffCodeOf(params.get('code')) ??
  handoffCodeOf(kept && typeof kept === 'object' ? (kept as { handoffCode?: string }).handoffCode : null);
if (widget) {
  const locale = params.get('locale');
  if (locale) widget.setAttribute('locale', locale);
  if (code) widget.setAttribute('handoff-code', code);
}
params.delete('code');
const rest = params.toString();
history.replaceState(
  code ? { handoffCode: code } : null,
  '',
  `${location.pathname}${rest ? `?${rest}` : ''}`,
);

const log = document.getElementById('event-log');
for (const type of ['kyc-step-change', 'kyc-error', 'kyc-complete'] as const) {
  document.addEventListener(type, (event) => {
    const item = document.createElement('li');
    item.textContent = `${type} ${JSON.stringify(event.detail)}`;
    log?.append(item);
  });
}

// Registered last, so that the first render already has the code.
void import('@argos-kyc/widget/define');
