// The house's dependency directions (docs/architecture.md): widget -> core -> protocol,
// server -> protocol, and the sandbox (the vendor's stand-in) apart from all of them.
// Checked on what each package's sources import and on what its manifest declares.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packages = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The workspace packages each package may use. */
const MAY_USE: Record<string, string[]> = {
  protocol: [],
  core: ['protocol'],
  widget: ['core', 'protocol'],
  server: ['protocol'],
  sandbox: [],
};

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('dependency directions', () => {
  it('cover every package of the workspace', () => {
    const found = readdirSync(packages).filter((d) => existsSync(join(packages, d, 'package.json')));
    expect(found.sort()).toEqual(Object.keys(MAY_USE).sort());
  });

  it.each(Object.entries(MAY_USE))('%s declares and imports at most %j of ours', (name, allowed) => {
    const manifest = JSON.parse(readFileSync(join(packages, name, 'package.json'), 'utf8'));
    const declared = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })
      .filter((d) => d.startsWith('@argos-kyc/'))
      .map((d) => d.slice('@argos-kyc/'.length));
    for (const pkg of declared) expect(allowed, `${name} depends on @argos-kyc/${pkg}`).toContain(pkg);
    const used = new Set<string>();
    for (const file of walk(join(packages, name, 'src'))) {
      if (!/\.(ts|js|mjs)$/.test(file)) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'@argos-kyc\/([a-z-]+)/g)) used.add(m[1]!);
    }
    // Whatever a package imports it declares (and so it is one of those allowed).
    for (const pkg of used) expect(declared, `${name} imports @argos-kyc/${pkg}`).toContain(pkg);
  });
});
