// Istio's `retryOn` (Envoy policies and status codes) → meshsim retry conditions. Its default when absent,
// `connect-failure,refused-stream,unavailable,cancelled` (virtual_service.proto), is modelled as
// `connect-failure`, as meshsim's istio-sidecar default policy is.

import type { RetryCondition } from '@meshsim/mesh';

/** The Envoy policies meshsim models, and what each becomes. */
const MAPPED: Readonly<Record<string, RetryCondition>> = {
  '5xx': '5xx',
  'gateway-error': 'gateway-error',
  'connect-failure': 'connect-failure',
  reset: 'reset',
  // `refused-stream` is not mapped: Envoy retries only a stream the upstream refused with REFUSED_STREAM, which no
  // meshsim outcome is (a crashed pod's reset is not one: docs/sources.md#envoy-router-source).
  // 503 as a status code: meshsim's servers answer 503 when their queue is full.
  '503': 'overflow',
};

/** Istio's default retry conditions, as meshsim models them. */
export const ISTIO_DEFAULT_RETRY_ON: readonly RetryCondition[] = ['connect-failure'];

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
