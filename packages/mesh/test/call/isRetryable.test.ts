// Contract of the retry conditions: which attempt results each `retryOn` condition retries, under Envoy's router
// rules and under the other hops' (application code, client libraries, linkerd2-proxy).

import { describe, expect, it } from 'vitest';
import { isRetryable, retrySemanticsOf } from '../../src/internal/index.js';
import type { AttemptResult } from '../../src/internal/index.js';
import type { EnforcerKind, RetryCondition } from '../../src/index.js';

const CONDITIONS: readonly RetryCondition[] = [
  '5xx',
  'gateway-error',
  'connect-failure',
  'reset',
  'overflow',
  'per-try-timeout',
];

describe('isRetryable: no-endpoints (503, no healthy upstream)', () => {
  it.each(CONDITIONS)('is never retried by an Envoy hop, under %s', (condition) => {
    expect(isRetryable('no-endpoints', [condition], 'envoy')).toBe(false);
  });

  it('is not retried by an Envoy hop even when every condition is listed', () => {
    expect(isRetryable('no-endpoints', CONDITIONS, 'envoy')).toBe(false);
  });

  it('is retried by the other hops under 5xx, gateway-error and connect-failure, as before', () => {
    const retried = CONDITIONS.filter((c) => isRetryable('no-endpoints', [c], 'other'));
    expect(retried).toEqual(['5xx', 'gateway-error', 'connect-failure']);
  });

  it('is the only result whose answer depends on the hop', () => {
    const results: AttemptResult[] = [
      'ok',
      'error',
      'rejected',
      'connect-failure',
      'reset',
      'per-try-timeout',
      'breaker-open',
      'rate-limited',
      'denied',
      'deadline-exceeded',
      'bad-gateway',
      'gateway-timeout',
    ];
    for (const result of results) {
      for (const condition of CONDITIONS) {
        expect(isRetryable(result, [condition], 'envoy'), `${result} / ${condition}`).toBe(
          isRetryable(result, [condition], 'other'),
        );
      }
    }
  });
});

describe('retrySemanticsOf: the Envoy-based hops follow Envoy', () => {
  it.each<[EnforcerKind, string]>([
    ['l7-proxy', 'envoy'],
    ['app-mesh-envoy', 'envoy'],
    ['application', 'other'],
    ['library', 'other'],
    ['linkerd-proxy', 'linkerd'],
    ['l4-proxy', 'other'],
    ['managed-hop', 'other'],
  ])('%s → %s', (enforcer, semantics) => {
    expect(retrySemanticsOf(enforcer)).toBe(semantics);
  });
});

describe('isRetryable: a per-try timeout (Envoy resets the attempt and retries it as a local reset)', () => {
  it.each<[RetryCondition, boolean]>([
    ['reset', true],
    ['5xx', true],
    ['gateway-error', true],
    ['per-try-timeout', true],
    ['connect-failure', false],
    ['overflow', false],
  ])('under %s: %s', (condition, retried) => {
    expect(isRetryable('per-try-timeout', [condition], 'envoy')).toBe(retried);
    expect(isRetryable('per-try-timeout', [condition], 'other')).toBe(retried);
  });
});

describe('isRetryable under linkerd: linkerd2-proxy retries statuses and timeouts, never a failed connection or a reset', () => {
  const ALL: RetryCondition[] = [
    '5xx',
    'gateway-error',
    'connect-failure',
    'reset',
    'overflow',
    'per-try-timeout',
  ];

  it.each<AttemptResult>(['connect-failure', 'reset'])('%s: under no condition', (result) => {
    expect(isRetryable(result, ALL, 'linkerd')).toBe(false);
  });

  it.each<RetryCondition>(['5xx', 'gateway-error', 'overflow'])(
    'a per-try timeout (retry.linkerd.io/timeout): under %s too',
    (condition) => {
      expect(isRetryable('per-try-timeout', [condition], 'linkerd')).toBe(true);
    },
  );

  it('a status answer: as its condition says', () => {
    expect(isRetryable('bad-gateway', ['5xx'], 'linkerd')).toBe(true);
    expect(isRetryable('error', ['gateway-error'], 'linkerd')).toBe(false);
    expect(isRetryable('service-unavailable', ['overflow'], 'linkerd')).toBe(true);
  });
});
