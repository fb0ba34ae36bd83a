// Every connection pool of a run: made on first use by the data plane, and summed for the results
// (connections opened, TLS handshakes, their CPU).

import type { ConnectionTotals } from '../config/SimulationResult.js';
import { ConnectionPool } from './ConnectionPool.js';
import type { ConnectionPorts, ConnectionSpec } from './ConnectionPool.js';

/** Makes the run's pools and keeps them for the totals. */
export class ConnectionPools {
  private readonly pools: ConnectionPool[] = [];

  constructor(private readonly ports: ConnectionPorts) {}

  /** A new pool of connections described by `spec`. */
  create(spec: ConnectionSpec): ConnectionPool {
    const pool = new ConnectionPool(this.ports, spec);
    this.pools.push(pool);
    return pool;
  }

  /** Connections opened, TLS handshakes and their CPU, over every pool. */
  totals(): ConnectionTotals {
    let opened = 0;
    let handshakes = 0;
    let handshakeCpuMs = 0;
    for (const pool of this.pools) {
      opened += pool.opened;
      handshakes += pool.handshakes;
      handshakeCpuMs += pool.handshakeCpuMs;
    }
    return { pools: this.pools.length, opened, tlsHandshakes: handshakes, handshakeCpuMs };
  }
}
