// Rule table of the scenario's top-level scalar fields (`duration`).

import type { RuleTable } from './RuleRow.js';
import { CPU_PRECISION, MIN_CPU_CORES } from './ruleAssumptions.js';

/** Top-level scalar fields of a scenario file. */
export const SCENARIO_RULES = {
  id: 'scenario',
  title: 'Scenario',
  scenarioPath: '(top level)',
  configPath: 'SimulationConfig',
  rows: [
    {
      field: 'duration',
      configField: 'durationMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, exclusive: true, source: { assumption: 'a run of 0 simulates nothing' } },
      max: {
        value: 30 * 24 * 3_600_000,
        source: {
          assumption:
            '30 days of simulated time; the clock (float64 milliseconds) stays finer than a nanosecond, and a run is cut by its event and wall-time guards long before',
        },
      },
      default: { value: 60_000, source: { assumption: 'long enough for most scenarios to settle' } },
      description: 'Simulated duration.',
    },
    {
      field: 'nodeCpu',
      kind: 'cpu',
      unit: 'cores',
      min: { value: MIN_CPU_CORES, source: CPU_PRECISION },
      default: { none: "no CPU model: work never waits for a core (a cluster's own nodeCpu wins)" },
      description:
        'Cores of every node (e.g. 2 for a c5.large): applications and proxies share them. A cluster can set its own.',
    },
  ],
} as const satisfies RuleTable;
