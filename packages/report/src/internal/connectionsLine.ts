// The run's connections in one line, shared by the text summary and the HTML report's tables section.

import type { SimulationResult } from '@meshsim/mesh';

import { count, fixed } from './format.js';

/** `Connections: 12 opened, 12 TLS handshakes (9.6 ms of CPU)`; the CPU only when a handshake happened. */
export function connectionsLine(connections: SimulationResult['connections']): string {
  return (
    `Connections: ${count(connections.opened)} opened, ${count(connections.tlsHandshakes)} TLS handshakes` +
    (connections.tlsHandshakes > 0 ? ` (${fixed(connections.handshakeCpuMs, 1)} ms of CPU)` : '')
  );
}
