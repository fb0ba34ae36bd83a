// Call depth of every service and edge: a traffic source's entry service is at depth 1, the services it
// calls at 2, and so on (the shortest path from any source, breadth first over the call plans).

import type { SimulationConfig } from '@meshsim/mesh';

/** Depth by service name; services no source reaches are absent. */
export function serviceDepths(config: SimulationConfig): Map<string, number> {
  const byName = new Map(config.services.map((service) => [service.name, service] as const));
  const depths = new Map<string, number>();
  let frontier: string[] = [];
  for (const source of config.traffic) {
    if (!depths.has(source.to)) {
      depths.set(source.to, 1);
      frontier.push(source.to);
    }
  }
  for (let depth = 2; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const name of frontier) {
      for (const stage of byName.get(name)?.calls ?? []) {
        for (const call of stage) {
          for (const callee of [call.to, ...(call.mirror ? [call.mirror.to] : [])]) {
            if (!depths.has(callee)) {
              depths.set(callee, depth);
              next.push(callee);
            }
          }
        }
      }
    }
    frontier = next;
  }
  return depths;
}

/**
 * Depth of the edge `caller → callee`: 1 for a traffic source's edge, else the caller's depth + 1;
 * undefined when the caller is a service no source reaches.
 */
export function edgeDepth(
  caller: string,
  depths: ReadonlyMap<string, number>,
  sources: ReadonlySet<string>,
): number | undefined {
  if (sources.has(caller)) return 1;
  const depth = depths.get(caller);
  return depth === undefined ? undefined : depth + 1;
}
