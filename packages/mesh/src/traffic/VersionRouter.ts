// Weighted version split and class-based routes for one client (Istio VirtualService weights and
// header matches): picks a version per call, then hands the balancer that version's endpoints.

import type { Random } from '@meshsim/engine';
import type { CallerRef } from '../topology/CallerRef.js';
import type { PolicyCounters } from '../ports/PolicyCounters.js';
import { ALL_VERSIONS, VERSION_UNCHOSEN } from '../call/RouteHooks.js';
import type { EndpointRouter, RoutedCall } from '../call/RouteHooks.js';
import { canEnforce } from '../config/capabilities.js';
import type { Instance } from '../server/Instance.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';
import type { ServiceVersions } from '../server/ServiceVersions.js';
import type { TrafficContext } from './TrafficContext.js';

/**
 * Per-call version choice, made at the call's first attempt and kept for its retries (Envoy picks a weighted
 * cluster once per request and retries within it: docs/policies/traffic-management.md): a class route when the
 * call's class matches one, else a weighted draw (when weights are set), else every endpoint. A version with no
 * endpoint up gets no endpoint, so the attempt fails as `no-endpoints` (503, no healthy upstream), as Envoy answers
 * for an Istio subset without a healthy host — under Linkerd it waits in the balancer queue and fails at its failfast
 * (call/BalancerQueue.ts); it is not spread over the other versions.
 */
export class VersionRouter implements EndpointRouter {
  /** Attempts whose version had no endpoint up (they failed as `no-endpoints`, or waited in a Linkerd balancer). */
  private versionsDown = 0;

  constructor(
    private readonly versions: ServiceVersions,
    private readonly random: Random,
  ) {}

  select(
    endpoints: readonly Instance[],
    nowMs: number,
    call: RoutedCall,
    again = false,
  ): readonly Instance[] {
    const versions = this.versions;
    let index = call.versionIndex;
    if (index === VERSION_UNCHOSEN) {
      const requestClass = call.requestClass;
      index = requestClass !== null && versions.hasRoutes ? versions.routeFor(requestClass) : -1;
      if (index < 0) index = versions.weighted ? versions.pickWeighted(this.random(), nowMs) : ALL_VERSIONS;
      call.versionIndex = index;
    }
    if (index === ALL_VERSIONS) return endpoints;
    const subset = versions.subset(endpoints, index);
    if (subset.length === 0 && endpoints.length > 0 && !again) this.versionsDown++;
    return subset;
  }

  collect(into: PolicyCounters): void {
    into.events['split-version-down'] = (into.events['split-version-down'] ?? 0) + this.versionsDown;
  }
}

/**
 * The router `caller` uses towards `target`, or null when the target declares no weights or
 * routes, or when the caller's hop cannot split traffic (then a warning says the weights and
 * routes are ignored and calls spread over every endpoint, i.e. in proportion to replicas).
 */
export function createVersionRouter(
  context: TrafficContext,
  caller: CallerRef,
  target: ServiceRuntime,
): VersionRouter | null {
  const versions = target.versions;
  if (!versions.weighted && !versions.hasRoutes) return null;
  const enforcer = context.dataPlane.clientEnforcer(caller, target.name);
  if (!canEnforce(enforcer, 'traffic-split')) {
    const what = [versions.weighted ? 'version weights' : '', versions.hasRoutes ? 'class routes' : '']
      .filter((s) => s !== '')
      .join(' and ');
    context.warnings.add(
      `traffic-split: ${what} of service "${target.name}" ignored for caller "${caller.name}" under mesh shape ` +
        `"${context.dataPlane.shape}" (its ${enforcer} hop cannot split traffic); calls spread over all ` +
        `endpoints, i.e. in proportion to replica counts`,
      ['services', target.name],
    );
    return null;
  }
  return new VersionRouter(versions, context.streams.stream(versions.splitStreamName(caller)));
}
