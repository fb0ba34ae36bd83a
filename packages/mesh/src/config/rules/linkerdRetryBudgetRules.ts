// Rule table of Linkerd's retry budget (`retryBudget: { linkerd: … }`), Tower's TpsBudget as
// linkerd2-proxy uses it: the ServiceProfile defaults and the ranges Tower asserts.

import type { RuleTable } from './RuleRow.js';

const LINKERD = { cite: 'linkerd-retries-serviceprofile' } as const;
const TOWER = { cite: 'tower-tps-budget', note: 'Tower TpsBudget asserts this range' } as const;

/** Linkerd retry budget: retries ≤ retryRatio × requests + minRetriesPerSecond × ttl, over ttl. */
export const LINKERD_RETRY_BUDGET_RULES = {
  id: 'linkerd-retry-budget',
  title: 'Linkerd retry budget',
  scenarioPath: 'services.*.destinationPolicy.retryBudget.linkerd',
  configPath: "ServiceConfig.destination.retryBudget (RetryBudgetConfig, kind 'linkerd')",
  rows: [
    {
      field: 'retryRatio',
      kind: 'number',
      unit: 'ratio',
      min: { value: 0, source: TOWER },
      max: { value: 1000, source: TOWER },
      default: { value: 0.2, source: LINKERD },
      description:
        'Retries may add this fraction of the requests (at most 1 is useful: Tower withdraws floor(1/ratio) tokens per retry).',
    },
    {
      field: 'minRetriesPerSecond',
      kind: 'integer',
      unit: 'per-s',
      min: { value: 0, source: { cite: 'tower-tps-budget', note: 'min_per_sec is a u32' } },
      default: { value: 10, source: LINKERD },
      description: 'Retries per second always allowed.',
    },
    {
      field: 'ttl',
      configField: 'ttlMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 1000, source: TOWER },
      max: { value: 60_000, source: TOWER },
      default: { value: 10_000, source: LINKERD },
      description: 'Window over which requests and retries count.',
    },
  ],
} as const satisfies RuleTable;
