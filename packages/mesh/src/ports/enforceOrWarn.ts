// Capability gate for one policy at one hop: true when the hop can enforce it, otherwise a warning
// naming the policy, the service and the mesh shape (and the caller must not apply the policy).

import type { World } from '../internal/World.js';
import { canEnforce } from '../config/capabilities.js';
import type { EnforcerKind, PolicyName } from '../config/capabilities.js';

/**
 * Whether `enforcer` can enforce `policy` for `service`. When it cannot, adds the warning
 * `<policy> on service "<service>" is not enforced: the <shape> mesh shape enforces it at a <enforcer> hop, which cannot`.
 */
export function enforceOrWarn(
  world: World,
  enforcer: EnforcerKind,
  policy: PolicyName,
  service: string,
): boolean {
  if (canEnforce(enforcer, policy)) return true;
  world.dataPlane.warn(
    `${policy} on service "${service}" is not enforced: the ${world.dataPlane.shape} mesh shape ` +
      `enforces it at a ${enforcer} hop, which cannot; the policy is not applied`,
  );
  return false;
}
