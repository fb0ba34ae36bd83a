// Names what loops when a run is caught in a Zeno loop: fires a sample of further events at the stalled
// instant and reports the traffic sources and edges that made calls meanwhile.

import type { Model } from '../assembly/Model.js';
import type { ZenoLoopEdge, ZenoLoop } from '../config/SimulationResult.js';
import type { EdgeStats } from '../ports/EdgeStats.js';
import { groupThousands as group } from '../config/groupThousands.js';

/**
 * Fires up to `sampleEvents` more events at the engine's current instant (never later) and returns
 * the edges that started calls meanwhile, busiest first, and the traffic sources among their callers.
 * Deterministic: it counts events, never wall time.
 *
 * @param model - The model whose engine stopped at the stalled instant.
 * @param sampleEvents - Most events to fire while observing.
 */
export function observeZenoLoop(model: Model, sampleEvents: number): ZenoLoop {
  const { engine } = model;
  const before = new Map<EdgeStats, number>();
  for (const edge of model.edges.values()) before.set(edge, edge.calls);
  const firedBefore = engine.eventsFired;
  engine.run({ untilMs: engine.now, maxEvents: sampleEvents });
  const edges: ZenoLoopEdge[] = [];
  for (const edge of model.edges.values()) {
    const calls = edge.calls - (before.get(edge) ?? 0);
    if (calls > 0) edges.push({ source: edge.source, destination: edge.destination, calls });
  }
  edges.sort(
    (a, b) => b.calls - a.calls || compare(a.source, b.source) || compare(a.destination, b.destination),
  );
  const looping = new Set(edges.map((edge) => edge.source));
  const sources = [...new Set(model.config.traffic.map((t) => t.name))].filter((name) => looping.has(name));
  return { sources, edges, sampledEvents: engine.eventsFired - firedBefore };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The one-line message of a Zeno stop, e.g. `more than 1,000,000 events at 2,000 ms of simulated time
 * (maxEventsAtOneInstant): time stopped advancing; calls at that instant: client → api (5,000); sources: client`.
 */
export function zenoMessage(limit: number, atMs: number, loop: ZenoLoop): string {
  const calls =
    loop.edges.length === 0
      ? 'no calls were made at that instant'
      : `calls at that instant: ${loop.edges
          .slice(0, 5)
          .map((edge) => `${edge.source} → ${edge.destination} (${group(edge.calls)})`)
          .join(', ')}${loop.edges.length > 5 ? `, and ${loop.edges.length - 5} more edges` : ''}`;
  const sources = loop.sources.length === 0 ? '' : `; traffic sources: ${loop.sources.join(', ')}`;
  return (
    `more than ${group(limit)} events at ${group(atMs)} ms of simulated time (maxEventsAtOneInstant): ` +
    `simulated time stopped advancing; ${calls}${sources}`
  );
}
