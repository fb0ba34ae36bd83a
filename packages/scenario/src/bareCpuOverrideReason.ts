// The warning for a CPU quantity a `--set` gives as a bare number implausible as cores (`services.api.cpuLimit=500`,
// meant as 500m), by the rule a file's own bare numbers are warned by, so the command line warns as the file would.

import type { SimulationConfig } from '@meshsim/mesh';
import { bareCpuAt } from './internal/bareNumbers.js';
import { sourceOf } from './internal/scenarioSources.js';

/**
 * The warning for `value` given to the dotted field `path` of `config`'s scenario (as `--set` writes it, `config`
 * resolved with it) when the field is a CPU quantity and the value a bare number implausible as cores — `500 is 500
 * cores (a bare CPU quantity is cores, as Kubernetes reads it), more than the largest node has (8 cores, nodeCpu);
 * write 500m for millicores (0.5 cores)`, the words of `bareNumberWarnings` — or null: another field, a value
 * with a unit, or a plausible number of cores. The largest node is the one the scenario writes as edited (its
 * `--set nodeCpu=…` included); for a config read from no text, its clusters' and node pools' sizes.
 *
 * @example
 * ```ts
 * bareCpuOverrideReason(config, 'services.api.cpuLimit', 500); // '500 is 500 cores (…); write 500m for millicores …'
 * bareCpuOverrideReason(config, 'services.api.cpuLimit', '500m'); // null
 * bareCpuOverrideReason(config, 'traffic.0.rate', 500); // null
 * ```
 */
export function bareCpuOverrideReason(config: SimulationConfig, path: string, value: unknown): string | null {
  if (path === '') return null;
  const input = sourceOf(config)?.input ?? {
    clusters: config.clusters.map((cluster) => ({
      nodeCpu: cluster.nodeCpu,
      nodePools: (cluster.nodePools ?? []).map((pool) => ({ nodeCpu: pool.nodeCpu })),
    })),
  };
  return bareCpuAt(path.split('.'), value, input);
}
