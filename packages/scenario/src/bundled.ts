// The scenarios shipped with the package (packages/scenario/scenarios/*.yaml), found relative to
// this module so that the lookup works from both src/ and dist/.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** A bundled scenario: its name (the file name without `.yaml`), one-line description and absolute path. */
export interface BundledScenario {
  name: string;
  description: string;
  file: string;
}

/** Absolute path of the directory holding the bundled scenario files. */
export function bundledScenariosDir(): string {
  return fileURLToPath(new URL('../scenarios/', import.meta.url));
}

/** Descriptions read so far, by file (bundled files do not change while a process runs). */
const descriptions = new Map<string, string>();

/** The `description` of a bundled file, whitespace collapsed to one line ('' when it has none). */
function descriptionOf(file: string): string {
  let description = descriptions.get(file);
  if (description === undefined) {
    description = '';
    try {
      const data: unknown = parse(readFileSync(file, 'utf8'));
      const value =
        typeof data === 'object' && data !== null
          ? (data as { description?: unknown }).description
          : undefined;
      if (typeof value === 'string') description = value.replace(/\s+/g, ' ').trim();
    } catch {
      // An unparsable file still lists; loading it reports the error.
    }
    descriptions.set(file, description);
  }
  return description;
}

/**
 * Lists the bundled scenarios, sorted by name. A scenario's `description` (whitespace collapsed to one
 * line) is read from its file when first asked for, so that finding a scenario by name parses no file; use
 * `loadScenario(name)` to validate and resolve one.
 *
 * @example
 * ```ts
 * for (const { name, description } of listBundledScenarios()) console.log(`${name}  ${description}`);
 * ```
 */
export function listBundledScenarios(): BundledScenario[] {
  const dir = bundledScenariosDir();
  return (
    readdirSync(dir)
      .filter((entry) => entry.endsWith('.yaml'))
      .map((entry): BundledScenario => {
        const file = join(dir, entry);
        return {
          name: entry.slice(0, -'.yaml'.length),
          // PERF: parsing every bundled file (150 KB of YAML) took ~1 s of each CLI command.
          get description() {
            return descriptionOf(file);
          },
          file,
        };
      })
      // By name, not by file name: `platform-40` before `platform-40-retry-storm` ('.' sorts after '-').
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  );
}
