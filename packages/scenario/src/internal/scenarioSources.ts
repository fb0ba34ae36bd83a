// The text each config was read from (by `parseScenario`), so that what is found about a config later — the
// warnings of its model — can be placed at line and column in its file. Kept aside, the config stays plain data.

import type { SimulationConfig } from '@meshsim/mesh';
import { SCENARIO_LIMITS } from '@meshsim/mesh';
import { extname } from 'node:path';
import { parseYamlBounded } from './parseYamlBounded.js';
import { createLocator } from './positions.js';
import type { Locate } from './positions.js';

/** Where a config was read from: the file name its errors use, and its text. */
interface ScenarioSourceText {
  readonly file: string;
  readonly text: string;
}

const sources = new WeakMap<SimulationConfig, ScenarioSourceText>();

/** Remembers that `config` was read from `text` of `file`; returns `config`. */
export function rememberSource(config: SimulationConfig, file: string, text: string): SimulationConfig {
  sources.set(config, { file, text });
  return config;
}

/** The file `config` was read from, and a {@link Locate} of its text (parsed again, once asked); undefined if none. */
export function sourceOf(
  config: SimulationConfig,
): { file: string; locate: () => Locate | undefined } | undefined {
  const source = sources.get(config);
  if (source === undefined) return undefined;
  return {
    file: source.file,
    locate: () => {
      // As parseScenario parsed it: YAML with merge keys, or a .json file's JSON (whose positions YAML gives).
      const merge = extname(source.file).toLowerCase() !== '.json';
      const parsed = parseYamlBounded(source.text, SCENARIO_LIMITS.nestingDepth, { merge, uniqueKeys: true });
      // A valid file parses (JSON may leave YAML remarks the loader ignored; its positions hold all the same).
      if (parsed.kind !== 'document') return undefined;
      return createLocator(parsed.doc, parsed.lineCounter);
    },
  };
}
