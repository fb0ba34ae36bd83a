// The scenario file a missing path was probably meant as, for the hint of `file not found`: the same name with
// another extension (.yaml, .yml, .json) beside it, else the closest scenario file name in its directory.

import { readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { closest } from './suggest.js';

const SCENARIO_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** Most directory entries looked at: a hint is not worth reading a huge directory for. */
const MAX_ENTRIES = 10_000;

/**
 * The path of a scenario file in the directory of the missing `path` that it may stand for — `acme.yaml` for
 * `acme.yml`, `shop.json` for `shop.yaml`, else a name within 2 edits (`acme.yaml` for `acmee.yaml`) — written as
 * `path` writes its directory; undefined when there is none, or the directory cannot be read.
 */
export function nearbyScenarioFile(path: string): string | undefined {
  const dir = dirname(path);
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .slice(0, MAX_ENTRIES)
      .filter((entry) => entry.isFile() && SCENARIO_EXTENSIONS.includes(extname(entry.name).toLowerCase()))
      .map((entry) => entry.name);
  } catch {
    return undefined;
  }
  const name = basename(path);
  const stem = basename(name, extname(name));
  const sameStem = SCENARIO_EXTENSIONS.map((extension) => stem + extension).find(
    (candidate) => candidate !== name && names.includes(candidate),
  );
  const found = sameStem ?? closest(name, names);
  return found === undefined ? undefined : join(dir, found);
}
