// Builds a caller's outlier detector for a destination from `destination.outlierDetection`, or warns
// when the caller's hop cannot enforce outlier detection or its ejection cap can never allow one; leaves out
// success-rate ejection where the mesh cannot express it (Istio), warning when the scenario asked for it.

import type { CallerRef } from '../topology/CallerRef.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';
import { canEnforce } from '../config/capabilities.js';
import { OutlierDetector } from './OutlierDetector.js';
import type { PolicyContext } from './PolicyContext.js';

/**
 * The outlier detector `caller` runs for `target` (one per upstream client, as Envoy keeps one per
 * cluster per proxy), or null when none is configured or the caller's hop cannot enforce it.
 */
export function createOutlierDetector(
  context: PolicyContext,
  caller: CallerRef,
  target: ServiceRuntime,
): OutlierDetector | null {
  const written = target.config.destination?.outlierDetection ?? null;
  if (written === null) return null;
  const enforcer = context.clientEnforcer(caller, target.name);
  const path = ['services', target.name, 'destinationPolicy', 'outlierDetection'];
  if (!canEnforce(enforcer, 'outlier-detection')) {
    context.warnings.add(
      `outlier-detection for calls to "${target.name}" cannot be enforced by the ${enforcer} hop of ` +
        `caller "${caller.name}" in mesh shape "${context.shape}"; not applied`,
      path,
    );
    return null;
  }
  let config = written;
  if (enforcer === 'l7-proxy' && context.successRateEjection === 'off' && written.successRate !== null) {
    // Istio writes enforcing_success_rate 0 into every cluster it configures (its applyOutlierDetection).
    config = { ...written, successRate: null };
    if (written.successRateFromDefault !== true) {
      context.warnings.add(
        `outlier-detection for calls to "${target.name}": success-rate ejection cannot be expressed in mesh shape ` +
          `"${context.shape}" (Istio sets Envoy's enforcing_success_rate to 0 for every DestinationRule); not applied`,
        [...path, 'successRate'],
      );
    }
  }
  const hosts = target.instances.length;
  const cap = context.outlierEjectionCap;
  if (
    cap !== 'before-ejection' &&
    !config.alwaysEjectOneHost &&
    hosts > 0 &&
    100 > config.maxEjectionPercent * hosts
  ) {
    // Envoy >= 1.28: even the first ejection must leave at most maxEjectionPercent of hosts ejected.
    context.warnings.add(
      `outlier-detection for calls to "${target.name}" can never eject a host: one of its ${hosts} ` +
        `instances is ${(100 / hosts).toFixed(1)} % > maxEjectionPercent ${config.maxEjectionPercent} % ` +
        `(Envoy ≥ 1.28, Istio ≥ 1.20); set alwaysEjectOneHost or raise maxEjectionPercent`,
      path,
    );
  }
  return new OutlierDetector(config, hosts, context.engine.now, cap);
}
