// Linkerd's retry budget: Tower's `TpsBudget` (tower/src/retry/budget/tps_budget.rs), which
// linkerd2-proxy uses. Calls deposit tokens and retries withdraw them, in 10 slots of ttl/10.

import type { ClientPolicy } from '../../call/ClientPolicy.js';
import type { PolicyCounters } from '../../ports/PolicyCounters.js';
import type { RetryBudgetConfig } from '../../config/PolicyConfig.js';
import { RETRY_BUDGET_ADMITTED, RETRY_BUDGET_DENIED } from '../policyEvents.js';
import { addCount } from '../../ports/PolicyCounters.js';
import { checkFields } from '../../config/rules/checkFields.js';
import { LINKERD_RETRY_BUDGET_RULES } from '../../config/rules/linkerdRetryBudgetRules.js';

/** Slots the ttl is divided into (Tower: `let windows = 10u32`). */
export const TPS_BUDGET_SLOTS = 10;

/**
 * Linkerd retry budget, exactly as Tower's `TpsBudget::new(ttl, min_per_sec, retry_percent)`:
 *
 * - Integer tokens. `retryRatio = 0` ⇒ deposit 0, withdraw 1; `≤ 1` ⇒ deposit 1, withdraw
 *   `floor(1 / retryRatio)`; above 1 ⇒ deposit 1000, withdraw `floor(1000 / retryRatio)`. So the
 *   effective ratio is `deposit / withdraw` (0.3 admits one retry per 3 calls, not 0.3 per call).
 * - `reserve = minRetriesPerSecond × floor(ttl in s) × withdraw`.
 * - Every call deposits when it starts (`onCallStart`); a retry is admitted iff
 *   `reserve + Σ slots + current ≥ withdraw`, and then withdraws (so retries, like calls, expire).
 * - Time moves in generations of `ttl / 10`: on each deposit or retry decision at least one
 *   generation after the last one began, the current count is stored in the current slot, every
 *   further whole generation that passed clears the next slot, and a new generation begins *now*
 *   (not on a fixed grid). A deposit therefore counts for 9 to 11 generations (~ttl).
 * - The first generation begins at the budget's first use (Tower: when the budget is created,
 *   with the client).
 */
export class LinkerdRetryBudget implements ClientPolicy {
  readonly name = 'linkerd-retry-budget';
  private readonly depositAmount: number;
  private readonly withdrawAmount: number;
  private readonly reserve: number;
  private readonly generationMs: number;
  private readonly slots = new Float64Array(TPS_BUDGET_SLOTS);
  /** Tokens deposited minus withdrawn during the current generation (Tower's `writer`). */
  private current = 0;
  private slotIndex = 0;
  /** When the current generation began [ms]; NaN before the first use. */
  private generationStartMs = Number.NaN;
  private admitted = 0;
  private denied = 0;

  constructor(config: Extract<RetryBudgetConfig, { kind: 'linkerd' }>, path = 'retryBudget') {
    // Tower asserts the ranges of ratio and ttl ("assertions taken from finagle").
    checkFields(LINKERD_RETRY_BUDGET_RULES, config, path);
    const ratio = config.retryRatio;
    [this.depositAmount, this.withdrawAmount] =
      ratio === 0 ? [0, 1] : ratio <= 1 ? [1, Math.floor(1 / ratio)] : [1000, Math.floor(1000 / ratio)];
    this.reserve = config.minRetriesPerSecond * Math.floor(config.ttlMs / 1000) * this.withdrawAmount;
    this.generationMs = config.ttlMs / TPS_BUDGET_SLOTS;
  }

  /** Retries the budget could admit now, if no call came in meanwhile. */
  balance(nowMs: number): number {
    this.expire(nowMs);
    return Math.max(0, Math.floor(this.sum() / this.withdrawAmount));
  }

  onCallStart(nowMs: number): void {
    this.expire(nowMs);
    this.current += this.depositAmount;
  }

  allowRetry(nowMs: number): boolean {
    this.expire(nowMs);
    if (this.sum() >= this.withdrawAmount) {
      this.current -= this.withdrawAmount;
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

  /** Tower's `sum`: current + every slot + reserve. */
  private sum(): number {
    let total = this.current + this.reserve;
    for (let i = 0; i < TPS_BUDGET_SLOTS; i++) total += this.slots[i] as number;
    return total;
  }

  /** Tower's `expire`: closes the current generation once one has passed. */
  private expire(nowMs: number): void {
    if (Number.isNaN(this.generationStartMs)) {
      this.generationStartMs = nowMs;
      return;
    }
    let elapsedMs = nowMs - this.generationStartMs;
    if (elapsedMs < this.generationMs) return; // PERF: the common case, one compare per call
    this.slots[this.slotIndex] = this.current;
    this.current = 0;
    let index = (this.slotIndex + 1) % TPS_BUDGET_SLOTS;
    let cleared = 0;
    while (elapsedMs > this.generationMs) {
      if (cleared < TPS_BUDGET_SLOTS) {
        this.slots[index] = 0;
        cleared++;
      }
      elapsedMs -= this.generationMs;
      index = (index + 1) % TPS_BUDGET_SLOTS;
    }
    this.slotIndex = index;
    this.generationStartMs = nowMs;
  }
}
