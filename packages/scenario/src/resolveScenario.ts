// Builds a SimulationConfig from a scenario given as plain data (an object shaped like a scenario file),
// for scripts that construct scenarios in code instead of writing YAML.

import type { SimulationConfig } from '@meshsim/mesh';
import { resolveInput } from './internal/resolveInput.js';
import { rememberSource } from './internal/scenarioSources.js';

/**
 * Validates a scenario given as plain data (the same shape as a YAML/JSON scenario file, units
 * included) and resolves it into a {@link SimulationConfig} with every default applied.
 *
 * @param input - The scenario as plain data, e.g. `{ services: { api: { serviceTime: '5ms' } }, traffic: [{ to: 'api', rate: 100 }] }`.
 * @param file - The name used in error messages. Default: `scenario`.
 * @param text - The scenario text `input` was read from, when it was (and maybe edited since, as `--set` overrides
 *   do): `scenarioWarnings` then places the config's warnings at the fields' lines and columns in it, and
 *   `bareDurationWarnings` finds the durations it writes as bare numbers (`input` is read again then: do not change
 *   it). Default: none.
 * @returns The resolved configuration.
 * @throws ScenarioError listing every problem (file, field path, reason).
 * @example
 * ```ts
 * const config = resolveScenario({
 *   services: { api: { serviceTime: { exponential: { mean: '5ms' } } } },
 *   traffic: [{ to: 'api', rate: '200/s' }],
 * });
 * ```
 */
export function resolveScenario(input: unknown, file = 'scenario', text?: string): SimulationConfig {
  const config = resolveInput(input, file);
  return text === undefined ? config : rememberSource(config, file, text, input);
}
