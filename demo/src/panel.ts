// The demo page's side panel, part 2: applies ?address= and ?poll-timeout= to the
// widget, logs kyc-attempt and kyc-complete beside the other events, and shows the
// submission as the sandbox stored it (GET /demo-api/submission, a demo-only route),
// refreshed after each step, so that an integrator sees what the vendor received. A
// submission from before this page was opened is said to be the previous run's (the new
// run's appears with the ID photo); a pending one can be approved or rejected here, as
// the vendor's reviewer would (POST /demo-api/review, the sandbox's review control).
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
const when = document.getElementById('submission-when');
const reviewer = document.getElementById('reviewer');
const openedAt = Date.now();

interface Shown {
  submission_id: string;
  created_at: string;
  kyc: { result: string };
}

let asked = 0;
async function refresh(): Promise<void> {
  const mine = ++asked;
  try {
    const response = await fetch('/demo-api/submission', { credentials: 'same-origin', cache: 'no-store' });
    const body = (await response.json()) as { submission: Shown | null };
    if (mine !== asked) return;
    const submission = body.submission;
    if (view) view.textContent = submission ? JSON.stringify(submission, null, 2) : 'No submission yet.';
    if (when)
      when.textContent = !submission
        ? ''
        : Date.parse(submission.created_at) < openedAt
          ? `The previous run's submission (${submission.kyc.result}); this run's replaces it once the ID photo is sent.`
          : `This run's submission (${submission.kyc.result}).`;
    if (reviewer) reviewer.hidden = submission?.kyc.result !== 'pending';
  } catch {
    if (mine === asked && view) view.textContent = 'The submission could not be loaded.';
  }
}

for (const decision of ['approve', 'reject'] as const) {
  const button = document.getElementById(decision) as HTMLButtonElement | null;
  button?.addEventListener('click', () => {
    for (const b of reviewer?.querySelectorAll('button') ?? []) b.disabled = true;
    void fetch('/demo-api/review', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ decision }),
    })
      .then(() => refresh())
      .finally(() => {
        for (const b of reviewer?.querySelectorAll('button') ?? []) b.disabled = false;
      });
  });
}
for (const type of ['kyc-step-change', 'kyc-complete'] as const)
  document.addEventListener(type, () => void refresh());
void refresh();
export {};
