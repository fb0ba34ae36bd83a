// The HTTP status and Envoy response flags a mesh's proxies would report for a call (at its caller) or an
// attempt (at its callee), as Istio's standard metrics label them (`response_code`, `response_flags`).

import type { AttemptResult } from '../config/AttemptResult.js';
import type { FailureCause } from '../config/SimulationResult.js';
import { CALL_FLAG } from '../call/CallTap.js';

/** A status and the Envoy flags that go with it. */
export interface EnvoyResponse {
  code: number;
  /** Envoy short flags in Envoy's order, or none. */
  flags: readonly string[];
}

/** Envoy's order of the short flags meshsim produces (the order `%RESPONSE_FLAGS%` lists them in). */
const FLAG_ORDER = ['UH', 'UT', 'UF', 'UC', 'UO', 'DI', 'FI', 'RL', 'DC', 'URX'] as const;

/** What an attempt's outcome looks like on the wire, before flags a call earns on the way. */
const RESULT_RESPONSE: Readonly<Record<AttemptResult | 'timeout', EnvoyResponse>> = {
  ok: { code: 200, flags: [] },
  error: { code: 500, flags: [] },
  rejected: { code: 503, flags: [] },
  'connect-failure': { code: 503, flags: ['UF'] },
  reset: { code: 503, flags: ['UC'] },
  'per-try-timeout': { code: 504, flags: ['UT'] },
  timeout: { code: 504, flags: ['UT'] },
  'no-endpoints': { code: 503, flags: ['UH'] },
  'breaker-open': { code: 503, flags: ['UO'] },
  'rate-limited': { code: 429, flags: [] },
  denied: { code: 403, flags: [] },
  'deadline-exceeded': { code: 504, flags: [] },
  // A service answering for a failed dependency (onDependencyFailure): its own status, no proxy flag.
  'bad-gateway': { code: 502, flags: [] },
  'service-unavailable': { code: 503, flags: [] },
  'gateway-timeout': { code: 504, flags: [] },
};

/**
 * What the caller's proxy reports for a call (`reporter="source"`): the final outcome's status (200 for
 * success), its flag (UT for a timeout, UF a refused connection, UC a reset, UH no endpoint, UO a breaker),
 * plus the flags the call earned: DI (fault delay), FI (fault abort), URX (retries exhausted), UO (retry
 * refused by the budget).
 */
export function sourceResponse(cause: FailureCause | null, callFlags: number): EnvoyResponse {
  const base = RESULT_RESPONSE[cause ?? 'ok'];
  if (callFlags === 0) return base;
  const flags = new Set(base.flags);
  if ((callFlags & CALL_FLAG.delayInjected) !== 0) flags.add('DI');
  if ((callFlags & CALL_FLAG.faultInjected) !== 0) flags.add('FI');
  if ((callFlags & CALL_FLAG.retryLimitExceeded) !== 0) flags.add('URX');
  if ((callFlags & CALL_FLAG.retryOverflow) !== 0) flags.add('UO');
  return { code: base.code, flags: FLAG_ORDER.filter((flag) => flags.has(flag)) };
}

/**
 * What the callee's proxy reports for an attempt it answered (`reporter="destination"`): the answer's
 * status; RL for its local rate limit (429); 0 with DC when the caller had already hung up.
 */
export function destinationResponse(result: AttemptResult, abandoned: boolean): EnvoyResponse {
  if (abandoned) return { code: 0, flags: ['DC'] };
  if (result === 'rate-limited') return { code: 429, flags: ['RL'] };
  return RESULT_RESPONSE[result];
}

/** The `response_flags` label: flags joined by commas, or `-` when none (Envoy's `%RESPONSE_FLAGS%`). */
export function flagsLabel(response: EnvoyResponse): string {
  return response.flags.length === 0 ? '-' : response.flags.join(',');
}
