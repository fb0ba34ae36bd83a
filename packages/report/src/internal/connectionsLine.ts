// The run's connections in one line, shared by the text summary and the HTML report's tables section.

import type { SimulationResult } from '@meshsim/mesh';

import { count, ms } from './format.js';

/**
 * `Connections: 47 opened, 47 TLS handshakes (94 handshake ends: a client and a server end each, as the Proxies
 * table counts them; 56.4 ms of CPU)`. A handshake is counted once, its ends twice, so the line names both and says
 * how many of the ends were at proxies when not all were (the Proxies table's `TLS handshake ends` counts only
 * those). The CPU has the precision of the other latencies (`100,361 ms` for a large one).
 */
export function connectionsLine(result: Pick<SimulationResult, 'connections' | 'proxies'>): string {
  const { connections } = result;
  const handshakes = connections.tlsHandshakes;
  const head = `Connections: ${count(connections.opened)} opened, ${count(handshakes)} TLS handshakes`;
  if (handshakes === 0) return head;
  const ends = 2 * handshakes;
  const atProxies = result.proxies.byKind.reduce((sum, kind) => sum + (kind.handshakes ?? 0), 0);
  const where =
    atProxies === ends
      ? ', as the Proxies table counts them'
      : atProxies > 0
        ? `; ${count(atProxies)} of them at proxies, as the Proxies table counts them`
        : '';
  return (
    `${head} (${count(ends)} handshake ends: a client and a server end each${where}; ` +
    `${ms(connections.handshakeCpuMs)} ms of CPU)`
  );
}
