// What every data plane is built from: the resolved config, the placed instances, the topology (for
// placing waypoints), the engine, the random streams, the run's warnings and the transport's forward
// handler — and a way to build another shape's data plane on the same run (for `layered`).

import type { Engine } from '@meshsim/engine';
import type { MeshConfig } from '../../config/MeshConfig.js';
import type { SimulationConfig } from '../../config/SimulationConfig.js';
import type { RunStreams } from '../../ports/RunStreams.js';
import type { Warnings } from '../../ports/Warnings.js';
import type { Instance } from '../../server/Instance.js';
import type { Topology } from '../../topology/Topology.js';
import type { DataPlane } from './DataPlane.js';
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
  /** Builds the data plane of `mesh` (a registered shape's config) on this run. */
  readonly createDataPlane: (mesh: MeshConfig) => DataPlane;
}
