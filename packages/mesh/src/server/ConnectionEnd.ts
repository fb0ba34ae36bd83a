// One end of connections (an application instance or a proxy): where the CPU of its TLS handshakes
// runs and is counted.

import type { CpuContainer } from '../cpu/NodeCpu.js';

/** One end of a connection pool's connections. */
export interface ConnectionEnd {
  /** The end's container on its node's CPU, or null when CPU is not modelled. */
  readonly cpu: CpuContainer | null;
  /** CPU of one TLS handshake at this end [ms of one core]. */
  readonly tlsHandshakeCpuMs: number;
  /** Counts one handshake of `cpuMs` at this end (its CPU accounting). */
  chargeHandshake(cpuMs: number): void;
}
