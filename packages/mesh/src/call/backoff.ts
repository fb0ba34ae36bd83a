// Wait before retry N of a call, per jitter kind. Formulas: Envoy router docs (full jitter) and
// Brooker, "Exponential Backoff And Jitter" (AWS, 2015) for none/equal/decorrelated; see docs/policies.md.

import type { Random } from '@meshsim/engine';
import type { BackoffPolicy } from '../config/CallPolicy.js';

/**
 * Backoff before retry number `retry` (1 = first retry) [ms].
 * - `full` (Envoy): uniform in [0, min(max, (2^retry − 1) · base)).
 * - `none`: min(max, base · 2^(retry−1)).
 * - `equal`: v/2 + uniform(0, v/2) with v = min(max, base · 2^(retry−1)).
 * - `decorrelated`: min(max, uniform(base, 3 · previous)), previous starting at base.
 * - `linkerd` (linkerd exp-backoff, jitter ratio 1): b + min(uniform(0, b), max − b) with b = min(max, base · 2^(retry−1)).
 */
export function backoffDelayMs(
  policy: BackoffPolicy,
  retry: number,
  previousMs: number,
  random: Random,
): number {
  const { baseMs, maxMs } = policy;
  switch (policy.jitter) {
    case 'full':
      return random() * Math.min(maxMs, (2 ** retry - 1) * baseMs);
    case 'none':
      return Math.min(maxMs, baseMs * 2 ** (retry - 1));
    case 'equal': {
      const v = Math.min(maxMs, baseMs * 2 ** (retry - 1));
      return v / 2 + random() * (v / 2);
    }
    case 'decorrelated': {
      const previous = previousMs > 0 ? previousMs : baseMs;
      return Math.min(maxMs, baseMs + random() * (3 * previous - baseMs));
    }
    case 'linkerd': {
      const b = Math.min(maxMs, baseMs * 2 ** (retry - 1));
      return b + Math.min(random() * b, maxMs - b);
    }
  }
}
