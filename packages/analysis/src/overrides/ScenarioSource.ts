// A scenario as text and plain data, so `--set` overrides can be applied to the file's own structure and
// re-validated by the scenario schema; its hash identifies it in the results store.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

import { listBundledScenarios, loadScenario } from '@meshsim/scenario';
import { parse } from 'yaml';

/** A scenario file's text, as read. */
export interface ScenarioSource {
  /** The name errors use: `<name>.yaml` for a bundled scenario, else the path as given. */
  file: string;
  text: string;
  /** SHA-256 of the text, hex (the store's `scenario_hash`). */
  hash: string;
  /**
   * The bundled scenario's name when it was read by name (`retry-storm`): `file` is then the bundled file's name,
   * not a file the user wrote or can open. Absent for a file and for text.
   */
  bundled?: string;
}

/**
 * Reads a bundled scenario (by name) or a scenario file (by path), as `loadScenario` finds them.
 * @throws ScenarioError (from `loadScenario`) for an unknown name or a missing or invalid file.
 */
export function readScenarioSource(nameOrPath: string): ScenarioSource {
  // loadScenario reports an unknown name, a missing file or an invalid one exactly as `meshsim run` does.
  loadScenario(nameOrPath);
  const looksLikePath = /[\\/]/.test(nameOrPath) || /\.(ya?ml|json)$/i.test(nameOrPath);
  const bundled = looksLikePath ? undefined : listBundledScenarios().find((s) => s.name === nameOrPath);
  const file = bundled === undefined ? nameOrPath : basename(bundled.file);
  const text = readFileSync(bundled === undefined ? nameOrPath : bundled.file, 'utf8');
  return {
    file,
    text,
    hash: createHash('sha256').update(text).digest('hex'),
    ...(bundled !== undefined && { bundled: bundled.name }),
  };
}

/** A scenario given as text (e.g. received by a worker thread), hashed like {@link readScenarioSource}. */
export function scenarioSource(file: string, text: string): ScenarioSource {
  return { file, text, hash: createHash('sha256').update(text).digest('hex') };
}

/** The file's plain data (YAML 1.2 with merge keys; JSON is YAML). */
export function rawScenario(source: ScenarioSource): Record<string, unknown> {
  const data: unknown = parse(source.text, { merge: true, maxAliasCount: 1000 });
  return typeof data === 'object' && data !== null && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : {};
}
