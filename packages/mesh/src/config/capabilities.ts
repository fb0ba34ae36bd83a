// The capability matrix: which kind of hop can enforce which policy. A scenario that asks for a
// policy its mesh shape cannot enforce gets a warning in the result, never a silent no-op. A registered shape's own
// kinds (MeshShape.enforcers) are looked up beside the built-in ones (enforcerKinds.ts).

import { registeredEnforcer, registeredEnforcerKinds } from './enforcerKinds.js';
import type { PolicyName } from './PolicyName.js';

export type { PolicyName } from './PolicyName.js';

/**
 * Where a policy can run, built in. `linkerd-proxy` and `app-mesh-envoy` are L7 proxies with documented gaps
 * (docs/mesh-shapes/linkerd.md, app-mesh.md), so the gaps warn wherever a capability is checked.
 */
export type BuiltInEnforcerKind =
  'application' | 'library' | 'l7-proxy' | 'l4-proxy' | 'managed-hop' | 'linkerd-proxy' | 'app-mesh-envoy';

/**
 * A kind a registered shape declares in its `enforcers` (`kuma-dp`), as its data plane names it: made by
 * {@link declaredEnforcerKind}, so that a plain string that is not a built-in kind (a typo: `'l7-prxy'`) does not
 * compile where an {@link EnforcerKind} is expected.
 */
export type DeclaredEnforcerKind = string & { readonly __declaredEnforcerKind: true };

/** Where a policy can run: a built-in kind, or one a registered shape declares in its `enforcers`. */
export type EnforcerKind = BuiltInEnforcerKind | DeclaredEnforcerKind;

/**
 * `name` as the enforcer kind a shape declares in its `enforcers` (`enforcer: declaredEnforcerKind('kuma-dp')`). Only
 * the type changes: a kind no registered shape declares is refused when the shape is registered (its trial run).
 */
export function declaredEnforcerKind(name: string): DeclaredEnforcerKind {
  return name as DeclaredEnforcerKind;
}

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

/** The breakers of client libraries (Finagle's failure accrual, Hystrix's error rate) that no Envoy configures. */
const NOT_ENVOY: ReadonlySet<PolicyName> = new Set<PolicyName>(['failure-accrual', 'error-rate-breaker']);

/**
 * What each kind of hop can enforce (docs/policies.md explains each cell):
 * - `application`: hand-written code in each service — timeouts, retries, deadlines, bulkheads,
 *   shedding, a local rate limit and in-app authorization; nothing that needs shared machinery.
 * - `library`: a shared client library (Finagle, resilience4j, gRPC) — every resilience policy and
 *   routing, but no transparent mTLS or mirroring.
 * - `l7-proxy`: an Envoy (Istio sidecar or waypoint, Consul, Cilium's node Envoy) — everything but the two breakers
 *   Envoy does not have: Linkerd's failure accrual (Envoy's consecutive-5xx ejection is outlier detection) and a
 *   Hystrix-style error-rate breaker (Istio's DestinationRule and Consul's passive checks configure neither).
 * - `l4-proxy`: ztunnel, eBPF — mTLS, identity-based authorization and L4 balancing only.
 * - `managed-hop`: VPC Lattice — IAM authorization, weighted target groups, round robin.
 * - `linkerd-proxy`: linkerd2-proxy — everything but Envoy's connection-pool thresholds and outlier
 *   detection, and no error-rate breaker: Linkerd's circuit breaking is consecutive-failure accrual only.
 * - `app-mesh-envoy`: App Mesh's Envoy — no rate limiting, no mirroring, circuit-breaker thresholds
 *   not exposed (aws-app-mesh-user-guide envoy-defaults.md), and neither breaker (its outlier detection only).
 */
export const CAPABILITIES: Readonly<Record<BuiltInEnforcerKind, ReadonlySet<PolicyName>>> = {
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
  'l7-proxy': new Set<PolicyName>(ALL.filter((p) => !NOT_ENVOY.has(p))),
  'l4-proxy': new Set<PolicyName>(['mtls', 'authorization', 'load-balancer']),
  'managed-hop': new Set<PolicyName>(['authorization', 'traffic-split', 'load-balancer']),
  'linkerd-proxy': new Set<PolicyName>(
    ALL.filter((p) => p !== 'connection-pool' && p !== 'outlier-detection' && p !== 'error-rate-breaker'),
  ),
  'app-mesh-envoy': new Set<PolicyName>(
    ALL.filter((p) => p !== 'rate-limit' && p !== 'mirror' && p !== 'connection-pool' && !NOT_ENVOY.has(p)),
  ),
};

/**
 * The policies a hop of kind `enforcer` can enforce. Throws naming the kind and listing the kinds when it is none
 * (a shape built untyped, or with a cast, can name any).
 */
function capabilitiesOf(enforcer: EnforcerKind): ReadonlySet<PolicyName> {
  if (isBuiltInEnforcer(enforcer)) return CAPABILITIES[enforcer];
  const own = registeredEnforcer(enforcer);
  if (own === undefined) {
    const kinds = [...Object.keys(CAPABILITIES), ...registeredEnforcerKinds()];
    throw new Error(
      `enforcer kind ${JSON.stringify(enforcer)} is not known; the kinds: ${kinds.join(', ')}, and those a ` +
        'registered shape declares in its enforcers',
    );
  }
  return own.policies;
}

/** Whether `enforcer` is a built-in kind. */
export function isBuiltInEnforcer(enforcer: string): enforcer is BuiltInEnforcerKind {
  return Object.hasOwn(CAPABILITIES, enforcer);
}

/** `enforcer`, when it is a known kind; throws naming it and listing the kinds otherwise. */
export function knownEnforcer(enforcer: EnforcerKind): EnforcerKind {
  capabilitiesOf(enforcer);
  return enforcer;
}

/** Whether `enforcer` can enforce `policy`; throws for an unknown kind, listing the kinds. */
export function canEnforce(enforcer: EnforcerKind, policy: PolicyName): boolean {
  return capabilitiesOf(enforcer).has(policy);
}

/** Every policy name, for docs and validation. */
export const POLICY_NAMES: readonly PolicyName[] = ALL;

const ENVOY_HINTS: Partial<Record<PolicyName, string>> = {
  'failure-accrual': 'Envoy has no failure accrual: its ejection after consecutive 5xx is outlierDetection',
  'error-rate-breaker':
    'Envoy has no error-rate breaker: outlierDetection ejects pods after consecutive errors',
};

/** What to use instead, where a hop kind lacks a policy the real proxy has an alternative for; undefined otherwise. */
export function missingCapabilityHint(enforcer: EnforcerKind, policy: PolicyName): string | undefined {
  const own = registeredEnforcer(enforcer);
  if (own !== undefined) return own.spec.hints?.[policy];
  if (enforcer === 'l7-proxy' || enforcer === 'app-mesh-envoy') return ENVOY_HINTS[policy];
  if (enforcer === 'linkerd-proxy' && policy === 'error-rate-breaker') {
    return "Linkerd's only breaker is failureAccrual (consecutive failures)";
  }
  return undefined;
}
