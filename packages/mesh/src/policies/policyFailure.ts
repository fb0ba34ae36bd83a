// What the retry budgets and circuit breakers count as a failure of an attempt: anything but a
// success or a 4xx (429, 403), which are the caller's problem, not the upstream's.

import type { AttemptResult } from '../config/AttemptResult.js';

/**
 * Whether `result` counts as a failure for retry budgets and circuit breakers: every result other
 * than `ok`, `rate-limited` (429) and `denied` (403) — including `per-try-timeout` and `timeout`.
 */
export function isPolicyFailure(result: AttemptResult | 'timeout'): boolean {
  return result !== 'ok' && result !== 'rate-limited' && result !== 'denied';
}
