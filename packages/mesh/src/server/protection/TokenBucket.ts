// A token bucket with lazy refill (no timers): the local rate limit of a service's inbound traffic.
// Semantics and sources in docs/policies/server-protection.md.

/** Tolerance for floating-point drift in the refill sum (a token is whole when ≥ 1 − this). */
const TOKEN_EPSILON = 1e-9;

/**
 * A token bucket that starts full with `burst` tokens and refills continuously at `ratePerSecond`
 * up to `burst`. Each admitted request takes one token; with none left the request is refused.
 * Over any window of length T starting with a full bucket, at most `burst + ratePerSecond·T/1000`
 * requests are admitted.
 */
export class TokenBucket {
  private tokens: number;
  private lastRefillMs: number;

  constructor(
    /** Refill rate [tokens/s]. */
    readonly ratePerSecond: number,
    /** Capacity [tokens]; also the initial fill. */
    readonly burst: number,
    startMs = 0,
  ) {
    this.tokens = burst;
    this.lastRefillMs = startMs;
  }

  /** Takes one token at `nowMs` if there is one (refilling first); false means "refuse". */
  tryTake(nowMs: number): boolean {
    const elapsedMs = nowMs - this.lastRefillMs;
    if (elapsedMs > 0) {
      const refilled = this.tokens + (elapsedMs * this.ratePerSecond) / 1000;
      this.tokens = refilled < this.burst ? refilled : this.burst;
      this.lastRefillMs = nowMs;
    }
    if (this.tokens >= 1 - TOKEN_EPSILON) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  /** Tokens available at `nowMs` (after refill), without taking one. */
  available(nowMs: number): number {
    const refilled = this.tokens + (Math.max(0, nowMs - this.lastRefillMs) * this.ratePerSecond) / 1000;
    return refilled < this.burst ? refilled : this.burst;
  }
}
