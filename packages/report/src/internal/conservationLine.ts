// The run's conservation check in one line, shared by the text summary and the HTML report's tables section.

import type { SimulationResult } from '@meshsim/mesh';

import { count } from './format.js';

/**
 * `Conservation: offered 8,000 = succeeded 7,900 + failed 95 + in flight 5 (holds)`; after the in-flight count,
 * how many of them a source with `connections` had not sent yet, when any.
 */
export function conservationLine(result: SimulationResult): string {
  const c = result.conservation;
  const waiting = result.edges.reduce((n, e) => n + e.waitingAtSource, 0);
  return (
    `Conservation: offered ${count(c.offered)} = succeeded ${count(c.succeeded)} + failed ${count(c.failed)}` +
    ` + in flight ${count(c.inFlight)}` +
    (waiting > 0 ? ` (${count(waiting)} of them still waiting at their source for a connection)` : '') +
    ` (${c.holds ? 'holds' : 'VIOLATED'})`
  );
}
