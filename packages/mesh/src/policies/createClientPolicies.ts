// Builds the client-side policies a caller applies to a destination, from the destination's policy
// config. The single place where policy modules are registered.

import type { ClientPolicy } from '../call/ClientPolicy.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';
import type { World } from '../internal/World.js';
import type { CallerRef } from '../topology/CallerRef.js';
import { createOutlierDetector } from './createOutlierDetector.js';
import { addBudgetsAndBreakers } from './addBudgetsAndBreakers.js';
import { createBulkhead } from './Bulkhead.js';

/** The policies `caller` runs for calls to `target`, in hook order. */
export function createClientPolicies(
  world: World,
  caller: CallerRef,
  target: ServiceRuntime,
): ClientPolicy[] {
  const policies: ClientPolicy[] = [];
  // The caller's own bulkhead comes first: a call it refuses never reaches the other policies.
  const bulkhead = createBulkhead(world, caller, target);
  if (bulkhead !== null) policies.push(bulkhead);
  const outlierDetector = createOutlierDetector(world, caller, target);
  if (outlierDetector !== null) policies.push(outlierDetector);
  // Policies the shape's proxy always runs (App Mesh legacy: Envoy's default breakers), before the budgets.
  const shapePolicies = world.dataPlane.shapeClientPolicies?.(caller, target.name);
  if (shapePolicies !== undefined) policies.push(...shapePolicies);
  addBudgetsAndBreakers(world, caller, target, policies);
  return policies;
}
