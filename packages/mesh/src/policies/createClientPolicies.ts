// Builds the client-side policies a caller applies to a destination, from the destination's policy
// config. The single place where policy modules are registered.

import type { ClientPolicy } from '../call/ClientPolicy.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';
import type { PolicyContext } from './PolicyContext.js';
import type { CallerRef } from '../topology/CallerRef.js';
import { createOutlierDetector } from './createOutlierDetector.js';
import { addBudgetsAndBreakers } from './addBudgetsAndBreakers.js';
import { createBulkhead } from './Bulkhead.js';
import { pushAll } from '../config/manyValues.js';

/** The policies `caller` runs for calls to `target`, in hook order. */
export function createClientPolicies(
  context: PolicyContext,
  caller: CallerRef,
  target: ServiceRuntime,
): ClientPolicy[] {
  const policies: ClientPolicy[] = [];
  // The caller's own bulkhead comes first: a call it refuses never reaches the other policies.
  const bulkhead = createBulkhead(context, caller, target);
  if (bulkhead !== null) policies.push(bulkhead);
  const outlierDetector = createOutlierDetector(context, caller, target);
  if (outlierDetector !== null) policies.push(outlierDetector);
  // Policies the shape's proxy always runs (App Mesh legacy: Envoy's default breakers), before the budgets.
  pushAll(policies, context.shapeClientPolicies(caller, target.name));
  addBudgetsAndBreakers(context, caller, target, policies);
  return policies;
}
