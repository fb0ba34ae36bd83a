// Envoy's cluster circuit-breaker thresholds in a client proxy (max_connections, max_pending_requests,
// max_requests): an attempt over a limit fails at once with a local 503 ("overflow"), never queued.

import type { AttemptResult } from '../../config/AttemptResult.js';
import type { ConnectionPoolConfig } from '../../config/PolicyConfig.js';
import type { ClientPolicy } from '../../call/ClientPolicy.js';
import { AttemptCounts } from '../../call/AttemptCounts.js';
import type { PolicyCounters } from '../../ports/PolicyCounters.js';
import { BREAKER_OVERFLOW } from '../policyEvents.js';
import { addCount } from '../../ports/PolicyCounters.js';
import { checkFields } from '../../config/rules/checkFields.js';
import { CONNECTION_POOL_RULES } from '../../config/rules/connectionPoolRules.js';

/**
 * Connection-pool thresholds of one (caller proxy, destination). `outstanding` = attempts from this
 * client in flight (its client's `AttemptCounts`). Simplified HTTP/1.1 pool: one request per
 * connection, so attempts beyond `maxConnections` are the pending ones. A new attempt overflows
 * (`breaker-open`) iff `outstanding ≥ maxRequests` or `outstanding ≥ max(maxConnections, 1) + maxPendingRequests`:
 * a `maxConnections` of 0 runs as 1, since Envoy's pool still opens a connection to an endpoint whose pool has none
 * (`ConnPoolImplBase::tryCreateNewConnection`, docs/sources.md#envoy-circuit-breakers; an assumption that it is one,
 * as the model's pool keeps none per endpoint). `maxRetries` is enforced separately (EnvoyRetryBudget.maxRetries).
 */
export class EnvoyThresholds implements ClientPolicy {
  readonly name = 'envoy-circuit-breakers';
  /** The client's counts once bound (`useAttemptCounts`); its own, never counted, until then. */
  private counts = new AttemptCounts();
  private overflows = 0;
  private readonly limit: number;

  constructor(config: ConnectionPoolConfig, path = 'connectionPool') {
    checkFields(CONNECTION_POOL_RULES, config, path);
    this.limit = Math.min(config.maxRequests, Math.max(config.maxConnections, 1) + config.maxPendingRequests);
  }

  useAttemptCounts(counts: AttemptCounts): void {
    this.counts = counts;
  }

  /** Attempts in flight now (active + pending). */
  get inFlight(): number {
    return this.counts.outstanding;
  }

  admit(): AttemptResult | null {
    if (this.counts.outstanding >= this.limit) {
      this.overflows++;
      return 'breaker-open';
    }
    return null;
  }

  collect(into: PolicyCounters): void {
    addCount(into, BREAKER_OVERFLOW, this.overflows);
  }
}
