// Documented defaults of each policy, from the real implementations (sources in docs/policies.md and
// docs/sources.md). A scenario that enables a policy starts from these.

import type {
  ConnectionPoolConfig,
  DestinationPolicy,
  ErrorRateBreakerConfig,
  FailureAccrualConfig,
  InboundPolicy,
  OutlierDetectionConfig,
  RetryBudgetConfig,
} from './PolicyConfig.js';

/** No destination policy: the mesh's default balancer, nothing else. */
export const NO_DESTINATION_POLICY: DestinationPolicy = {
  loadBalancer: null,
  connectionPool: null,
  outlierDetection: null,
  failureAccrual: null,
  errorRateBreaker: null,
  retryBudget: null,
};

/** No inbound protection. */
export const NO_INBOUND_POLICY: InboundPolicy = {
  rateLimit: null,
  shedding: null,
  allowedCallers: null,
  bulkheads: {},
};

/** Envoy circuit-breaker defaults: 1024 connections / pending / requests, 3 concurrent retries (circuit_breaker.proto). */
export const ENVOY_CONNECTION_POOL: ConnectionPoolConfig = {
  maxConnections: 1024,
  maxPendingRequests: 1024,
  maxRequests: 1024,
  maxRetries: 3,
};

/** Envoy outlier-detection defaults (outlier_detection.proto): 5 consecutive 5xx, 10 s interval, 30 s base, 300 s max, 10 %. */
export const ENVOY_OUTLIER_DETECTION: OutlierDetectionConfig = {
  consecutive5xx: 5,
  consecutiveGatewayErrors: 0,
  intervalMs: 10_000,
  baseEjectionTimeMs: 30_000,
  maxEjectionTimeMs: 300_000,
  maxEjectionPercent: 10,
  alwaysEjectOneHost: false,
  successRate: { minimumHosts: 5, requestVolume: 100, stdevFactor: 1.9 },
  failurePercentage: null,
};

/** Linkerd retry budget defaults: ratio 0.2, 10 retries/s, 10 s TTL (Linkerd "configuring retries"). */
export const LINKERD_RETRY_BUDGET: RetryBudgetConfig = {
  kind: 'linkerd',
  retryRatio: 0.2,
  minRetriesPerSecond: 10,
  ttlMs: 10_000,
};

/** Envoy retry_budget defaults: 20 % of active + pending, minimum 3 concurrent retries. */
export const ENVOY_RETRY_BUDGET: RetryBudgetConfig = {
  kind: 'envoy',
  budgetPercent: 20,
  minRetryConcurrency: 3,
};

/** gRPC retry throttling, the example values of gRFC A6: maxTokens 10, tokenRatio 0.1. */
export const GRPC_RETRY_THROTTLING: RetryBudgetConfig = { kind: 'grpc', maxTokens: 10, tokenRatio: 0.1 };

/** AWS SDK standard retry quota: 500 tokens, 5 per retry, 10 per timeout, 1 back per success. */
export const AWS_SDK_RETRY_QUOTA: RetryBudgetConfig = {
  kind: 'aws-sdk',
  capacity: 500,
  retryCost: 5,
  timeoutCost: 10,
  successRefund: 1,
};

/** Linkerd failure accrual defaults: 7 consecutive failures, 1 s → 1 min penalty, jitter 0.5. */
export const LINKERD_FAILURE_ACCRUAL: FailureAccrualConfig = {
  maxFailures: 7,
  minPenaltyMs: 1000,
  maxPenaltyMs: 60_000,
  jitterRatio: 0.5,
};

/** Hystrix defaults: 50 % errors over a 10 s window with ≥ 20 requests opens for 5 s; one probe. */
export const HYSTRIX_BREAKER: ErrorRateBreakerConfig = {
  failureRateThreshold: 0.5,
  minimumRequests: 20,
  windowMs: 10_000,
  openMs: 5000,
  halfOpenProbes: 1,
};
