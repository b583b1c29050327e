// docs/i18n.md's table of languages names exactly the files of src/i18n/locales/ (the
// registry) and English; the build rewrites it (build/locale-table.ts).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { localeRows } from '../build/locale-table.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('docs/i18n.md', () => {
  it('lists every language with a file, and no other, with its direction and review status', () => {
    const doc = readFileSync(join(root, 'docs/i18n.md'), 'utf8');
    const table = /<!-- locales -->\n([^]*?)<!-- \/locales -->/.exec(doc)?.[1] ?? '';
    const listed = [...table.matchAll(/^\| `([^`]+)` \| [^|]+ \| (ltr|rtl) \| ([^|]+) \|/gm)].map(
      (m) => `${m[1]} ${m[2]} ${m[3]!.trim()}`,
    );
    const files = localeRows(join(root, 'packages/widget/src/i18n/locales')).map(
      (r) => `${r.tag} ${r.dir} ${r.reviewed}`,
    );
    expect(listed, 'run the widget build: it rewrites the table').toEqual(files);
    expect(files).toContain('ko ltr no');
  });

  it('is linked from the README and the integration guide', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toMatch(/\]\(docs\/i18n\.md\)/);
    expect(readFileSync(join(root, 'docs/integration.md'), 'utf8')).toMatch(/\]\(i18n\.md\)/);
  });
});
