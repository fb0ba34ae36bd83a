// The policy defaults are derived from the rule tables; these are the published values they must equal.

import { describe, expect, it } from 'vitest';
import {
  AWS_SDK_RETRY_QUOTA,
  CODEL_DEFAULTS,
  CONNECTION_POOL_RULES,
  DEFAULT_CHOICE_COUNT,
  DEFAULT_MIRROR_PERCENT,
  DEFAULT_RATE_LIMIT_SCOPE,
  ENVOY_CONNECTION_POOL,
  ENVOY_DEFAULT_BACKOFF,
  ENVOY_FAILURE_PERCENTAGE,
  ENVOY_OUTLIER_DETECTION,
  ENVOY_RETRY_BUDGET,
  ERROR_RATE_BREAKER_RULES,
  GRPC_RETRY_THROTTLING,
  HYSTRIX_BREAKER,
  LINKERD_FAILURE_ACCRUAL,
  LINKERD_RETRY_BUDGET,
  PEAK_EWMA_DEFAULTS,
  BACKOFF_RULES,
  configDefaults,
} from '../../../src/index.js';

describe('configDefaults', () => {
  it('reads each value default under its config name, in config units (percent → ratio)', () => {
    expect(configDefaults(CONNECTION_POOL_RULES)).toEqual({
      maxConnections: 1024,
      maxPendingRequests: 1024,
      maxRequests: 1024,
      maxRetries: 3,
    });
    expect(configDefaults(ERROR_RATE_BREAKER_RULES).failureRateThreshold).toBe(0.5);
  });

  it('leaves out rows without a value default (derived, required, none)', () => {
    expect(Object.keys(configDefaults(BACKOFF_RULES))).toEqual(['baseMs', 'jitter']);
  });

  it('returns a fresh object each time', () => {
    expect(configDefaults(CONNECTION_POOL_RULES)).not.toBe(configDefaults(CONNECTION_POOL_RULES));
  });
});

describe('policy defaults derived from the rule tables', () => {
  it('equal the values of Envoy, Linkerd, gRPC A6, the AWS SDK, Hystrix and RFC 8289', () => {
    expect(ENVOY_CONNECTION_POOL).toEqual({
      maxConnections: 1024,
      maxPendingRequests: 1024,
      maxRequests: 1024,
      maxRetries: 3,
    });
    expect(ENVOY_OUTLIER_DETECTION).toEqual({
      consecutive5xx: 5,
      consecutiveGatewayErrors: 0,
      intervalMs: 10_000,
      baseEjectionTimeMs: 30_000,
      maxEjectionTimeMs: 300_000,
      maxEjectionPercent: 10,
      alwaysEjectOneHost: false,
      successRate: { minimumHosts: 5, requestVolume: 100, stdevFactor: 1.9 },
      failurePercentage: null,
    });
    expect(ENVOY_FAILURE_PERCENTAGE).toEqual({ threshold: 85, minimumHosts: 5, requestVolume: 50 });
    expect(LINKERD_RETRY_BUDGET).toEqual({
      kind: 'linkerd',
      retryRatio: 0.2,
      minRetriesPerSecond: 10,
      ttlMs: 10_000,
    });
    expect(ENVOY_RETRY_BUDGET).toEqual({ kind: 'envoy', budgetPercent: 20, minRetryConcurrency: 3 });
    expect(GRPC_RETRY_THROTTLING).toEqual({ kind: 'grpc', maxTokens: 10, tokenRatio: 0.1 });
    expect(AWS_SDK_RETRY_QUOTA).toEqual({
      kind: 'aws-sdk',
      capacity: 500,
      retryCost: 5,
      timeoutCost: 10,
      successRefund: 1,
    });
    expect(LINKERD_FAILURE_ACCRUAL).toEqual({
      maxFailures: 7,
      minPenaltyMs: 1000,
      maxPenaltyMs: 60_000,
      jitterRatio: 0.5,
    });
    expect(HYSTRIX_BREAKER).toEqual({
      failureRateThreshold: 0.5,
      minimumRequests: 20,
      windowMs: 10_000,
      openMs: 5000,
      halfOpenProbes: 1,
    });
    expect(CODEL_DEFAULTS).toEqual({ targetMs: 5, intervalMs: 100 });
    expect(DEFAULT_RATE_LIMIT_SCOPE).toBe('instance');
    expect(DEFAULT_MIRROR_PERCENT).toBe(100);
    expect(DEFAULT_CHOICE_COUNT).toBe(2);
    expect(PEAK_EWMA_DEFAULTS).toEqual({ defaultRttMs: 30, decayMs: 10_000 });
  });

  it("the backoff table agrees with the mesh's ENVOY_DEFAULT_BACKOFF (base, jitter, and max = 10 × base)", () => {
    const d = configDefaults(BACKOFF_RULES);
    expect(ENVOY_DEFAULT_BACKOFF).toEqual({ baseMs: d.baseMs, maxMs: 10 * d.baseMs, jitter: d.jitter });
  });
});
