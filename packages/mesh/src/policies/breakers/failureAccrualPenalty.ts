// The penalty of Linkerd's failure accrual after the n-th consecutive opening of an endpoint:
// exponential from minPenaltyMs, capped at maxPenaltyMs, plus jitter (linkerd2-proxy exp-backoff).

import type { Random } from '@meshsim/engine';
import type { FailureAccrualConfig } from '../../config/PolicyConfig.js';

/**
 * Penalty [ms] for opening number `iteration` (0 = the first, after `maxFailures` failures; each
 * failed probe adds one): `base = min(maxPenaltyMs, minPenaltyMs × 2^iteration)`, then
 * `base + min(maxPenaltyMs − base, base × jitterRatio × u)` with u uniform in [0, 1) from `random`
 * (drawn only when jitterRatio > 0). So the result lies in [base, min(maxPenaltyMs, base × (1 + jitterRatio))].
 */
export function failureAccrualPenaltyMs(
  config: FailureAccrualConfig,
  iteration: number,
  random: Random,
): number {
  // 2^60 × any sane minimum is far beyond any maximum; the cap avoids Infinity × 0.
  const base = Math.min(config.maxPenaltyMs, config.minPenaltyMs * 2 ** Math.min(iteration, 60));
  if (config.jitterRatio <= 0) return base;
  return base + Math.min(config.maxPenaltyMs - base, base * config.jitterRatio * random());
}
