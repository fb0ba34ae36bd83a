// Linkerd's retry budget (Finagle RetryBudget / Tower TpsBudget): every call deposits, every retry
// withdraws; over a sliding ttl window, retries ≤ minRetriesPerSecond × ttl + retryRatio × calls.

import type { ClientPolicy, PolicyCounters } from '../ClientPolicy.js';
import type { RetryBudgetConfig } from '../../config/PolicyConfig.js';
import { RETRY_BUDGET_ADMITTED, RETRY_BUDGET_DENIED, addCount } from '../policyEvents.js';
import { requireNumber } from '../requireNumber.js';
import { TimestampWindow } from './TimestampWindow.js';

/** Tolerance on the allowance, so 0.7 × 10 = 7.000000000000001 still admits exactly 7. */
const EPSILON = 1e-9;

/**
 * Linkerd retry budget. At every retry decision at time t, with `calls` = calls started in
 * (t − ttl, t] and `retries` = retries already admitted in that window, the retry is admitted iff
 * `retries + 1 ≤ minRetriesPerSecond × ttl[s] + retryRatio × calls`. So the retries admitted in the
 * window ending at any admission are floor(minRetriesPerSecond × ttl + retryRatio × calls) at most.
 */
export class LinkerdRetryBudget implements ClientPolicy {
  readonly name = 'linkerd-retry-budget';
  private readonly deposits: TimestampWindow;
  private readonly withdrawals: TimestampWindow;
  private readonly reserve: number;
  private readonly ratio: number;
  private admitted = 0;
  private denied = 0;

  constructor(config: Extract<RetryBudgetConfig, { kind: 'linkerd' }>, path = 'retryBudget') {
    requireNumber(`${path}.retryRatio`, config.retryRatio, { min: 0 });
    requireNumber(`${path}.minRetriesPerSecond`, config.minRetriesPerSecond, { min: 0 });
    requireNumber(`${path}.ttlMs`, config.ttlMs, { min: 0, minExclusive: true });
    this.ratio = config.retryRatio;
    this.reserve = (config.minRetriesPerSecond * config.ttlMs) / 1000;
    this.deposits = new TimestampWindow(config.ttlMs);
    this.withdrawals = new TimestampWindow(config.ttlMs);
  }

  /** Retries the budget could still admit now: floor(reserve + ratio × calls − retries), at least 0. */
  balance(nowMs: number): number {
    const allowance = this.reserve + this.ratio * this.deposits.countAt(nowMs);
    return Math.max(0, Math.floor(allowance + EPSILON - this.withdrawals.countAt(nowMs)));
  }

  onCallStart(nowMs: number): void {
    this.deposits.add(nowMs);
  }

  allowRetry(nowMs: number): boolean {
    const allowance = this.reserve + this.ratio * this.deposits.countAt(nowMs);
    if (this.withdrawals.countAt(nowMs) + 1 <= allowance + EPSILON) {
      this.withdrawals.add(nowMs);
      this.admitted++;
      return true;
    }
    this.denied++;
    return false;
  }

  collect(into: PolicyCounters): void {
    addCount(into, RETRY_BUDGET_ADMITTED, this.admitted);
    addCount(into, RETRY_BUDGET_DENIED, this.denied);
  }
}
