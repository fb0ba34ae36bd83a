// A model assembled from a resolved config, ready to run: the parts the run's results are read from.

import type { NodeCrashRecord } from '../config/SimulationResult.js';
import type { Engine } from '@meshsim/engine';
import type { ClusterShortfall } from './extraNodesNeeded.js';
import type { RequestingProxy } from './nodeCpuRequests.js';
import type { SimulationConfig } from '../config/SimulationConfig.js';
import type { ClusterCpu } from '../cpu/ClusterCpu.js';
import type { ConnectionPools } from '../call/ConnectionPools.js';
import type { Downstream } from '../call/Downstream.js';
import type { DataPlane } from '../shapes/dataplane/DataPlane.js';
import type { Topology } from '../topology/Topology.js';
import type { EdgeStatsTable } from '../ports/EdgeStatsTable.js';
import type { Warnings } from '../ports/Warnings.js';
import type { Instance } from '../server/Instance.js';
import type { PodEventLog } from '../server/PodEventLog.js';
import type { ServiceDirectory } from '../server/ServiceDirectory.js';
import type { TrafficSource } from '../traffic/TrafficSource.js';

/** The assembled parts of one run. */
export interface Model {
  readonly config: SimulationConfig;
  readonly engine: Engine;
  readonly warnings: Warnings;
  readonly edges: EdgeStatsTable;
  readonly services: ServiceDirectory;
  /** Every instance, indexed by `Instance.id` (placement order). */
  readonly instances: readonly Instance[];
  readonly dataPlane: DataPlane;
  /** The traffic sources, not started yet. */
  readonly sources: readonly TrafficSource[];
  /** Each service's call plan (`callPlans[s][stage][i]` for `config.services[s].calls[stage][i]`). */
  readonly callPlans: readonly (readonly (readonly Downstream[])[])[];
  readonly topology: Topology;
  /** The nodes' CPUs (none modelled when no cluster gives its nodes a size). */
  readonly cpu: ClusterCpu;
  /** The connection pools the data plane made. */
  readonly connections: ConnectionPools;
  /** What each cluster with Pending pods is short of (none when every pod runs). */
  readonly shortfalls: readonly ClusterShortfall[];
  /** The mesh's node agent on every node (Istio ambient's CNI agent), as the nodes' requests count it; none without. */
  readonly nodeAgents: readonly RequestingProxy[];
  /** Its name in the proxies' totals, or null without one. */
  readonly nodeAgentKind: string | null;
  /** What each `crashNode` fault took down, recorded as it started. */
  readonly nodeCrashes: readonly NodeCrashRecord[];
  /** When service instances crashed, started again, became Ready and NotReady (capped). */
  readonly podEvents: PodEventLog;
}
