// The text each config was read from (by `parseScenario`, or given to `resolveScenario` with the data edited from it),
// so that what is found about a config later — the warnings of its model, the durations its file writes as bare
// numbers — can be placed at line and column in its file. Kept aside, the config stays plain data.

import type { SimulationConfig } from '@meshsim/mesh';
import { SCENARIO_LIMITS } from '@meshsim/mesh';
import { extname } from 'node:path';
import { parseYamlBounded } from './parseYamlBounded.js';
import { createLocator } from './positions.js';
import type { Locate } from './positions.js';

/** Where a config was read from: the file name its errors use, its text, and the data it was resolved from. */
interface ScenarioSourceText {
  readonly file: string;
  readonly text: string;
  /** The data resolved into the config: the text's, or the text's as edited (`--set`). */
  readonly input: unknown;
}

/** The text of a config, parsed again (once asked). */
export interface ParsedSource {
  /** The line and column of a field of the text. */
  readonly locate: Locate;
  /** The text's own data (YAML with merge keys and aliases resolved; a JSON file's values). */
  readonly data: unknown;
}

const sources = new WeakMap<SimulationConfig, ScenarioSourceText>();

/**
 * Remembers that `config` was resolved from `input`, the data of `text` of `file` (or that data edited); returns
 * `config`.
 */
export function rememberSource(
  config: SimulationConfig,
  file: string,
  text: string,
  input: unknown,
): SimulationConfig {
  sources.set(config, { file, text, input });
  return config;
}

/**
 * Remembers for `to`, a copy of `from` with top-level fields changed (`applyOverrides`), the source of `from` — its
 * data with each field of `changes` replaced by what `changes` makes of it (as a file writes it: `duration` →
 * `'1000ms'`), so that what the file wrote there is not warned of — and returns `to`.
 */
export function carrySource(
  from: SimulationConfig,
  to: SimulationConfig,
  changes: Readonly<Record<string, (written: unknown) => unknown>>,
): SimulationConfig {
  const source = sources.get(from);
  if (source === undefined) return to;
  const data = source.input;
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return rememberSource(to, source.file, source.text, data);
  const input: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const [field, change] of Object.entries(changes)) input[field] = change(input[field]);
  return rememberSource(to, source.file, source.text, input);
}

/**
 * The file `config` was read from, the data it was resolved from and its text parsed again (once asked: undefined
 * if it does not parse); undefined for a config read from no text.
 */
export function sourceOf(
  config: SimulationConfig,
): { file: string; text: string; input: unknown; parse: () => ParsedSource | undefined } | undefined {
  const source = sources.get(config);
  if (source === undefined) return undefined;
  return {
    file: source.file,
    text: source.text,
    input: source.input,
    parse: () => {
      // As parseScenario parsed it: YAML with merge keys, or a .json file's JSON (whose positions YAML gives).
      const merge = extname(source.file).toLowerCase() !== '.json';
      const parsed = parseYamlBounded(source.text, SCENARIO_LIMITS.nestingDepth, { merge, uniqueKeys: true });
      // A valid file parses (JSON may leave YAML remarks the loader ignored; its positions hold all the same).
      if (parsed.kind !== 'document') return undefined;
      let data: unknown;
      try {
        data = parsed.doc.toJS({ maxAliasCount: SCENARIO_LIMITS.aliases });
      } catch {
        return undefined;
      }
      return { locate: createLocator(parsed.doc, parsed.lineCounter), data };
    },
  };
}
