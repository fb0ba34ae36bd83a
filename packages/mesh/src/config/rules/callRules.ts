// Rule table of a downstream call's scalar fields (`services.*.calls[]`, `CallConfig`); its timeouts and
// retries are in callPolicyRules.ts.

import type { RuleTable } from './RuleRow.js';
import { RULE_ASSUMPTIONS } from './ruleAssumptions.js';

/** Whether a request makes the call, and whether its failure fails the request. */
export const CALL_RULES = {
  id: 'call',
  title: 'Call',
  scenarioPath: 'services.*.calls[]',
  configPath: 'CallConfig',
  rows: [
    {
      field: 'probability',
      kind: 'probability',
      unit: 'ratio',
      min: { value: 0, source: RULE_ASSUMPTIONS.probability },
      max: { value: 1, source: RULE_ASSUMPTIONS.probability },
      default: { value: 1, source: { assumption: 'every request makes its calls unless told otherwise' } },
      description: 'Probability that a request makes this call.',
    },
    {
      field: 'optional',
      kind: 'boolean',
      unit: 'none',
      default: {
        value: false,
        source: { assumption: 'a failed dependency fails the request unless a fallback exists' },
      },
      description: 'If true, a failure of this call does not fail the request (a fallback exists).',
    },
    {
      field: 'keepAlive',
      kind: 'boolean',
      unit: 'none',
      default: { value: true, source: { assumption: 'HTTP clients keep connections alive by default' } },
      description:
        'Whether the calling application keeps its connections to the callee open (false: a new connection per request; a sidecar still pools its own).',
    },
  ],
} as const satisfies RuleTable;
