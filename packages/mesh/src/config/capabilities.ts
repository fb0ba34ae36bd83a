// The capability matrix: which kind of hop can enforce which policy. A scenario that asks for a
// policy its mesh shape cannot enforce gets a warning in the result, never a silent no-op.

/** Every policy a scenario can ask for. */
export type PolicyName =
  | 'timeout'
  | 'retry'
  | 'retry-budget'
  | 'connection-pool'
  | 'outlier-detection'
  | 'failure-accrual'
  | 'error-rate-breaker'
  | 'load-balancer'
  | 'rate-limit'
  | 'shedding'
  | 'bulkhead'
  | 'deadline-propagation'
  | 'traffic-split'
  | 'mirror'
  | 'fault-injection'
  | 'authorization'
  | 'mtls';

/**
 * Where a policy can run. `linkerd-proxy` and `app-mesh-envoy` are L7 proxies with documented gaps
 * (docs/mesh-shapes/linkerd.md, app-mesh.md), so the gaps warn wherever a capability is checked.
 */
export type EnforcerKind =
  'application' | 'library' | 'l7-proxy' | 'l4-proxy' | 'managed-hop' | 'linkerd-proxy' | 'app-mesh-envoy';

const ALL: readonly PolicyName[] = [
  'timeout',
  'retry',
  'retry-budget',
  'connection-pool',
  'outlier-detection',
  'failure-accrual',
  'error-rate-breaker',
  'load-balancer',
  'rate-limit',
  'shedding',
  'bulkhead',
  'deadline-propagation',
  'traffic-split',
  'mirror',
  'fault-injection',
  'authorization',
  'mtls',
];

/**
 * What each kind of hop can enforce (docs/policies.md explains each cell):
 * - `application`: hand-written code in each service — timeouts, retries, deadlines, bulkheads,
 *   shedding, a local rate limit and in-app authorization; nothing that needs shared machinery.
 * - `library`: a shared client library (Finagle, resilience4j, gRPC) — every resilience policy and
 *   routing, but no transparent mTLS or mirroring.
 * - `l7-proxy`: Envoy or linkerd2-proxy — everything (shape-specific gaps are listed per shape).
 * - `l4-proxy`: ztunnel, eBPF — mTLS, identity-based authorization and L4 balancing only.
 * - `managed-hop`: VPC Lattice — IAM authorization, weighted target groups, round robin.
 * - `linkerd-proxy`: linkerd2-proxy — everything but Envoy's connection-pool thresholds and outlier
 *   detection (Linkerd's circuit breaking is failure accrual).
 * - `app-mesh-envoy`: App Mesh's Envoy — no rate limiting, no mirroring, circuit-breaker thresholds
 *   not exposed (aws-app-mesh-user-guide envoy-defaults.md).
 */
export const CAPABILITIES: Readonly<Record<EnforcerKind, ReadonlySet<PolicyName>>> = {
  application: new Set<PolicyName>([
    'timeout',
    'retry',
    'deadline-propagation',
    'bulkhead',
    'shedding',
    'rate-limit',
    'authorization',
  ]),
  library: new Set<PolicyName>(ALL.filter((p) => p !== 'mtls' && p !== 'mirror')),
  'l7-proxy': new Set<PolicyName>(ALL),
  'l4-proxy': new Set<PolicyName>(['mtls', 'authorization', 'load-balancer']),
  'managed-hop': new Set<PolicyName>(['authorization', 'traffic-split', 'load-balancer']),
  'linkerd-proxy': new Set<PolicyName>(
    ALL.filter((p) => p !== 'connection-pool' && p !== 'outlier-detection'),
  ),
  'app-mesh-envoy': new Set<PolicyName>(
    ALL.filter((p) => p !== 'rate-limit' && p !== 'mirror' && p !== 'connection-pool'),
  ),
};

/** Whether `enforcer` can enforce `policy`. */
export function canEnforce(enforcer: EnforcerKind, policy: PolicyName): boolean {
  return CAPABILITIES[enforcer].has(policy);
}

/** Every policy name, for docs and validation. */
export const POLICY_NAMES: readonly PolicyName[] = ALL;
