// The script build's templates: Lit's css`` and html`` text reaches the bundle as written,
// comments and indentation included (the JS minifier leaves template text alone). Those
// bytes are dead weight in the 40 KB budget; the source keeps its layout, the script not.
// Only the text between interpolations changes, found by the TypeScript parser.
import ts from 'typescript';
import type { Plugin } from 'vite';

/**
 * `text` without comments, whitespace runs collapsed, none kept around `{`, `}`, `;` nor
 * after `:` and `,` (a space before `:` is a descendant combinator and stays).
 */
export function minifyCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};]) ?/g, '$1')
    .replace(/([:,]) /g, '$1');
}

/**
 * A run of whitespace holding a line break becomes one line break: HTML collapses it the
 * same way (the widget has no `<pre>`, `<textarea>` nor `white-space: pre`).
 */
export function minifyHtml(text: string): string {
  return text.replace(/[ \t]*\n\s*/g, '\n');
}

/** `source` with the text of its css`` (without interpolations) and html`` templates minified. */
export function minifyTemplates(source: string, fileName = 'x.ts'): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  // One literal part: its text lies between the opening (` or }) and closing (` or ${) marks.
  const edit = (part: ts.Node, minify: (text: string) => string) => {
    const start = part.getStart(file) + 1;
    const end =
      part.end -
      (part.kind === ts.SyntaxKind.TemplateHead || part.kind === ts.SyntaxKind.TemplateMiddle ? 2 : 1);
    edits.push({ start, end, text: minify(source.slice(start, end)) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag)) {
      const t = node.template;
      if (node.tag.text === 'css' && ts.isNoSubstitutionTemplateLiteral(t)) {
        edits.push({
          start: t.getStart(file) + 1,
          end: t.end - 1,
          text: minifyCss(source.slice(t.getStart(file) + 1, t.end - 1)).trim(),
        });
      } else if (node.tag.text === 'html') {
        if (ts.isNoSubstitutionTemplateLiteral(t)) edit(t, minifyHtml);
        else {
          edit(t.head, minifyHtml);
          for (const span of t.templateSpans) edit(span.literal, minifyHtml);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = source;
  for (const e of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The plugin: every css`` and html`` template of the widget's own sources. */
export function minifiedTemplates(): Plugin {
  return {
    name: 'argos-kyc-templates',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]packages[\\/]widget[\\/]src[\\/].*\.ts$/.test(id)) return null;
      if (!code.includes('css`') && !code.includes('html`')) return null;
      return { code: minifyTemplates(code, id), map: null };
    },
  };
}
