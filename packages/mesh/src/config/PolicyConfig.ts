// Resolved configuration of the resilience and traffic policies (issue: policies with the real
// proxies' semantics). Defaults and sources are in config/policyDefaults.ts and docs/policies.md.

import type { DistributionSpec } from '@meshsim/engine';

/** Retry budgets: how many retries a client may add on top of its requests. */
export type RetryBudgetConfig =
  /** Linkerd: retries ≤ retryRatio × requests + minRetriesPerSecond × ttl, over a ttl window. */
  | { kind: 'linkerd'; retryRatio: number; minRetriesPerSecond: number; ttlMs: number }
  /** Envoy `retry_budget`: concurrent retries ≤ max(minRetryConcurrency, budgetPercent% of active + pending). */
  | { kind: 'envoy'; budgetPercent: number; minRetryConcurrency: number }
  /** gRPC retry throttling: tokens start at maxTokens, −1 per failure, +tokenRatio per success; retries only above maxTokens/2. */
  | { kind: 'grpc'; maxTokens: number; tokenRatio: number }
  /** AWS SDK standard-mode retry quota: capacity tokens, retryCost per retry (timeoutCost for timeouts), successRefund back. */
  | { kind: 'aws-sdk'; capacity: number; retryCost: number; timeoutCost: number; successRefund: number };

/** The four thresholds of a {@link ConnectionPoolConfig}. */
export type ConnectionPoolThreshold = 'maxConnections' | 'maxPendingRequests' | 'maxRequests' | 'maxRetries';

/** Envoy cluster circuit-breaker thresholds (per caller proxy and destination). Over a limit ⇒ local 503. */
export interface ConnectionPoolConfig {
  maxConnections: number;
  maxPendingRequests: number;
  maxRequests: number;
  /** Concurrent retries allowed (Envoy `max_retries`). */
  maxRetries: number;
  /**
   * How long the callers' Envoy sidecars wait for a new connection to the service's pods [ms] (Envoy cluster
   * `connect_timeout`, Istio DestinationRule `connectionPool.tcp.connectTimeout`); absent: the mesh's own.
   */
  connectTimeoutMs?: number;
  /**
   * The thresholds a scenario did not write (their values are Envoy's defaults): a mesh whose control plane programs
   * other defaults replaces them with its own — Istio's are 2³²−1, i.e. no limit (`MeshConfigBase.connectionPoolDefaults`).
   * Absent: every threshold was chosen (a config built in code gives every field).
   */
  fromDefault?: readonly ConnectionPoolThreshold[];
}

/** Envoy outlier detection (per caller proxy and destination). */
export interface OutlierDetectionConfig {
  /** Consecutive 5xx before ejection; 0 disables. */
  consecutive5xx: number;
  /** Consecutive gateway errors (502/503/504) before ejection; 0 disables. */
  consecutiveGatewayErrors: number;
  intervalMs: number;
  baseEjectionTimeMs: number;
  maxEjectionTimeMs: number;
  /**
   * An ejection is allowed only if it leaves at most this percentage of hosts ejected (Envoy 1.28 and later; before,
   * only if the share already ejected is below it, so the first always is: the mesh's `outlierEjectionCap`).
   */
  maxEjectionPercent: number;
  /**
   * Allow one ejection whenever no host is ejected, whatever `maxEjectionPercent` says (Envoy
   * `always_eject_one_host`, since 1.31; default false: from Envoy 1.28, with 10 % and fewer than 10 hosts nothing is
   * ejected).
   */
  alwaysEjectOneHost: boolean;
  /**
   * Success-rate ejection, or null when off. Never applied by proxies whose mesh cannot express it (Istio's:
   * `MeshConfigBase.successRateEjection` `off`), which warn at the field unless {@link successRateFromDefault}.
   */
  successRate: { minimumHosts: number; requestVolume: number; stdevFactor: number } | null;
  /**
   * True when `successRate` is the default a scenario gave because it did not write one (no `successRate`, or
   * `envoy-defaults`): a mesh that cannot express success-rate ejection then leaves it out without a warning, as
   * Istio leaves it out of every DestinationRule. Absent or false: chosen (a config built in code gives every field).
   */
  successRateFromDefault?: boolean;
  /** Failure-percentage ejection, or null when off. */
  failurePercentage: { threshold: number; minimumHosts: number; requestVolume: number } | null;
}

/** Linkerd failure accrual: consecutive failures mark an endpoint unavailable with an exponential penalty. */
export interface FailureAccrualConfig {
  maxFailures: number;
  minPenaltyMs: number;
  maxPenaltyMs: number;
  jitterRatio: number;
}

/** Error-percentage breaker over a rolling window with half-open probes (Hystrix / resilience4j). */
export interface ErrorRateBreakerConfig {
  /** Open when the failure fraction in the window reaches this, in (0, 1]. */
  failureRateThreshold: number;
  /** Calls needed in the window before the rate is judged. */
  minimumRequests: number;
  windowMs: number;
  /** Time open before probing [ms]. */
  openMs: number;
  /** Probe calls allowed while half-open; all must succeed to close. */
  halfOpenProbes: number;
}

/** Load-balancing algorithm of a caller towards a destination. */
export type LoadBalancerConfig =
  | { kind: 'round-robin' }
  | { kind: 'random' }
  /** Envoy LEAST_REQUEST: pick `choiceCount` at random, take the one with fewest active requests. */
  | { kind: 'least-request'; choiceCount: number }
  /** Linkerd: power of two choices over peak-EWMA latency × (active + 1). */
  | { kind: 'peak-ewma'; defaultRttMs: number; decayMs: number }
  /** Round robin weighted by each version's/instance's weight. */
  | { kind: 'weighted' }
  /** Prefer endpoints in the caller's zone, then cluster; fail over when fewer than `minHealthyPercent` are up. */
  | { kind: 'locality-aware'; minHealthyPercent: number };

/** How every caller treats a destination service (Istio DestinationRule, Linkerd ServiceProfile). */
export interface DestinationPolicy {
  /** Overrides the mesh's default balancer when set. */
  loadBalancer: LoadBalancerConfig | null;
  connectionPool: ConnectionPoolConfig | null;
  outlierDetection: OutlierDetectionConfig | null;
  failureAccrual: FailureAccrualConfig | null;
  errorRateBreaker: ErrorRateBreakerConfig | null;
  retryBudget: RetryBudgetConfig | null;
}

/** Local rate limit (token bucket) of a service's inbound traffic; excess gets 429. */
export interface RateLimitConfig {
  ratePerSecond: number;
  burst: number;
  /** One bucket per instance, or one shared by the service. */
  scope: 'instance' | 'service';
}

/** Server-side load shedding of queued work. */
export type SheddingConfig =
  /** Drop a request that waited longer than `timeoutMs` in the queue (503). */
  | { kind: 'queue-timeout'; timeoutMs: number }
  /** CoDel: when the queue's sojourn stays above `targetMs` for `intervalMs`, drop at the head (503). */
  | { kind: 'codel'; targetMs: number; intervalMs: number };

/** Protections a service applies to its inbound traffic. */
export interface InboundPolicy {
  rateLimit: RateLimitConfig | null;
  shedding: SheddingConfig | null;
  /** Callers allowed to call this service (service names or traffic-source names); null = everyone. */
  allowedCallers: readonly string[] | null;
  /** Per-downstream concurrency caps (bulkheads): calls beyond the cap fail fast with a local 503. */
  bulkheads: Readonly<Record<string, number>>;
}

/** A version (subset) of a service, for canaries and splits. */
export interface VersionConfig {
  name: string;
  replicas: number;
  /** Traffic share when a mesh split is in force [0–100]; null = proportional to replicas. */
  weight: number | null;
  /** Overrides the service's service time when set. */
  serviceTimeMs: DistributionSpec | null;
  /** Overrides the service's error rate when set. */
  errorRate: number | null;
}

/** Istio-style fault injection on a route: delay and/or abort a percentage of calls at the client side. */
export interface FaultInjectionConfig {
  delay: { percent: number; delayMs: number } | null;
  abort: { percent: number; status: 'error' | 'rejected' } | null;
}

/** Fire-and-forget copy of a call to another service; its result is ignored, its load counted. */
export interface MirrorConfig {
  to: string;
  percent: number;
}

/** A step of a weight schedule: from `atMs` on, the versions' traffic shares are `weights` [0–100, sum 100]. */
export interface WeightStep {
  /** Time the weights take effect [ms]. */
  atMs: number;
  /** Share per version name [percent]; versions not listed get 0. */
  weights: Readonly<Record<string, number>>;
}

/** A class-based (header) route: calls carrying `match.requestClass` go to `version`, whatever the weights. */
export interface VersionRoute {
  match: { requestClass: string };
  /** Name of the target version. */
  version: string;
}
