// Where every service's pods go: the topology of a config with the DaemonSets (the mesh's and the cluster's others:
// their requests and pod slots) reserved on every node, and each service's pods placed with its sidecar's requests
// (a pod no node has room for left Pending). One placement for the run and for the search of how many nodes would
// run every pod.

import type { SimulationConfig } from '../config/SimulationConfig.js';
import { requestedCpuCores } from '../config/requestedCpuCores.js';
import { requestedMemoryMiB } from '../config/requestedMemoryMiB.js';
import type { MeshPodRequests } from '../shapes/MeshShape.js';
import { Topology } from '../topology/Topology.js';
import type { Node } from '../topology/Topology.js';

/** A placement: the topology and, per service (in declared order), the nodes of its placed pods. */
export interface ServicePlacement {
  readonly topology: Topology;
  readonly placements: readonly (readonly Node[])[];
}

/**
 * Places every service of `config` (dedicated nodes are created then). A pod fits with its injected sidecar's
 * request, next to the mesh's DaemonSet pods, as the scheduler fits it, but is scored on its application's request
 * alone, so that every shape places pods alike while they fit; a pod no node has room for is left Pending.
 */
export function placeServices(config: SimulationConfig, meshPods: MeshPodRequests): ServicePlacement {
  const topology = new Topology(config.clusters);
  topology.reservePerNode(
    meshPods.perNodeCpuRequestCores,
    meshPods.perNodeMemoryRequestMiB,
    meshPods.perNodePods ?? 0,
  );
  const placements = config.services.map((service) =>
    service.dedicatedNodes === true
      ? topology.placeDedicated(service.cluster, service.replicas, service.name)
      : topology.place(service.cluster, service.replicas, {
          pool: service.nodePool,
          tolerated: service.tolerates,
          cpuRequestCores: requestedCpuCores(service),
          sidecarCpuRequestCores: meshPods.sidecarCpuRequestCores.get(service.name) ?? 0,
          memoryRequestMiB:
            requestedMemoryMiB(service) + (meshPods.sidecarMemoryRequestMiB.get(service.name) ?? 0),
          leavePending: true,
        }),
  );
  return { topology, placements };
}
