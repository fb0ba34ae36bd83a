// The warnings a run of a scenario gives that need no run (`staticWarnings` of @meshsim/mesh), as issues of its file:
// each about one field is placed at the line and column the file writes it at, as errors are.

import { staticWarnings } from '@meshsim/mesh';
import type { SimulationConfig } from '@meshsim/mesh';
import { formatPath } from './internal/path.js';
import { sourceOf } from './internal/scenarioSources.js';
import type { Locate } from './internal/positions.js';
import type { ScenarioIssue } from './ScenarioError.js';

/**
 * The warnings `simulate(config)` would give before it runs — the same checks, made by building its model without
 * running it (`staticWarnings`) — one {@link ScenarioIssue} each, in the order a run lists them: `reason` is the
 * warning, `path` the field it is about (`''` when about none). For a config `parseScenario`, `loadScenarioFile` or
 * `loadScenario` read, `file` defaults to the name they used and each warning about a field has the line and column
 * of that field (or of its closest written parent); print one with `formatScenarioIssue`.
 *
 * @param config - A resolved scenario (from a file, `resolveScenario` or code).
 * @param file - The file name the issues give. Default: the name the config was read as, else `scenario`.
 * @throws the errors of `simulate` for a config that is not valid.
 * @example
 * ```ts
 * const config = loadScenario('my-scenario.yaml');
 * for (const warning of scenarioWarnings(config)) console.warn(`warning: ${formatScenarioIssue(warning)}`);
 * // warning: my-scenario.yaml:14:9: services.web.calls[0].timeout: web → db: its timeout (1 ms) is under half …
 * ```
 */
export function scenarioWarnings(config: SimulationConfig, file?: string): ScenarioIssue[] {
  const warnings = staticWarnings(config);
  const source = sourceOf(config);
  const name = file ?? source?.file ?? 'scenario';
  let locate: Locate | undefined;
  if (source !== undefined && warnings.some((warning) => warning.path !== undefined))
    locate = source.locate();
  return warnings.map(({ message, path }): ScenarioIssue => {
    if (path === undefined) return { file: name, path: '', reason: message };
    const position = locate?.(path);
    return { file: name, path: formatPath(path), reason: message, ...position };
  });
}
