// Rule tables of server-side load shedding (`inbound.shedding`, `SheddingConfig`): the queue timeout
// and CoDel with RFC 8289's defaults.

import type { RuleTable } from './RuleRow.js';
import { RULE_ASSUMPTIONS } from './ruleAssumptions.js';

const RFC = { cite: 'rfc8289' } as const;

/** `{ queue-timeout: <duration> }`: drop a request that waited longer than this. */
export const QUEUE_TIMEOUT_RULES = {
  id: 'queue-timeout',
  title: 'Queue timeout',
  scenarioPath: "services.*.inbound.shedding['queue-timeout']",
  configPath: "ServiceConfig.inbound.shedding (SheddingConfig, kind 'queue-timeout')",
  rows: [
    {
      field: 'queue-timeout',
      configField: 'timeoutMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      unlimited: { word: null, source: RULE_ASSUMPTIONS.infinityFromCode },
      default: { required: true },
      description: 'Drop (503) a request that waited longer than this in the queue.',
    },
  ],
} as const satisfies RuleTable;

/** `codel` or `{ codel: { target, interval } }`: CoDel on the queue sojourn time. */
export const CODEL_RULES = {
  id: 'codel',
  title: 'CoDel',
  scenarioPath: 'services.*.inbound.shedding.codel',
  configPath: "ServiceConfig.inbound.shedding (SheddingConfig, kind 'codel')",
  rows: [
    {
      field: 'target',
      configField: 'targetMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, exclusive: true, source: { assumption: 'a target of 0 would drop whatever waited' } },
      default: { value: 5, by: 'RFC 8289', source: RFC },
      description: 'Acceptable standing queue delay.',
    },
    {
      field: 'interval',
      configField: 'intervalMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, exclusive: true, source: RULE_ASSUMPTIONS.positivePeriod },
      default: { value: 100, by: 'RFC 8289', source: RFC },
      description: 'Window above target before dropping.',
    },
  ],
} as const satisfies RuleTable;
