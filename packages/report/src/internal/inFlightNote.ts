// The note under the edge table when a large share of an edge's calls were still in flight at the end of the run:
// its success (%) counts completed calls only, so an overloaded queue reads 100 % while a third of its calls never
// completed. Shared by the text summary and the HTML report.

import type { SimulationResult } from '@meshsim/mesh';

import { count, percent } from './format.js';

/**
 * The share of an edge's calls still in flight at the end from which the note names it: a threshold of this report
 * (an assumption, not a measurement: a tenth of the calls missing from a success share can change how it reads).
 */
export const IN_FLIGHT_NOTE_SHARE = 0.1;

/** Edges named at most; the rest are counted. */
const MAX_NAMED = 3;

/**
 * `Note: success (%) counts completed calls only (succeeded ÷ (succeeded + failed)); still in flight at the end, neither
 * succeeded nor failed: client → srv 1,489 of its 4,487 calls (33.2 %) (edges with at least 10 % of their calls in
 * flight)`; null when no edge has {@link IN_FLIGHT_NOTE_SHARE} of its calls in flight.
 */
export function inFlightNote(result: SimulationResult): string | null {
  const edges = result.edges.filter((e) => e.calls > 0 && e.inFlight >= IN_FLIGHT_NOTE_SHARE * e.calls);
  if (edges.length === 0) return null;
  const named = edges
    .slice(0, MAX_NAMED)
    .map(
      (e) =>
        `${e.source} → ${e.destination} ${count(e.inFlight)} of its ${count(e.calls)} calls (${percent(e.inFlight / e.calls, 1)} %)`,
    );
  const rest = edges.length - MAX_NAMED;
  const more = rest > 0 ? `, and ${rest} more edge${rest === 1 ? '' : 's'}` : '';
  return (
    'Note: success (%) counts completed calls only (succeeded ÷ (succeeded + failed)); still in flight at the end, ' +
    `neither succeeded nor failed: ${named.join(', ')}${more} (edges with at least ` +
    `${percent(IN_FLIGHT_NOTE_SHARE, 0)} % of their calls in flight)`
  );
}
