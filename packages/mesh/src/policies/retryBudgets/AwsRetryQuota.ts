// The AWS SDK standard-mode retry quota: a token bucket per client; each retry pays retryCost
// (timeoutCost after a timeout), a success refunds successRefund or the cost of the retry that succeeded.

import type { AttemptResult } from '../../config/AttemptResult.js';
import type { RetryBudgetConfig } from '../../config/PolicyConfig.js';
import type { Instance } from '../../server/Instance.js';
import type { ClientPolicy } from '../../call/ClientPolicy.js';
import type { PolicyCounters } from '../../ports/PolicyCounters.js';
import { RETRY_BUDGET_ADMITTED, RETRY_BUDGET_DENIED } from '../policyEvents.js';
import { addCount } from '../../ports/PolicyCounters.js';
import { AWS_SDK_RETRY_QUOTA_RULES } from '../../config/rules/awsSdkRetryQuotaRules.js';
import { checkFields } from '../../config/rules/checkFields.js';

/**
 * AWS SDK retry quota. The bucket starts full at `capacity`. A retry of an attempt that ended with
 * `per-try-timeout` costs `timeoutCost`, any other retry `retryCost`; when the bucket holds less than
 * the cost the retry is refused (nothing is taken). When an attempt succeeds (`ok`), the bucket gets
 * back `successRefund` if it was the call's first attempt, else the cost paid for that retry; never
 * above `capacity`.
 */
export class AwsRetryQuota implements ClientPolicy {
  readonly name = 'aws-retry-quota';
  private available: number;
  private readonly capacity: number;
  private readonly retryCost: number;
  private readonly timeoutCost: number;
  private readonly successRefund: number;
  /** Cost of retrying the attempt that just ended, or -1 when no attempt ended since the last decision. */
  private pendingCost = -1;
  private admitted = 0;
  private denied = 0;

  constructor(config: Extract<RetryBudgetConfig, { kind: 'aws-sdk' }>, path = 'retryBudget') {
    checkFields(AWS_SDK_RETRY_QUOTA_RULES, config, path);
    this.capacity = config.capacity;
    this.retryCost = config.retryCost;
    this.timeoutCost = config.timeoutCost;
    this.successRefund = config.successRefund;
    this.available = config.capacity;
  }

  /** Tokens in the bucket now. */
  get tokens(): number {
    return this.available;
  }

  /** What retrying an attempt that ended with `result` costs. */
  costOf(result: AttemptResult | 'timeout'): number {
    return result === 'per-try-timeout' || result === 'timeout' ? this.timeoutCost : this.retryCost;
  }

  // The retry decision follows the ended attempt synchronously (Call.decide); a decision without an
  // ended attempt (no endpoints, a local refusal) is priced as an ordinary retry.
  allowRetry(): boolean {
    const cost = this.pendingCost >= 0 ? this.pendingCost : this.retryCost;
    this.pendingCost = -1;
    if (this.available < cost) {
      this.denied++;
      return false;
    }
    this.available -= cost;
    this.admitted++;
    return true;
  }

  onAttemptStart(): void {
    this.pendingCost = -1;
  }

  onAttemptEnd(
    _instance: Instance,
    result: AttemptResult | 'timeout',
    _latencyMs: number,
    _nowMs: number,
    retryOf: AttemptResult | null,
  ): void {
    if (result === 'ok') {
      const refund = retryOf === null ? this.successRefund : this.costOf(retryOf);
      this.available = Math.min(this.capacity, this.available + refund);
      this.pendingCost = -1;
    } else {
      this.pendingCost = this.costOf(result);
    }
  }

  onCallEnd(): void {
    this.pendingCost = -1;
  }

  collect(into: PolicyCounters): void {
    addCount(into, RETRY_BUDGET_ADMITTED, this.admitted);
    addCount(into, RETRY_BUDGET_DENIED, this.denied);
  }
}
