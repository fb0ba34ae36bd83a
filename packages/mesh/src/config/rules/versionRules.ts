// Rule table of one version (subset) of a service (`services.*.versions[]`, `VersionConfig`).

import type { RuleTable } from './RuleRow.js';
import { RULE_ASSUMPTIONS } from './ruleAssumptions.js';

/** The scalar fields of one version; its name and service time are written as a name and a distribution. */
export const VERSION_RULES = {
  id: 'version',
  title: 'Version',
  scenarioPath: 'services.*.versions[]',
  configPath: 'ServiceConfig.versions[] (VersionConfig)',
  rows: [
    {
      field: 'replicas',
      kind: 'integer',
      unit: 'count',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      default: { required: true },
      description: "Instances of this version; the versions' replicas add up to the service's.",
    },
    {
      field: 'weight',
      kind: 'percent',
      unit: 'percent',
      min: { value: 0, source: RULE_ASSUMPTIONS.percentOfWhole },
      max: { value: 100, source: RULE_ASSUMPTIONS.percentOfWhole },
      default: { none: 'none (traffic proportional to replicas)' },
      description: 'Traffic share when a split is in force; set on every version or on none.',
    },
    {
      field: 'errorRate',
      kind: 'probability',
      unit: 'ratio',
      min: { value: 0, source: RULE_ASSUMPTIONS.probability },
      max: { value: 1, source: RULE_ASSUMPTIONS.probability },
      default: { none: "the service's" },
      description: "This version's error rate.",
    },
  ],
} as const satisfies RuleTable;
