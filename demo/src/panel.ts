// The demo page's side panel, part 2: applies ?address= and ?poll-timeout= to the
// widget, logs kyc-attempt and kyc-complete beside the other events, and shows the
// submission as the sandbox stored it (GET /demo-api/submission, a demo-only route),
// refreshed after each step, so that an integrator sees what the vendor received.
const params = new URLSearchParams(location.search);
const widget = document.querySelector('argos-kyc');
const address = params.get('address');
if (widget && (address === 'optional' || address === 'required')) widget.setAttribute('address', address);
const pollTimeout = params.get('poll-timeout');
if (widget && pollTimeout && /^\d+$/.test(pollTimeout)) widget.setAttribute('poll-timeout', pollTimeout);

const log = document.getElementById('event-log');
for (const type of ['kyc-attempt', 'kyc-complete'] as const) {
  document.addEventListener(type, (event) => {
    const item = document.createElement('li');
    item.textContent = `${type} ${JSON.stringify(event.detail)}`;
    log?.append(item);
  });
}

const view = document.getElementById('submission');
let asked = 0;
async function refresh(): Promise<void> {
  const mine = ++asked;
  try {
    const response = await fetch('/demo-api/submission', { credentials: 'same-origin', cache: 'no-store' });
    const body = (await response.json()) as { submission: unknown };
    if (mine === asked && view)
      view.textContent = body.submission ? JSON.stringify(body.submission, null, 2) : 'No submission yet.';
  } catch {
    if (mine === asked && view) view.textContent = 'The submission could not be loaded.';
  }
}
for (const type of ['kyc-step-change', 'kyc-complete'] as const)
  document.addEventListener(type, () => void refresh());
void refresh();
export {};
