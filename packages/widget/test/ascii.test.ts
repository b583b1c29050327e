// The script-tag files are written ASCII-only (build/ascii.ts): the escaped source must
// mean exactly what the original meant, wherever a minifier leaves a non-ASCII character.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { escapeNonAscii, makeAsciiOnly, nonAsciiBytes } from '../build/ascii.ts';

const run = (source: string): unknown => runInNewContext(source);
const isAscii = (text: string) => nonAsciiBytes(new TextEncoder().encode(text)).length === 0;

describe('escapeNonAscii', () => {
  const cases: Array<[string, string]> = [
    ['a string', `'Driver’s license …'`],
    ['a template', '`Loading…`'],
    ['a tagged template (cooked text)', '((s) => s[0])`주소 ${1}`'],
    ['a Hangul range (no u flag)', `/^[가-힣]{2}$/.test('서울')`],
    ['a Hangul range (u flag)', `/^[가-힣]{2}$/u.test('서울')`],
    ['a range that fails when misread', `/^(\\d{2}|[가-힣]{2})-?\\d{2}$/.test('부산-12')`],
    ['an astral character in a string', `'🙂'.codePointAt(0)`],
    ['an astral character in a u pattern', `/^🙂$/u.test('🙂')`],
    ['an identifier', 'var 이름 = 3; 이름 * 2'],
    ['an identity escape', `'\\é'`],
    ['an escaped backslash before a character', `'\\\\é'`],
    ['a line separator inside a string', `'a\u2028b'.length`],
    ['a control character from a file signature', '`\u0089PNG`.charCodeAt(0)'],
  ];
  for (const [what, source] of cases) {
    it(`keeps the meaning of ${what}`, () => {
      const escaped = escapeNonAscii(source);
      expect(isAscii(escaped)).toBe(true);
      expect(run(escaped)).toEqual(run(source));
    });
  }

  it('leaves ASCII source as it is', () => {
    const source = `const a = /\\d+/u; 'plain \\u00e9'`;
    expect(escapeNonAscii(source)).toBe(source);
  });
});

describe('makeAsciiOnly', () => {
  it('rewrites a file so that no byte above 0x7f is left', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ascii-')), 'ko.js');
    writeFileSync(path, `export default { title: '본인 인증' };\n`);
    makeAsciiOnly([path]);
    const bytes = readFileSync(path);
    expect(nonAsciiBytes(bytes)).toEqual([]);
    expect(bytes.toString('latin1')).toContain('\\ubcf8\\uc778');
  });
});
