// Rule table of Envoy's retry budget (`retryBudget: { envoy: … }`, circuit_breaker.proto `retry_budget`),
// which replaces the connection pool's max_retries threshold.

import type { RuleTable } from './RuleRow.js';
import { RULE_ASSUMPTIONS } from './ruleAssumptions.js';

const ENVOY = { cite: 'envoy-circuit-breakers', note: 'retry_budget' } as const;

/** Envoy retry budget: concurrent retries ≤ max(minRetryConcurrency, budgetPercent % of active + pending). */
export const ENVOY_RETRY_BUDGET_RULES = {
  id: 'envoy-retry-budget',
  title: 'Envoy retry budget',
  scenarioPath: 'services.*.destinationPolicy.retryBudget.envoy',
  configPath: "ServiceConfig.destination.retryBudget (RetryBudgetConfig, kind 'envoy')",
  rows: [
    {
      field: 'budgetPercent',
      kind: 'percent',
      unit: 'percent',
      min: { value: 0, source: RULE_ASSUMPTIONS.percentOfWhole },
      max: { value: 100, source: RULE_ASSUMPTIONS.percentOfWhole },
      default: { value: 20, source: ENVOY },
      description: 'Retries in flight <= this percentage of active + pending requests.',
    },
    {
      field: 'minRetryConcurrency',
      kind: 'integer',
      unit: 'count',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      default: { value: 3, source: ENVOY },
      description: 'Retries in flight always allowed.',
    },
  ],
} as const satisfies RuleTable;
