// Helpers of the import tests: the fixture directory, temporary input trees written from inline YAML,
// and lookups in the warnings.

import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { formatImportWarning, importScenarioObject } from '../../src/index.js';
import type { ImportOptions, ImportWarning, ImportedScenario } from '../../src/index.js';

/** The fixtures directory (absolute). */
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The golden directory (absolute). */
export const GOLDEN = fileURLToPath(new URL('../golden/', import.meta.url));

/** A path under the fixtures directory. */
export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

/** Writes `files` (relative path → contents) into a new temporary directory and returns it. */
export function tempTree(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'meshsim-import-'));
  for (const [name, contents] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, contents);
  }
  return dir;
}

/**
 * Imports inline files: writes them to a temporary directory and imports them all (in the order given),
 * showing paths relative to that directory. `graph` names one of the files.
 */
export function importFiles(
  files: Readonly<Record<string, string>>,
  options: ImportOptions = {},
): ImportedScenario {
  const dir = tempTree(files);
  const graph = options.graph === undefined ? {} : { graph: join(dir, options.graph) };
  const inputs = Object.keys(files)
    .filter((name) => name !== options.graph)
    .map((name) => join(dir, name));
  return importScenarioObject(inputs, { ...options, ...graph, relativeTo: dir });
}

/** The warnings as printed. */
export function warningLines(warnings: readonly ImportWarning[]): string[] {
  return warnings.map(formatImportWarning);
}

/** The printed warnings containing `text`. */
export function warningsWith(warnings: readonly ImportWarning[], text: string): string[] {
  return warningLines(warnings).filter((line) => line.includes(text));
}
