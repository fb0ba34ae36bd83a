// Builds a caller's outlier detector for a destination from `destination.outlierDetection`, or warns
// when the caller's hop cannot enforce outlier detection.

import type { CallerRef } from '../call/CallerRef.js';
import type { World } from '../internal/World.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';
import { canEnforce } from './capabilities.js';
import { OutlierDetector } from './OutlierDetector.js';

/**
 * The outlier detector `caller` runs for `target` (one per upstream client, as Envoy keeps one per
 * cluster per proxy), or null when none is configured or the caller's hop cannot enforce it.
 */
export function createOutlierDetector(
  world: World,
  caller: CallerRef,
  target: ServiceRuntime,
): OutlierDetector | null {
  const config = target.config.destination?.outlierDetection ?? null;
  if (config === null) return null;
  const enforcer = world.dataPlane.clientEnforcer(caller, target.name);
  if (!canEnforce(enforcer, 'outlier-detection')) {
    world.dataPlane.warn(
      `outlier-detection for calls to "${target.name}" cannot be enforced by the ${enforcer} hop of ` +
        `caller "${caller.name}" in mesh shape "${world.config.mesh.shape}"; not applied`,
    );
    return null;
  }
  return new OutlierDetector(config, target.instances.length, world.engine.now);
}
