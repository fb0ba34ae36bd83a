// Builds the client-side policies a caller applies to a destination, from the destination's policy
// config. The single place where policy modules are registered.

import type { ClientPolicy } from './ClientPolicy.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';
import type { World } from '../internal/World.js';
import type { CallerRef } from '../call/CallerRef.js';

/** The policies `caller` runs for calls to `target`, in hook order. */
export function createClientPolicies(
  world: World,
  caller: CallerRef,
  target: ServiceRuntime,
): ClientPolicy[] {
  void world;
  void caller;
  void target;
  return [];
}
