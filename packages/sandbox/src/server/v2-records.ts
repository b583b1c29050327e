// The vendor's record routes: listing, duplicates, deletion, the stored pictures, the
// AML report, and the address look-up.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findResource, renderAmlReport } from '../aml.ts';
import { parseMultipart, parseUrlEncoded, readBody } from '../body.ts';
import { AddressLookupError, lookupAddress } from '../gazetteer.ts';
import { HttpError, type ImageKind, type SandboxState } from '../state.ts';
import type { SubmissionList } from '../types.ts';
import { FORM_OVERHEAD, MAX_TEXT } from './form.ts';
import { copy, sendJson } from './http.ts';

/** GET /v2/submission: a page of submissions, newest first, filtered. */
export function listSubmissions(state: SandboxState, url: URL, res: ServerResponse): void {
  const q = url.searchParams;
  const get = (name: string): string | undefined => {
    const v = q.get(name);
    return v === null || v === '' ? undefined : v;
  };
  const countText = get('count');
  let count = 2000;
  if (countText !== undefined) {
    count = Number(countText);
    if (!/^\d+$/.test(countText) || count < 1 || count > 2000)
      throw new HttpError(400, 'count must be an integer from 1 to 2000', 'count');
  }
  const nextId = get('nextpage_id');
  const nextDate = get('nextpage_date');
  if ((nextId === undefined) !== (nextDate === undefined)) {
    const missing = nextId === undefined ? 'nextpage_id' : 'nextpage_date';
    throw new HttpError(400, 'nextpage_id and nextpage_date go together', missing);
  }
  if (nextDate !== undefined && Number.isNaN(Date.parse(nextDate)))
    throw new HttpError(400, 'nextpage_date must be an ISO 8601 date-time', 'nextpage_date');
  const submissionId = get('submission_id');
  const userid = get('userid');
  const email = get('email')?.toLowerCase();

  let items = [...state.submissions.values()].map((s) => s.record);
  if (submissionId !== undefined) items = items.filter((s) => s.submission_id === submissionId);
  if (userid !== undefined) items = items.filter((s) => s.userid === userid);
  if (email !== undefined) items = items.filter((s) => s.email.toLowerCase() === email);
  // Newest first; ties (never produced, but possible in principle) by id.
  items.sort((a, b) =>
    a.created_at === b.created_at
      ? b.submission_id.localeCompare(a.submission_id)
      : b.created_at.localeCompare(a.created_at),
  );
  if (nextId !== undefined && nextDate !== undefined) {
    const after = new Date(nextDate).toISOString();
    items = items.filter((s) => s.created_at < after || (s.created_at === after && s.submission_id < nextId));
  }
  const page = items.slice(0, count);
  const body: SubmissionList = { Items: copy(page) };
  const last = page[page.length - 1];
  if (items.length > count && last)
    body.nextpageKey = { id: last.submission_id, created_at: last.created_at };
  sendJson(res, 200, body);
}

/** GET /v2/submission/applicant: the approved submissions of one applicant. */
export function applicant(state: SandboxState, url: URL, res: ServerResponse): void {
  const applicantId = url.searchParams.get('applicant_id');
  if (!applicantId) throw new HttpError(400, 'applicant_id is required', 'applicant_id');
  const all = [...state.submissions.values()]
    .map((s) => s.record)
    .filter((s) => s.applicant_id === applicantId);
  if (all.length === 0) throw new HttpError(404, 'Applicant not found', 'applicant_id');
  const items = all
    .filter((s) => s.kyc.result === 'approved')
    .sort((a, b) => b.created_at.localeCompare(a.created_at))
    .map((s) => ({ submission_id: s.submission_id, email: s.email }));
  sendJson(res, 200, { Items: items });
}

/** DELETE /v2/submission: a submission and its images. */
export function deleteSubmission(state: SandboxState, url: URL, res: ServerResponse): void {
  const id = url.searchParams.get('submission_id');
  if (!id) throw new HttpError(400, 'submission_id is required', 'submission_id');
  if (!state.submissions.delete(id)) throw new HttpError(404, 'Submission not found', 'submission_id');
  sendJson(res, 200, { message: 'success', content: `Submission #${id} deleted successfully.` });
}

/** GET /v2/image: one of a submission's pictures. */
export function image(state: SandboxState, url: URL, res: ServerResponse): void {
  const id = url.searchParams.get('submission_id');
  if (!id) throw new HttpError(400, 'submission_id is required', 'submission_id');
  const type = url.searchParams.get('type');
  const kinds: readonly ImageKind[] = ['idImage', 'selfieImage', 'addressImage'];
  if (!type) throw new HttpError(400, 'type is required', 'type');
  if (!kinds.includes(type as ImageKind))
    throw new HttpError(400, `type must be one of ${kinds.join(', ')}`, 'type');
  const stored = state.submissions.get(id);
  if (!stored) throw new HttpError(404, 'Submission not found', 'submission_id');
  const img = stored.images[type as ImageKind];
  if (!img) throw new HttpError(404, 'This submission has no such image', 'type');
  const ext = img.type === 'image/png' ? 'png' : 'jpg';
  res.writeHead(200, {
    'content-type': img.type,
    'content-length': img.bytes.length,
    'content-disposition': `attachment; filename="${type}.${ext}"`,
    'cache-control': 'no-store',
  });
  res.end(img.bytes);
}

/** GET /v2/report/aml: the PDF report of a watchlist entry. */
export async function amlReport(url: URL, res: ServerResponse): Promise<void> {
  const resourceId = url.searchParams.get('resourceId');
  if (!resourceId) throw new HttpError(400, 'resourceId is required', 'resourceId');
  const entry = findResource(resourceId);
  if (!entry) throw new HttpError(404, 'AML resource not found', 'resourceId');
  const pdf = await renderAmlReport(entry);
  res.writeHead(200, {
    'content-type': 'application/pdf',
    'content-length': pdf.length,
    'content-disposition': `attachment; filename="aml-${resourceId}.pdf"`,
  });
  res.end(pdf);
}

/** POST /v2/address_code: the gazetteer's answer for an address, plus code or "lat,lng". */
export async function addressCode(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req, FORM_OVERHEAD);
  const type = String(req.headers['content-type'] ?? '');
  let fields: Map<string, string>;
  if (/^application\/json/i.test(type)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new HttpError(400, 'Malformed JSON body');
    }
    fields = new Map(
      Object.entries(typeof parsed === 'object' && parsed ? parsed : {}).map(([k, v]) => [k, String(v)]),
    );
  } else if (/^multipart\/form-data/i.test(type)) {
    fields = (await parseMultipart(body, type)).fields;
  } else {
    fields = parseUrlEncoded(body);
  }
  const address = fields.get('address');
  if (!address || !address.trim()) throw new HttpError(400, 'address is required', 'address');
  if (address.length > MAX_TEXT) throw new HttpError(400, 'address is too long', 'address');
  try {
    sendJson(res, 200, lookupAddress(address, fields.get('language')));
  } catch (err) {
    if (err instanceof AddressLookupError) throw new HttpError(err.status, err.message, 'address');
    throw err;
  }
}
