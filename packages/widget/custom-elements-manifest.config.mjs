// custom-elements.json for editors, Storybook and docs: read from the JSDoc of the
// element classes (@summary, @event, @csspart, @cssproperty). Written by `pnpm build`.
import { readFileSync } from 'node:fs';

/** Tag names from src/define.ts (registration lives apart from the classes). */
function tagsFromDefine() {
  const source = readFileSync(new URL('./src/define.ts', import.meta.url), 'utf8');
  return new Map(
    [...source.matchAll(/\[\s*'([a-z][a-z0-9-]*-[a-z0-9-]+)'\s*,\s*(\w+)\s*\]/g)].map((m) => [m[2], m[1]]),
  );
}

/**
 * Lit's `static properties` with `state: true` are internal state, not attributes; events
 * the analyzer finds as `dispatchEvent(new X())` without a name duplicate the JSDoc ones;
 * and each class registered in define.ts gets its tag name.
 */
function argosKycPlugin() {
  const states = new Map(); // class name -> Set of state property names
  const tags = tagsFromDefine();
  return {
    name: 'argos-kyc',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const member of node.members) {
        if (!ts.isPropertyDeclaration(member) || member.name.getText() !== 'properties') continue;
        if (!member.initializer || !ts.isObjectLiteralExpression(member.initializer)) continue;
        for (const prop of member.initializer.properties) {
          if (!ts.isPropertyAssignment(prop) || !ts.isObjectLiteralExpression(prop.initializer)) continue;
          const isState = prop.initializer.properties.some(
            (p) =>
              ts.isPropertyAssignment(p) &&
              p.name.getText() === 'state' &&
              p.initializer.kind === ts.SyntaxKind.TrueKeyword,
          );
          if (isState) {
            if (!states.has(node.name.text)) states.set(node.name.text, new Set());
            states.get(node.name.text).add(prop.name.getText());
          }
        }
      }
    },
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        if (declaration.kind !== 'class') continue;
        const internal = states.get(declaration.name) ?? new Set();
        declaration.attributes = declaration.attributes?.filter((a) => !internal.has(a.fieldName));
        for (const member of declaration.members ?? [])
          if (internal.has(member.name)) member.privacy = 'private';
        declaration.members = declaration.members?.filter((m) => m.privacy !== 'private');
        declaration.events = declaration.events?.filter((e) => e.name);
        const tag = tags.get(declaration.name);
        if (tag) {
          declaration.tagName = tag;
          declaration.customElement = true;
          moduleDoc.exports = [
            ...(moduleDoc.exports ?? []),
            {
              kind: 'custom-element-definition',
              name: tag,
              declaration: { name: declaration.name, module: moduleDoc.path },
            },
          ];
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/i18n/**', 'src/bridge/**'],
  outdir: 'dist',
  litelement: true,
  plugins: [argosKycPlugin()],
};
