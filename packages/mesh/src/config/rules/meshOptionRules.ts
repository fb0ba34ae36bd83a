// Rule table of the mesh options every shape shares (`mesh.*`, `MeshOptions`): how fast endpoint changes reach the
// callers, the default load balancer and the library's CPU per call. The file schema and resolveMeshConfig's check
// of options built in code (checkMeshOptionValues) both read it.

import type { RuleTable } from './RuleRow.js';
import { RULE_ASSUMPTIONS } from './ruleAssumptions.js';

/** The scalar mesh options; the proxy profile overrides have their own rules (shapes/profileFields.ts). */
export const MESH_OPTION_RULES = {
  id: 'mesh',
  title: 'Mesh',
  scenarioPath: 'mesh',
  configPath: 'MeshOptions',
  rows: [
    {
      field: 'endpointUpdateDelay',
      configField: 'endpointUpdateDelayMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      default: {
        value: 1000,
        source: {
          assumption: 'no published figure for the time an endpoint change takes to reach the proxies',
        },
      },
      description: "Delay before a crash or restart reaches the callers' load balancers.",
    },
    {
      field: 'loadBalancer',
      kind: 'enum',
      unit: 'none',
      values: ['round-robin', 'random', 'least-request', 'peak-ewma'],
      default: {
        none: 'random for none and cilium, least-request for istio-sidecar, peak-ewma for linkerd, round-robin otherwise',
      },
      description: "Callers' load balancer where the destination sets none.",
    },
    {
      field: 'libraryCpuPerCall',
      configField: 'libraryCpuMsPerCall',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      default: {
        value: 0.02,
        source: { assumption: 'a client library’s bookkeeping per call; no published figure' },
      },
      description: 'For shape library: CPU the library costs per call in the calling app (e.g. 0.02ms).',
    },
  ],
} as const satisfies RuleTable;

/**
 * The default [ms] of a numeric mesh option, from its row above: the one source the shapes' defaults
 * (`DEFAULT_ENDPOINT_UPDATE_DELAY_MS`, `LIBRARY_CPU_MS_PER_CALL`) read.
 */
export function meshOptionDefaultMs(field: 'endpointUpdateDelay' | 'libraryCpuPerCall'): number {
  for (const row of MESH_OPTION_RULES.rows) {
    if (row.field === field && 'value' in row.default) return row.default.value;
  }
  throw new Error(`mesh option ${field} has no numeric default in MESH_OPTION_RULES`);
}
