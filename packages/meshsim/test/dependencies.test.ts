// Every workspace package declares exactly the packages its shipped code imports: `dependencies` equals
// the set of bare import specifiers in its source (tests' imports are the workspace root's devDependencies).

import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Each workspace package and the source folders (relative to it) whose imports it ships. */
const PACKAGES: readonly { dir: string; sources: readonly string[] }[] = [
  ...['engine', 'mesh', 'scenario', 'import', 'analysis', 'report', 'cli', 'meshsim'].map((name) => ({
    dir: `packages/${name}`,
    sources: ['src'],
  })),
  { dir: 'bench', sources: ['.'] },
  { dir: 'examples', sources: ['.'] },
];

/** `.ts` files under `dir`, skipping node_modules, dist and test folders. */
function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'dist', 'test'].includes(entry.name)) files.push(...sourceFiles(path));
    } else if (entry.name.endsWith('.ts')) {
      files.push(path);
    }
  }
  return files;
}

/**
 * Package names imported by `text` — `import … from 'x'` / `export … from 'x'` statements (at the start
 * of a line, so prose in strings does not count), `import('x')` and `require.resolve('x')` (a package
 * whose files are read at run time, such as the libraries the HTML report inlines) — without `node:`
 * builtins or relative paths.
 */
function importedPackages(text: string): string[] {
  const statements = [...text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'([^'.][^']*)'/gm)];
  const dynamic = [...text.matchAll(/\bimport\(\s*'([^'.][^']*)'\s*\)/g)];
  const resolved = [...text.matchAll(/\brequire\.resolve\(\s*'([^'.][^']*)'\s*\)/g)];
  const specifiers = [...statements, ...dynamic, ...resolved].map((match) => match[1] ?? '');
  return specifiers
    .filter((specifier) => !specifier.startsWith('node:'))
    .map((specifier) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

describe('workspace dependency lists', () => {
  it.each(PACKAGES)('$dir declares exactly what its source imports', ({ dir, sources }) => {
    const manifest = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as {
      name: string;
      dependencies?: Record<string, string>;
    };
    const imported = new Set<string>();
    for (const source of sources) {
      for (const file of sourceFiles(join(ROOT, dir, source))) {
        for (const name of importedPackages(readFileSync(file, 'utf8'))) {
          if (name !== manifest.name) imported.add(name);
        }
      }
    }
    expect(
      [...imported].sort(),
      `imports of ${relative(ROOT, join(ROOT, dir))} vs its package.json dependencies`,
    ).toEqual(Object.keys(manifest.dependencies ?? {}).sort());
  });
});
