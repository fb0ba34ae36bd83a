// One end of connections (an application instance or a proxy): where the CPU of its TLS handshakes
// runs and is counted, and how often its process died (its connections with it).

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
}
