// Envoy's limit on concurrent retries per cluster: the `retry_budget` (a percentage of active +
// pending requests, with a floor) or, without a budget, the fixed `max_retries` threshold.

import type { RetryBudgetConfig } from '../../config/PolicyConfig.js';
import type { ClientPolicy } from '../../call/ClientPolicy.js';
import { AttemptCounts } from '../../call/AttemptCounts.js';
import type { PolicyCounters } from '../../ports/PolicyCounters.js';
import { RETRY_BUDGET_ADMITTED, RETRY_BUDGET_DENIED, RETRY_OVERFLOW } from '../policyEvents.js';
import { addCount } from '../../ports/PolicyCounters.js';
import { checkField, checkFields } from '../../config/rules/checkFields.js';
import { CONNECTION_POOL_RULES } from '../../config/rules/connectionPoolRules.js';
import { ENVOY_RETRY_BUDGET_RULES } from '../../config/rules/envoyRetryBudgetRules.js';
import { findRuleRow } from '../../config/rules/findRuleRow.js';

/** The connection pool's `maxRetries` row. */
const MAX_RETRIES_RULE = findRuleRow(CONNECTION_POOL_RULES, 'maxRetries');

/**
 * Concurrent-retry limit of one Envoy cluster in a client proxy. "Active retries" are this client's retries
 * holding a slot: admitted and not yet ended, in their backoff or outstanding (Envoy takes the `retries`
 * resource when it decides to retry, before the backoff, and gives it back when the retried attempt ends or
 * the request does; docs/sources.md#envoy-retry-state); "active + pending requests" are all attempts
 * outstanding (both counted by the client: its `AttemptCounts`). A retry is admitted iff
 * `activeRetries < limit`, where
 * - budget mode: `limit = max(minRetryConcurrency, floor(budgetPercent / 100 × outstanding))`;
 * - max_retries mode: `limit = maxRetries`.
 */
export class EnvoyRetryBudget implements ClientPolicy {
  readonly name: string;
  /** The client's counts once bound (`useAttemptCounts`); its own, never counted, until then. */
  private counts = new AttemptCounts();
  private admitted = 0;
  private denied = 0;

  private constructor(
    private readonly budgetFraction: number,
    private readonly minRetryConcurrency: number,
    /** A `retry_budget` (true) or the `max_retries` threshold (false): which counters it reports. */
    private readonly isBudget: boolean,
  ) {
    this.name = isBudget ? 'envoy-retry-budget' : 'envoy-max-retries';
  }

  /** The `retry_budget` limit: max(minRetryConcurrency, budgetPercent % of active + pending requests). */
  static budget(
    config: Extract<RetryBudgetConfig, { kind: 'envoy' }>,
    path = 'retryBudget',
  ): EnvoyRetryBudget {
    checkFields(ENVOY_RETRY_BUDGET_RULES, config, path);
    return new EnvoyRetryBudget(config.budgetPercent / 100, config.minRetryConcurrency, true);
  }

  /** The fixed `max_retries` circuit-breaker threshold (used when no retry budget is configured). */
  static maxRetries(maxRetries: number, path = 'connectionPool'): EnvoyRetryBudget {
    checkField(MAX_RETRIES_RULE, maxRetries, `${path}.maxRetries`);
    return new EnvoyRetryBudget(0, maxRetries, false);
  }

  useAttemptCounts(counts: AttemptCounts): void {
    this.counts = counts;
  }

  /** The concurrent-retry limit at the current load. */
  limit(): number {
    return Math.max(this.minRetryConcurrency, Math.floor(this.budgetFraction * this.counts.outstanding));
  }

  /** Retries holding a slot now (in their backoff or outstanding). */
  get retriesInFlight(): number {
    return this.counts.retries;
  }

  allowRetry(): boolean {
    if (this.counts.retries < this.limit()) {
      this.admitted++;
      return true;
    }
    this.denied++;
    return false;
  }

  /** A budget's decisions as `retry-budget-*`; the `max_retries` threshold's refusals as `retry-overflow`. */
  collect(into: PolicyCounters): void {
    if (this.isBudget) {
      addCount(into, RETRY_BUDGET_ADMITTED, this.admitted);
      addCount(into, RETRY_BUDGET_DENIED, this.denied);
    } else {
      addCount(into, RETRY_OVERFLOW, this.denied);
    }
  }
}
