// AML screening against a small SAMPLE watchlist. Every name below is FICTIONAL
// SANDBOX DATA, made up for tests; none is a real person or a real list entry.
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { AmlMatch, AmlResult } from './types.ts';

/** One entry of the sandbox's fictional watchlist. */
export interface WatchlistEntry {
  resource_id: string;
  name: string;
  risk: 'High' | 'Medium';
  categories: string[];
  date_of_birth?: string;
}

/** The sandbox's fictional watchlist (sandbox data, not a real list). */
export const SAMPLE_WATCHLIST: readonly WatchlistEntry[] = [
  {
    resource_id: 'sbx-aml-0001',
    name: 'Mallory Redflag',
    risk: 'High',
    categories: ['Sanctions (sandbox)'],
    date_of_birth: '1970-01-01',
  },
  {
    resource_id: 'sbx-aml-0002',
    name: 'Ivan Sandboxov',
    risk: 'High',
    categories: ['PEP (sandbox)', 'Sanctions (sandbox)'],
  },
  {
    resource_id: 'sbx-aml-0003',
    name: 'Trudy Watchlist',
    risk: 'Medium',
    categories: ['Adverse media (sandbox)'],
  },
  { resource_id: 'sbx-aml-0004', name: 'Trudy Watchlister', risk: 'Medium', categories: ['PEP (sandbox)'] },
];

/** The guide's "Lastnames, Firstnames" and "Firstnames Lastnames" forms compare equal. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .sort()
    .join(' ');
}

/** The result before any screening (no name known yet). */
export const NOT_SCREENED: AmlResult = { risk_level_summary: 'Not Screened', currentstatus: 'Not Screened' };

/** Screens one name: exact token-set match on the watchlist, else Low. */
export function screen(name: string): AmlResult {
  const key = nameKey(name);
  const hits = SAMPLE_WATCHLIST.filter((entry) => nameKey(entry.name) === key);
  if (hits.length === 0) return { risk_level_summary: 'Low', currentstatus: 'Not Screened' };
  const matches: AmlMatch[] = hits.map((h) => ({
    resource_id: h.resource_id,
    name: h.name,
    score: 100,
    categories: h.categories,
  }));
  const risk = hits.some((h) => h.risk === 'High') ? 'High' : 'Medium';
  return { risk_level_summary: risk, currentstatus: 'Red Flag', matches };
}

/** The watchlist entry of a resource id, if any. */
export function findResource(resourceId: string): WatchlistEntry | undefined {
  return SAMPLE_WATCHLIST.find((e) => e.resource_id === resourceId);
}

/** A one-page PDF report for one watchlist entry. */
export async function renderAmlReport(entry: WatchlistEntry): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(`AML report ${entry.resource_id} (sandbox)`);
  doc.setProducer('@argos-kyc/sandbox');
  // Fixed dates keep the bytes deterministic.
  doc.setCreationDate(new Date('2024-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2024-01-01T00:00:00Z'));
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let y = 790;
  const line = (text: string, size = 12, f = font): void => {
    page.drawText(text, { x: 50, y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
    y -= size + 10;
  };
  line('AML screening report', 20, bold);
  line('SANDBOX DATA - fictional watchlist entry, not a real person', 12, bold);
  y -= 10;
  line(`Resource ID: ${entry.resource_id}`);
  line(`Name: ${entry.name}`);
  line(`Risk level: ${entry.risk}`);
  line(`Categories: ${entry.categories.join(', ')}`);
  if (entry.date_of_birth) line(`Date of birth: ${entry.date_of_birth}`);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
