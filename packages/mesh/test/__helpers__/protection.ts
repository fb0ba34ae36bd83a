// Helpers for tests of inbound protections: an InboundPolicy from overrides, and lookups by name.

import { NO_INBOUND_POLICY } from '../../src/index.js';
import type { EdgeMetrics, InboundPolicy, ServiceMetrics, SimulationResult } from '../../src/index.js';

/** An inbound policy with everything off except `overrides`. */
export function inbound(overrides: Partial<InboundPolicy>): InboundPolicy {
  return { ...NO_INBOUND_POLICY, ...overrides };
}

/** The metrics of service `name`; throws if absent. */
export function serviceOf(result: SimulationResult, name: string): ServiceMetrics {
  const found = result.services.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no service ${name}`);
  return found;
}

/** The metrics of edge `source → destination`; throws if absent. */
export function edgeOf(result: SimulationResult, source: string, destination: string): EdgeMetrics {
  const found = result.edges.find((e) => e.source === source && e.destination === destination);
  if (found === undefined) throw new Error(`no edge ${source} -> ${destination}`);
  return found;
}
