// The data-plane abstraction: a mesh shape turns each attempt into a route of stations, decides which
// policy applies to a call, and accounts for the proxies it runs. New shapes implement this interface.

import type { CallPolicy, MeshShapeName } from '../config/SimulationConfig.js';
import type { ProxyTotals } from '../config/SimulationResult.js';
import type { CallerRef } from '../call/CallerRef.js';
import type { Instance } from '../server/Instance.js';
import type { Station } from './Station.js';
import type { Proxy } from './Proxy.js';
import type { EnforcerKind } from '../policies/capabilities.js';

/** A mesh shape at run time. */
export interface DataPlane {
  readonly shape: MeshShapeName;
  /** The stations an attempt from `caller` to `target` passes, in request order. Cached; do not mutate. */
  route(caller: CallerRef, target: Instance): readonly Station[];
  /**
   * The policy a call actually runs with: the scenario's own when it set one (`policySet`),
   * otherwise the mesh's default for that caller.
   */
  effectivePolicy(caller: CallerRef, policy: CallPolicy, policySet: boolean): CallPolicy;
  /** The kind of hop that enforces caller-side policies (timeouts, retries, breakers...) for `caller`. */
  clientEnforcer(caller: CallerRef): EnforcerKind;
  /** The kind of hop that enforces inbound policies (rate limits, authorization...) of `service`. */
  serverEnforcer(service: string): EnforcerKind;
  /** Adds a warning once (duplicates are ignored). */
  warn(message: string): void;
  /** Records one call made by `caller` (for in-process costs such as a client library). */
  countCall(caller: CallerRef): void;
  /** Every proxy this shape runs (for faults and accounting); empty for proxy-less shapes. */
  proxies(): readonly Proxy[];
  /** Proxy resources over a run of `durationMs`. */
  totals(durationMs: number): ProxyTotals;
  /** Notes the user must see about this shape (unenforceable policies, assumptions). */
  readonly warnings: readonly string[];
}
