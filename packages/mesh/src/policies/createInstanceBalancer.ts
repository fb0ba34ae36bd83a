// Resolves which balancer a caller uses towards a destination (the destination's `loadBalancer`, else
// the mesh default, subject to the capability matrix) and builds it over the destination's instances.

import type { Random } from '@meshsim/engine';
import type { LoadBalancerConfig } from '../config/PolicyConfig.js';
import { canEnforce } from '../config/capabilities.js';
import type { Instance } from '../server/Instance.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';
import type { CallerRef } from '../topology/CallerRef.js';
import { createBalancer, meshDefaultBalancer } from '../call/createBalancer.js';
import type { LoadBalancer } from '../call/LoadBalancer.js';
import type { PolicyContext } from './PolicyContext.js';

/**
 * The balancer config `caller` runs towards `target`: the destination's own `loadBalancer` when set
 * and the caller's hop can enforce `load-balancer`; otherwise the mesh default (with a warning when a
 * configured balancer had to be dropped).
 */
export function resolveLoadBalancer(
  context: PolicyContext,
  caller: CallerRef,
  target: ServiceRuntime,
): LoadBalancerConfig {
  const fallback = meshDefaultBalancer(context.meshLoadBalancer(caller, target.name));
  const configured = target.config.destination?.loadBalancer ?? null;
  if (configured === null) return fallback;
  const enforcer = context.clientEnforcer(caller, target.name);
  if (!canEnforce(enforcer, 'load-balancer')) {
    context.warnings.add(
      `load-balancer "${configured.kind}" for calls to "${target.name}" cannot be enforced by the ` +
        `${enforcer} hop of caller "${caller.name}" in mesh shape "${context.shape}"; ` +
        `not applied (using "${fallback.kind}")`,
      ['services', target.name, 'destinationPolicy', 'loadBalancer'],
    );
    return fallback;
  }
  return configured;
}

/**
 * Weight of each instance of `service`, by index: the `weight` of the instance's version
 * (`instance.version`) when set, else 1.
 */
export function instanceWeights(service: ServiceRuntime): number[] {
  const byVersion = new Map<string, number>();
  for (const version of service.config.versions ?? []) {
    if (version.weight !== null) byVersion.set(version.name, version.weight);
  }
  return service.instances.map((instance) => byVersion.get(instance.version) ?? 1);
}

/** A new balancer of `caller` towards `target`'s instances. */
export function createInstanceBalancer(
  context: PolicyContext,
  caller: CallerRef,
  target: ServiceRuntime,
  random: Random,
): LoadBalancer<Instance> {
  const config = resolveLoadBalancer(context, caller, target);
  const weights = config.kind === 'weighted' ? instanceWeights(target) : null;
  return createBalancer<Instance>(config, {
    random,
    callerKey: caller.key,
    caller: caller.node,
    instances: target.instances,
    weightOf: (instance) => (weights === null ? 1 : (weights[instance.index] ?? 1)),
    clock: context.engine,
  });
}
