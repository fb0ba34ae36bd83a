// One end of connections (an application instance or a proxy): where the CPU of its TLS handshakes
// runs and is counted, how often its process died (its connections with it), and whether it is down now.

import type { CpuContainer } from '../cpu/NodeCpu.js';

/** One end of a connection pool's connections. */
export interface ConnectionEnd {
  /** The end's container on its node's CPU, or null when CPU is not modelled. */
  readonly cpu: CpuContainer | null;
  /** CPU of one TLS handshake at this end [ms of one core]. */
  readonly tlsHandshakeCpuMs: number;
  /** Counts one handshake of `cpuMs` at this end (its CPU accounting). */
  chargeHandshake(cpuMs: number): void;
  /**
   * How many times the end's process crashed on a node that stayed up (absent: never). Its kernel closed the
   * process's connections then, so a connection opened before a crash is gone (`ConnectionPool`).
   */
  readonly crashes?: number;
  /**
   * True while its process is down on a node that is up (absent: never): the node's kernel answers a connection
   * attempt to it with a RST, so the connection is refused a round trip after it was opened (`ConnectionPool`).
   */
  readonly refusesConnections?: boolean;
}
