// What an HTML report inlines: the minified bundles of its charting and graph-layout libraries, read from
// the installed packages at render time, and the report's own browser script and style sheet (assets/).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** A library an HTML report inlines. */
export interface VendorLibrary {
  /** npm package name. */
  name: string;
  /** Its minified browser bundle, relative to the package folder (defines a global). */
  file: string;
  /** The global the bundle defines. */
  global: string;
  license: string;
  /** The package's entry point as Node resolves it from this package (to find its folder). */
  resolve: () => string;
}

/** The libraries, in load order: Observable Plot's bundle needs the `d3` global. */
export const VENDOR_LIBRARIES: readonly VendorLibrary[] = [
  { name: 'd3', file: 'dist/d3.min.js', global: 'd3', license: 'ISC', resolve: () => require.resolve('d3') },
  {
    name: '@observablehq/plot',
    file: 'dist/plot.umd.min.js',
    global: 'Plot',
    license: 'ISC',
    resolve: () => require.resolve('@observablehq/plot'),
  },
  {
    name: '@dagrejs/dagre',
    file: 'dist/dagre.min.js',
    global: 'dagre',
    license: 'MIT',
    resolve: () => require.resolve('@dagrejs/dagre'),
  },
];

/** The folder of the installed package `name`: the nearest folder above its entry with its package.json. */
function packageFolder(library: VendorLibrary): { folder: string; version: string } {
  let folder = dirname(library.resolve());
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === library.name) return { folder, version: manifest.version ?? 'unknown' };
    } catch {
      // No package.json here: keep climbing.
    }
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`cannot find the folder of the installed package ${library.name}`);
    folder = parent;
  }
}

const cache = new Map<string, string>();

function cached(key: string, read: () => string): string {
  let text = cache.get(key);
  if (text === undefined) {
    text = read();
    cache.set(key, text);
  }
  return text;
}

/** The library's minified bundle, after a comment naming the package, version and license. */
export function vendorBundle(library: VendorLibrary): string {
  return cached(`vendor:${library.name}`, () => {
    const { folder, version } = packageFolder(library);
    // The source map is not shipped with the page: drop the comment that points at it.
    const source = readFileSync(join(folder, library.file), 'utf8').replace(
      /^\/\/# sourceMappingURL=.*$/gm,
      '',
    );
    return `/*! ${library.name} ${version} (${library.license}), inlined from ${library.file} */\n${source}`;
  });
}

/** Where the report's own browser assets are: `packages/report/assets/` (same depth from src/ and dist/). */
const ASSETS = fileURLToPath(new URL('../../../assets/', import.meta.url));

/** One of the report's own browser assets: `report.js` (the drawing script) or `report.css`. */
export function reportAsset(file: 'report.js' | 'report.css'): string {
  return cached(`asset:${file}`, () => readFileSync(join(ASSETS, file), 'utf8'));
}
