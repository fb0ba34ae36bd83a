// Rule table of request mirroring on a call (`calls[].mirror`, `MirrorConfig`; Istio `mirror` and
// `mirrorPercentage`).

import type { RuleTable } from './RuleRow.js';
import { RULE_ASSUMPTIONS } from './ruleAssumptions.js';

/** The share of a call-plan entry's calls copied to another service (the target is `to`). */
export const MIRROR_RULES = {
  id: 'mirror',
  title: 'Mirror',
  scenarioPath: 'services.*.calls[].mirror',
  configPath: 'CallConfig.mirror (MirrorConfig)',
  rows: [
    {
      field: 'percent',
      kind: 'percent',
      unit: 'percent',
      min: { value: 0, source: RULE_ASSUMPTIONS.percentOfWhole },
      max: { value: 100, source: RULE_ASSUMPTIONS.percentOfWhole },
      default: {
        value: 100,
        by: 'Istio mirrorPercentage',
        source: { cite: 'istio-virtualservice', note: 'mirrorPercentage absent: all traffic' },
      },
      description: 'Percentage of the calls copied.',
    },
  ],
} as const satisfies RuleTable;
