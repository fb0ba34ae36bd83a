// What building a caller's client-side policies needs from the run: the clock, named streams, the
// warnings, the mesh shape's enforcement answers and defaults, and the bulkhead slots shared per caller.

import type { Engine } from '@meshsim/engine';
import type { EnforcerKind } from '../config/capabilities.js';
import type {
  ConnectionPoolDefaults,
  MeshConfig,
  OutlierEjectionCap,
  SuccessRateEjection,
} from '../config/MeshConfig.js';
import type { ClientPolicy } from '../call/ClientPolicy.js';
import type { EnforcementScope } from '../ports/enforceOrWarn.js';
import type { RunStreams } from '../ports/RunStreams.js';
import type { CallerRef } from '../topology/CallerRef.js';
import type { BulkheadSlots } from './BulkheadSlots.js';

/** The run as client-side policies see it while being built. */
export interface PolicyContext extends EnforcementScope {
  readonly engine: Engine;
  readonly streams: RunStreams;
  /**
   * The mesh's default balancer kind for `caller` → `target`, used where the destination sets none (the mesh's
   * `loadBalancer`, or the managed hop's where one balances those calls: Lattice between clusters in `layered`).
   */
  meshLoadBalancer(caller: CallerRef, target: string): MeshConfig['loadBalancer'];
  /** How the mesh's proxies cap outlier ejections by `maxEjectionPercent` (their Envoy release's rule). */
  readonly outlierEjectionCap: OutlierEjectionCap;
  /** Whether the mesh's L7 proxies can eject by success rate (`off` under Istio). */
  readonly successRateEjection: SuccessRateEjection;
  /** Whose defaults a `connectionPool`'s unwritten thresholds take (`istio`: 2³²−1). */
  readonly connectionPoolDefaults: ConnectionPoolDefaults;
  /** The kind of hop that enforces `caller`'s policies towards `target`. */
  clientEnforcer(caller: CallerRef, target: string): EnforcerKind;
  /** Policies the mesh shape's proxy always runs for `caller` → `target` (App Mesh legacy breakers). */
  shapeClientPolicies(caller: CallerRef, target: string): readonly ClientPolicy[];
  /** The `inbound.bulkheads` of service `name` (per downstream service), or undefined. */
  bulkheadsOf(name: string): Readonly<Record<string, number>> | undefined;
  /** Bulkhead slots shared by a caller instance's clients of one service, by `callerKey\0service`. */
  readonly bulkheadSlots: Map<string, BulkheadSlots>;
}
