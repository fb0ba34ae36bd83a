// The run's connections in one line, shared by the text summary and the HTML report's tables section.

import type { SimulationResult } from '@meshsim/mesh';

import { count, ms } from './format.js';

/**
 * `Connections: 12 opened, 12 TLS handshakes (9.60 ms of CPU)`; the CPU only when a handshake happened, with the
 * precision of the other latencies (`100,361 ms` for a large one).
 */
export function connectionsLine(connections: SimulationResult['connections']): string {
  return (
    `Connections: ${count(connections.opened)} opened, ${count(connections.tlsHandshakes)} TLS handshakes` +
    (connections.tlsHandshakes > 0 ? ` (${ms(connections.handshakeCpuMs)} ms of CPU)` : '')
  );
}
