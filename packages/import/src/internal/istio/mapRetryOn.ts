// Istio's `retryOn` (Envoy `x-envoy-retry-on` policies and HTTP status codes, comma-separated) mapped to
// meshsim's retry conditions. Istio's default when `retryOn` is absent is
// `connect-failure,refused-stream,unavailable,cancelled` (istio/api virtual_service.proto), which meshsim
// models as `connect-failure` and `reset`, as its istio-sidecar default policy does.

import type { RetryCondition } from '@meshsim/mesh';

/** The Envoy policies meshsim models, and what each becomes. */
const MAPPED: Readonly<Record<string, RetryCondition>> = {
  '5xx': '5xx',
  'gateway-error': 'gateway-error',
  'connect-failure': 'connect-failure',
  reset: 'reset',
  // A refused stream is a stream reset before any work: meshsim's `reset` (as its Istio default policy).
  'refused-stream': 'reset',
  // 503 as a status code: meshsim's servers answer 503 when their queue is full.
  '503': 'overflow',
};

/** Istio's default retry conditions, as meshsim models them. */
export const ISTIO_DEFAULT_RETRY_ON: readonly RetryCondition[] = ['connect-failure', 'reset'];

/**
 * Maps a `retryOn` string.
 *
 * @returns The conditions (each once, in meshsim's order of appearance) and the parts meshsim does not model.
 */
export function mapRetryOn(text: string): { conditions: RetryCondition[]; dropped: string[] } {
  const conditions: RetryCondition[] = [];
  const dropped: string[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    // `retriable-status-codes` only enables the status codes listed alongside it.
    if (part === 'retriable-status-codes') continue;
    const mapped = MAPPED[part];
    if (mapped === undefined) dropped.push(part);
    else if (!conditions.includes(mapped)) conditions.push(mapped);
  }
  return { conditions, dropped };
}
