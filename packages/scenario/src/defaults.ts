// Defaults the scenario format applies when a field is omitted (mesh-level defaults come from '@meshsim/mesh').
// Each is documented in docs/scenario-format.md; the capacity defaults are assumptions of convenience.
// Policy defaults come from '@meshsim/mesh' (config/policyDefaults.ts); only the scenario-level ones are here.

import type { MeshShapeName, RetryCondition } from '@meshsim/mesh';

/** Values used for omitted scenario fields. */
export const SCENARIO_DEFAULTS = {
  /** `seed`. */
  seed: 1,
  /** `duration` [ms] (60 s). */
  durationMs: 60_000,
  /** `mesh`: no mesh (plain Kubernetes networking). */
  mesh: 'none' as MeshShapeName,
  /** `services.*.namespace`. */
  namespace: 'default',
  /** `services.*.replicas`. */
  replicas: 1,
  /** `services.*.concurrency`: workers per instance (an assumption, printed when used). */
  concurrency: 16,
  /** `services.*.queue`: waiting requests per instance (an assumption, printed when used). */
  queueCapacity: 128,
  /** `services.*.queueDiscipline`. */
  queueDiscipline: 'fifo' as 'fifo' | 'lifo',
  /** `retry.retryOn` when `retry` is given without it: any 5xx, reset, connect failure or per-try timeout. */
  retryOn: ['5xx'] as readonly RetryCondition[],
  /** `traffic[].name`. */
  trafficName: 'client',
  /** `traffic[].arrival`. */
  arrival: 'poisson' as 'poisson' | 'constant',
  /** `clusters[].region`. */
  region: 'region-1',
  /** `clusters[].vpc`. */
  vpc: 'vpc-1',
  /** `calls[].mirror.percent`: Istio mirrors all traffic when `mirrorPercentage` is absent. */
  mirrorPercent: 100,
  /** `inbound.rateLimit.scope`: one bucket per instance, like Envoy's local rate limit in each proxy. */
  rateLimitScope: 'instance' as 'instance' | 'service',
  /** `inbound.rateLimit.burst` = this many seconds of `rps` (at least 1 token): an assumption of convenience. */
  rateLimitBurstSeconds: 1,
  /** `inbound.shedding: codel`: RFC 8289's TARGET 5 ms and INTERVAL 100 ms. */
  codel: { targetMs: 5, intervalMs: 100 },
  /** `outlierDetection.failurePercentage` parameters when turned on: Envoy outlier_detection.proto defaults. */
  failurePercentage: { threshold: 85, minimumHosts: 5, requestVolume: 50 },
} as const;
