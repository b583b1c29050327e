// The demo page: applies ?locale=, ?capture=, ?auto-capture=, ?selfie-upload= and ?handoff=
// to the widget, registers it, and lists the widget's events (their details hold no PII by
// design). "Continue on your phone" links to the demo's phone page, phone.html (pages/phone.ts).
const params = new URLSearchParams(location.search);
const widget = document.querySelector('argos-kyc');
if (widget) {
  const locale = params.get('locale');
  if (locale) widget.setAttribute('locale', locale);
  if (params.get('capture') === 'upload') widget.setAttribute('capture', 'upload');
  // The phone page's address with the code's place: the widget fills it in.
  widget.setAttribute('handoff-url', `${location.origin}/phone.html?code={code}`);
  const handoff = params.get('handoff');
  if (handoff === 'always' || handoff === 'off') widget.setAttribute('handoff', handoff);
  if (params.get('auto-capture') === 'off') widget.setAttribute('auto-capture', 'off');
  if (params.get('selfie-upload') === 'allow') widget.setAttribute('selfie-upload', 'allow');
}

const log = document.getElementById('event-log');
for (const type of ['kyc-step-change', 'kyc-error', 'kyc-exit', 'kyc-warning'] as const) {
  document.addEventListener(type, (event) => {
    const item = document.createElement('li');
    item.textContent = `${type} ${JSON.stringify(event.detail)}`;
    log?.append(item);
  });
}

// Registered last, so that the first render already has the attributes above.
void import('@argos-kyc/widget/define');
export {};
