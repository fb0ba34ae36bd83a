// Rule table of bulkheads (`inbound.bulkheads`): per-downstream concurrency caps of a service's own calls.

import type { RuleTable } from './RuleRow.js';

/** One row: the cap written under the downstream service's name (`bulkheads: { payments: 20 }`). */
export const BULKHEAD_RULES = {
  id: 'bulkheads',
  title: 'Bulkheads',
  scenarioPath: 'services.*.inbound.bulkheads',
  configPath: 'ServiceConfig.inbound.bulkheads',
  rows: [
    {
      field: '<service>',
      kind: 'integer',
      unit: 'count',
      min: { value: 1, source: { assumption: 'a cap of 0 would refuse every call' } },
      default: { none: 'no cap' },
      description:
        'Calls each instance may have in flight to that downstream service; a call beyond fails at once with a local 503.',
    },
  ],
} as const satisfies RuleTable;
