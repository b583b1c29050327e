// The table of languages in docs/i18n.md, written by the build from the directory of locale
// files (the registry) and the size report: never a hand-kept list. Between its markers:
//   <!-- locales -->
//   | Tag | Language | Direction | Reviewed by a native speaker | gzip |
//   <!-- /locales -->
// test/i18n-docs.test.ts checks that the table names exactly the files there are.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localeDirection } from '../src/i18n/locale-data.ts';
import type { SizeReport } from './size.ts';

export interface LocaleRow {
  tag: string;
  /** The language's own name for itself (Intl), as the file's header should say. */
  name: string;
  dir: 'ltr' | 'rtl';
  /** "no", or who reviewed it, from the file's header. */
  reviewed: string;
}

/** One row per file of `dir` (src/i18n/locales), and English (en.ts), sorted by tag. */
export function localeRows(dir: string): LocaleRow[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  const rows = files.map((file): LocaleRow => {
    const tag = file.slice(0, -3);
    // The comment lines before the import (docs/i18n.md): "Reviewed by <who>, <when>." once reviewed.
    const header = /^(?:\/\/.*\n)+/.exec(readFileSync(join(dir, file), 'utf8'))?.[0] ?? '';
    const reviewed = /Reviewed by ([^.\n]+)\./.exec(header)?.[1] ?? 'no';
    return {
      tag,
      name: new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag,
      dir: localeDirection(tag),
      reviewed,
    };
  });
  rows.push({ tag: 'en', name: 'English', dir: 'ltr', reviewed: 'source language' });
  return rows.sort((a, b) => a.tag.localeCompare(b.tag));
}

const MARKED = /(<!-- locales -->\n)[^]*?(<!-- \/locales -->)/;

/** The Markdown table of `rows`, with each file's gzip size from `report` when it has one. */
export function localeTable(rows: LocaleRow[], report?: SizeReport): string {
  const size = (tag: string) => {
    const file = report?.locales.find((l) => l.file.replaceAll('\\', '/') === `locales/${tag}.js`);
    return file ? `${(file.gzip / 1024).toFixed(1)} KB` : tag === 'en' ? 'in the script' : '';
  };
  return [
    '| Tag | Language | Direction | Reviewed by a native speaker | gzip |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| \`${r.tag}\` | ${r.name} | ${r.dir} | ${r.reviewed} | ${size(r.tag)} |`),
  ].join('\n');
}

/** Rewrites the table in `doc`; returns whether it changed. */
export function writeLocaleTable(doc: string, dir: string, report?: SizeReport): boolean {
  if (!existsSync(doc)) return false; // a staged copy of the package (packaging test) has no docs
  const text = readFileSync(doc, 'utf8');
  if (!MARKED.test(text)) throw new Error(`${doc} has no <!-- locales --> table`);
  const next = text.replace(
    MARKED,
    (_m, open: string, close: string) => `${open}${localeTable(localeRows(dir), report)}\n${close}`,
  );
  if (next === text) return false;
  writeFileSync(doc, next);
  return true;
}
