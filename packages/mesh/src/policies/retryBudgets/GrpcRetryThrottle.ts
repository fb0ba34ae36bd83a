// gRPC retry throttling (gRFC A6): a token count per client, −1 per failed attempt, +tokenRatio per
// successful one; retries are allowed only while the count is above maxTokens / 2.

import type { AttemptResult } from '../../config/AttemptResult.js';
import type { RetryBudgetConfig } from '../../config/PolicyConfig.js';
import type { Instance } from '../../server/Instance.js';
import type { ClientPolicy } from '../../call/ClientPolicy.js';
import type { PolicyCounters } from '../../ports/PolicyCounters.js';
import { isPolicyFailure } from '../policyFailure.js';
import { RETRY_BUDGET_ADMITTED, RETRY_BUDGET_DENIED } from '../policyEvents.js';
import { addCount } from '../../ports/PolicyCounters.js';
import { checkFields } from '../../config/rules/checkFields.js';
import { GRPC_RETRY_THROTTLING_RULES } from '../../config/rules/grpcRetryThrottlingRules.js';

/**
 * gRPC retry throttle. `token_count` starts at `maxTokens`; each attempt that fails (see
 * isPolicyFailure) subtracts 1 (floor 0), each `ok` adds `tokenRatio` (cap `maxTokens`); 429/403 leave
 * it unchanged. A retry is allowed iff `token_count > maxTokens / 2`. Counts are kept in thousandths
 * of a token as in grpc-java's `RetriableStream.Throttle`: `(int) (tokenRatio * 1000f)` in 32-bit
 * floats, truncated (so 0.251 becomes 250, not 251), and the same for maxTokens.
 */
export class GrpcRetryThrottle implements ClientPolicy {
  readonly name = 'grpc-retry-throttle';
  private readonly maxMilli: number;
  private readonly ratioMilli: number;
  private milli: number;
  private admitted = 0;
  private denied = 0;

  constructor(config: Extract<RetryBudgetConfig, { kind: 'grpc' }>, path = 'retryBudget') {
    checkFields(GRPC_RETRY_THROTTLING_RULES, config, path);
    this.maxMilli = javaMilli(config.maxTokens);
    this.ratioMilli = javaMilli(config.tokenRatio);
    this.milli = this.maxMilli;
  }

  /** The current token count. */
  get tokens(): number {
    return this.milli / 1000;
  }

  allowRetry(): boolean {
    if (this.milli * 2 > this.maxMilli) {
      this.admitted++;
      return true;
    }
    this.denied++;
    return false;
  }

  onAttemptEnd(_instance: Instance, result: AttemptResult | 'timeout'): void {
    if (result === 'ok') this.milli = Math.min(this.maxMilli, this.milli + this.ratioMilli);
    else if (isPolicyFailure(result)) this.milli = Math.max(0, this.milli - 1000);
  }

  collect(into: PolicyCounters): void {
    addCount(into, RETRY_BUDGET_ADMITTED, this.admitted);
    addCount(into, RETRY_BUDGET_DENIED, this.denied);
  }
}

/** grpc-java's `(int) (value * THREE_DECIMAL_PLACES_SCALE_UP)` with `value` a Java float. */
function javaMilli(value: number): number {
  return Math.trunc(Math.fround(Math.fround(value) * 1000));
}
