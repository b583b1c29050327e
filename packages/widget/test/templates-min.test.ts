// The script build minifies the text of Lit's css`` and html`` templates (build/templates-min.ts):
// what a browser reads from the template must not change, only the bytes around it.
import { describe, expect, it } from 'vitest';
import { minifyCss, minifyHtml, minifyTemplates } from '../build/templates-min.ts';

describe('template minifier of the script build', () => {
  it('drops CSS comments and spaces but keeps a descendant combinator before a pseudo-class', () => {
    expect(
      minifyCss('\n  /* why */\n  .a :focus,\n  .b {\n    color: red;\n    margin: 0 auto;\n  }\n'),
    ).toBe(' .a :focus,.b{color:red;margin:0 auto;}');
    expect(minifyCss('@media (prefers-color-scheme: dark) {\n  :host { color: #fff; }\n}')).toBe(
      '@media (prefers-color-scheme:dark){:host{color:#fff;}}',
    );
  });

  it('turns indentation into one line break, which HTML collapses the same way', () => {
    expect(minifyHtml('<p>\n      a   b\n    </p>\n    <b>c</b>')).toBe('<p>\na   b\n</p>\n<b>c</b>');
  });

  it('touches only css`` and html`` text: interpolations, other templates and strings stay', () => {
    const source = [
      'const s = css`',
      '  /* c */',
      '  .x {',
      '    color: red;',
      '  }',
      '`;',
      'const withValue = css`.y { color: ${c}; }`;',
      'const view = html`<p>',
      '    ${cond ? html`<i>\n   x</i>` : `keep\n   this`}',
      '    <b>${"a\\n   b"}</b>',
      '  </p>`;',
      'const plain = `not\n   a template`;',
    ].join('\n');
    const out = minifyTemplates(source);
    expect(out).toContain('css`.x{color:red;}`');
    expect(out).toContain('css`.y { color: ${c}; }`');
    expect(out).toContain(
      'html`<p>\n${cond ? html`<i>\nx</i>` : `keep\n   this`}\n<b>${"a\\n   b"}</b>\n</p>`',
    );
    expect(out).toContain('const plain = `not\n   a template`;');
  });
});
