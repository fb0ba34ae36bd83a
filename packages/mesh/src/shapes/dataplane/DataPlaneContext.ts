// What every data plane is built from: the resolved config, the placed instances, the topology (for
// placing waypoints), the engine, the random streams, the run's warnings and the transport's forward
// handler — and a way to build another shape's data plane on the same run (for `layered`).

import type { Engine } from '@meshsim/engine';
import type { MeshConfig } from '../../config/MeshConfig.js';
import type { SimulationConfig } from '../../config/SimulationConfig.js';
import type { RunStreams } from '../../ports/RunStreams.js';
import type { Warnings } from '../../ports/Warnings.js';
import type { Instance } from '../../server/Instance.js';
import type { ContainerMemory } from '../../config/ContainerMemory.js';
import type { CpuContainer } from '../../cpu/NodeCpu.js';
import type { ConnectionPools } from '../../call/ConnectionPools.js';
import type { Node, Topology } from '../../topology/Topology.js';
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
  /**
   * A new container named `name` of pod `pod` on `node`'s CPU with a limit of `limitCores` (undefined: none),
   * weighed by its CPU request `requestCores` (undefined or 0: none), or null when the node's CPU is not modelled
   * (or there is no node: a managed hop). `pod` null: in-kernel work (eBPF, WireGuard), in no pod, weighing the most.
   * `memory`: the container's memory request and limit (for its pod's QoS class).
   */
  readonly cpuContainer: (
    node: Node | null,
    pod: string | null,
    name: string,
    limitCores?: number,
    requestCores?: number,
    memory?: ContainerMemory,
  ) => CpuContainer | null;
  /** The run's connection pools: the data plane makes the pools its attempts travel on. */
  readonly connections: ConnectionPools;
  /** Builds the data plane of `mesh` (a registered shape's config) on this run. */
  readonly createDataPlane: (mesh: MeshConfig) => DataPlane;
}
