// Warns about services that ask for a waypoint under a mesh shape that runs none (only istio-ambient does,
// also inside `layered`): their `waypoint` would otherwise be ignored without a word.

import type { SimulationConfig } from '../config/SimulationConfig.js';
import type { Warnings } from '../ports/Warnings.js';
import type { DataPlane } from '../shapes/dataplane/DataPlane.js';

/** Adds one warning naming the services whose `waypoint` no waypoint of `dataPlane` serves. */
export function checkWaypoints(config: SimulationConfig, dataPlane: DataPlane, warnings: Warnings): void {
  const asking = config.services
    .filter((s) => s.waypoint !== undefined && s.waypoint !== false)
    .map((s) => s.name);
  if (asking.length === 0) return;
  const served = new Set(dataPlane.proxies().flatMap((proxy) => proxy.boundServices));
  const ignored = asking.filter((name) => !served.has(name));
  if (ignored.length === 0) return;
  warnings.add(
    `services ${ignored.join(', ')} ask for a waypoint, but mesh shape ${config.mesh.shape} runs no waypoints ` +
      '(istio-ambient does): their `waypoint` is ignored',
    ['services', ignored[0] as string, 'waypoint'],
  );
}
