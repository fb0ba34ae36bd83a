// Rule tables of fault injection on a call (`calls[].faultInjection`, `FaultInjectionConfig`; Istio
// `HTTPFaultInjection`): the delay and the abort. Every field of a given block is required.

import type { RuleTable } from './RuleRow.js';
import { RULE_ASSUMPTIONS } from './ruleAssumptions.js';

const PERCENT_MIN = { value: 0, source: RULE_ASSUMPTIONS.percentOfWhole } as const;
const PERCENT_MAX = { value: 100, source: RULE_ASSUMPTIONS.percentOfWhole } as const;

/** `faultInjection.delay`: hold back a percentage of the calls. */
export const FAULT_DELAY_RULES = {
  id: 'fault-delay',
  title: 'Fault injection: delay',
  scenarioPath: 'services.*.calls[].faultInjection.delay',
  configPath: 'CallConfig.faultInjection.delay',
  rows: [
    {
      field: 'percent',
      kind: 'percent',
      unit: 'percent',
      min: PERCENT_MIN,
      max: PERCENT_MAX,
      default: { required: true },
      description: 'Percentage of the calls delayed.',
    },
    {
      field: 'fixed',
      configField: 'delayMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      default: { required: true },
      description: 'Delay added before the call is sent (Istio fixedDelay).',
    },
  ],
} as const satisfies RuleTable;

/** `faultInjection.abort`: fail a percentage of the calls at once. */
export const FAULT_ABORT_RULES = {
  id: 'fault-abort',
  title: 'Fault injection: abort',
  scenarioPath: 'services.*.calls[].faultInjection.abort',
  configPath: 'CallConfig.faultInjection.abort',
  rows: [
    {
      field: 'percent',
      kind: 'percent',
      unit: 'percent',
      min: PERCENT_MIN,
      max: PERCENT_MAX,
      default: { required: true },
      description: 'Percentage of the calls aborted.',
    },
    {
      field: 'status',
      kind: 'enum',
      unit: 'none',
      values: [500, 503],
      default: { required: true },
      description:
        "Status returned: 500 (application error, config 'error') or 503 (rejected, config 'rejected'), as Istio abort.httpStatus.",
    },
  ],
} as const satisfies RuleTable;
