// Rule table of Linkerd's failure accrual (`destinationPolicy.failureAccrual`, `FailureAccrualConfig`):
// consecutive failures mark an endpoint unavailable for an exponentially growing penalty.

import type { RuleTable } from './RuleRow.js';
import { RULE_ASSUMPTIONS } from './ruleAssumptions.js';

const LINKERD = { cite: 'linkerd-circuit-breaking' } as const;

/** Linkerd failure accrual ("consecutive" mode), with the defaults of its annotations. */
export const FAILURE_ACCRUAL_RULES = {
  id: 'failure-accrual',
  title: 'Linkerd failure accrual',
  scenarioPath: 'services.*.destinationPolicy.failureAccrual',
  configPath: 'ServiceConfig.destination.failureAccrual (FailureAccrualConfig)',
  rows: [
    {
      field: 'maxFailures',
      kind: 'integer',
      unit: 'count',
      min: {
        value: 1,
        source: { assumption: 'an endpoint is marked unavailable after at least one failure' },
      },
      default: { value: 7, source: LINKERD },
      description: 'Consecutive failures that mark an endpoint unavailable.',
    },
    {
      field: 'minPenalty',
      configField: 'minPenaltyMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      default: { value: 1000, source: LINKERD },
      description: 'First penalty (then doubling).',
    },
    {
      field: 'maxPenalty',
      configField: 'maxPenaltyMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      atLeast: {
        field: 'minPenalty',
        ifOmitted: 'default',
        source: { assumption: 'the penalty doubles from minPenalty up to maxPenalty' },
      },
      default: { value: 60_000, source: LINKERD },
      description: 'Cap on the penalty.',
    },
    {
      field: 'jitter',
      configField: 'jitterRatio',
      kind: 'number',
      unit: 'ratio',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      default: { value: 0.5, source: LINKERD },
      description: 'Jitter, as a fraction of the penalty.',
    },
  ],
} as const satisfies RuleTable;
