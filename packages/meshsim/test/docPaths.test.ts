// Source paths the docs name (`server/protection/TokenBucket.ts`, `packages/mesh/src/…`, folders too) exist, so a
// file that moves takes its docs with it. Paths of other projects (quoted in citations) are not checked.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Every file under `dir` (relative to the repository), skipping node_modules and dist. */
function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'dist'].includes(entry.name)) out.push(...files(path));
    } else {
      out.push(path);
    }
  }
  return out;
}

const OUR_PACKAGES = /^packages\/(engine|mesh|scenario|import|analysis|report|cli|meshsim)\//;
/** First folders of packages/mesh/src and of the other packages' src: a bare `folder/File.ts` starting so is ours. */
const OUR_FOLDERS = new Set(
  files('packages')
    .filter((path) => /^packages\/[^/]+\/src\/[^/]+\//.test(path))
    .map((path) => path.split('/')[3] as string),
);

describe('docs name source files that exist', () => {
  const sources = [
    ...files('packages').filter((path) => path.endsWith('.ts')),
    ...files('bench'),
    ...files('examples'),
  ];
  const docs = ['README.md', ...files('docs').filter((path) => path.endsWith('.md'))];

  it('every `…/File.ts` path of ours in docs/ and README.md names an existing file', () => {
    const missing: string[] = [];
    for (const doc of docs) {
      const text = readFileSync(join(root, doc), 'utf8');
      for (const match of text.matchAll(/`([A-Za-z0-9_./-]+\.ts)`/g)) {
        const ref = match[1] as string;
        const ours = OUR_PACKAGES.test(ref) || OUR_FOLDERS.has(ref.split('/')[0] as string);
        if (!ours || !ref.includes('/')) continue;
        if (!sources.some((path) => path === ref || path.endsWith(`/${ref}`))) missing.push(`${doc}: ${ref}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every `packages/<ours>/…` path (file or folder) and every relative link into packages/ names what exists', () => {
    const missing: string[] = [];
    for (const doc of docs) {
      const text = readFileSync(join(root, doc), 'utf8');
      for (const match of text.matchAll(/`(packages\/[^`\s]+)`/g)) {
        const ref = match[1] as string;
        if (!OUR_PACKAGES.test(ref)) continue;
        // A placeholder (`packages/mesh/src/shapes/<shape>/`, `…/golden/<name>.json`): what precedes it must exist.
        const path = ref.split('<')[0] as string;
        if (!existsSync(join(root, path))) missing.push(`${doc}: ${ref}`);
      }
      for (const match of text.matchAll(/\]\(((?:\.\.\/)*packages\/[^)#\s]+)(?:#[^)]*)?\)/g)) {
        const ref = match[1] as string;
        if (!existsSync(join(root, normalize(join(dirname(doc), ref))))) missing.push(`${doc}: ${ref}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
