// Envoy's limit on concurrent retries per cluster: the `retry_budget` (a percentage of active +
// pending requests, with a floor) or, without a budget, the fixed `max_retries` threshold.

import type { AttemptResult } from '../../config/AttemptResult.js';
import type { RetryBudgetConfig } from '../../config/PolicyConfig.js';
import type { Instance } from '../../server/Instance.js';
import type { ClientPolicy } from '../../call/ClientPolicy.js';
import type { PolicyCounters } from '../../ports/PolicyCounters.js';
import { RETRY_BUDGET_ADMITTED, RETRY_BUDGET_DENIED, addCount } from '../policyEvents.js';
import { checkField, checkFields } from '../../config/rules/checkFields.js';
import { CONNECTION_POOL_RULES } from '../../config/rules/connectionPoolRules.js';
import { ENVOY_RETRY_BUDGET_RULES } from '../../config/rules/envoyRetryBudgetRules.js';
import { findRuleRow } from '../../config/rules/findRuleRow.js';

/** The connection pool's `maxRetries` row. */
const MAX_RETRIES_RULE = findRuleRow(CONNECTION_POOL_RULES, 'maxRetries');

/**
 * Concurrent-retry limit of one Envoy cluster in a client proxy. "Active retries" are retry attempts
 * from this client currently outstanding (started, not yet answered or timed out); "active + pending
 * requests" are all attempts outstanding. A retry is admitted iff `activeRetries < limit`, where
 * - budget mode: `limit = max(minRetryConcurrency, floor(budgetPercent / 100 × outstanding))`;
 * - max_retries mode: `limit = maxRetries`.
 */
export class EnvoyRetryBudget implements ClientPolicy {
  readonly name: string;
  private outstanding = 0;
  private activeRetries = 0;
  private admitted = 0;
  private denied = 0;

  private constructor(
    private readonly budgetFraction: number,
    private readonly minRetryConcurrency: number,
  ) {
    this.name = budgetFraction > 0 ? 'envoy-retry-budget' : 'envoy-max-retries';
  }

  /** The `retry_budget` limit: max(minRetryConcurrency, budgetPercent % of active + pending requests). */
  static budget(
    config: Extract<RetryBudgetConfig, { kind: 'envoy' }>,
    path = 'retryBudget',
  ): EnvoyRetryBudget {
    checkFields(ENVOY_RETRY_BUDGET_RULES, config, path);
    return new EnvoyRetryBudget(config.budgetPercent / 100, config.minRetryConcurrency);
  }

  /** The fixed `max_retries` circuit-breaker threshold (used when no retry budget is configured). */
  static maxRetries(maxRetries: number, path = 'connectionPool'): EnvoyRetryBudget {
    checkField(MAX_RETRIES_RULE, maxRetries, `${path}.maxRetries`);
    return new EnvoyRetryBudget(0, maxRetries);
  }

  /** The concurrent-retry limit at the current load. */
  limit(): number {
    return Math.max(this.minRetryConcurrency, Math.floor(this.budgetFraction * this.outstanding));
  }

  /** Retry attempts outstanding now. */
  get retriesInFlight(): number {
    return this.activeRetries;
  }

  allowRetry(): boolean {
    if (this.activeRetries < this.limit()) {
      this.admitted++;
      return true;
    }
    this.denied++;
    return false;
  }

  onAttemptStart(_instance: Instance, isRetry: boolean): void {
    this.outstanding++;
    if (isRetry) this.activeRetries++;
  }

  onAttemptEnd(
    _instance: Instance,
    _result: AttemptResult | 'timeout',
    _latencyMs: number,
    _nowMs: number,
    retryOf: AttemptResult | null,
  ): void {
    this.outstanding--;
    if (retryOf !== null) this.activeRetries--;
  }

  collect(into: PolicyCounters): void {
    addCount(into, RETRY_BUDGET_ADMITTED, this.admitted);
    addCount(into, RETRY_BUDGET_DENIED, this.denied);
  }
}
