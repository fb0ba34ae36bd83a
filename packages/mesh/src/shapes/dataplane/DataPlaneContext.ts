// What every data plane is built from: the resolved config, the placed instances, the topology (for
// placing waypoints), the engine, the random streams and the transport's forward handler.

import type { Engine } from '@meshsim/engine';
import type { RunStreams } from '../../ports/RunStreams.js';
import type { Warnings } from '../../ports/Warnings.js';
import type { SimulationConfig } from '../../config/SimulationConfig.js';
import type { Instance } from '../../server/Instance.js';
import type { Topology } from '../../topology/Topology.js';
import type { ProxyTraveller } from './Proxy.js';

/** Inputs of a data plane. Instances are already placed; placing more pods (waypoints) is allowed. */
export interface DataPlaneContext {
  readonly config: SimulationConfig;
  /** Every instance, indexed by `Instance.id`. */
  readonly instances: readonly Instance[];
  readonly topology: Topology;
  readonly engine: Engine;
  readonly streams: RunStreams;
  /** The run's warnings (unenforceable policies, assumptions that bite). */
  readonly warnings: Warnings;
  /** Called when a proxy has processed a traveller (the transport's step). */
  readonly onForward: (traveller: ProxyTraveller) => void;
}
