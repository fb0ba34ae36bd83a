// Which of a Pending service's own CPU requests no node it may run on could ever hold — its application's (or the
// limit Kubernetes copies as one) or its sidecar's own — so that the Pending-pod warnings point at that field.

import { requestedCpuCores } from '../config/requestedCpuCores.js';
import type { ServiceConfig, SimulationConfig } from '../config/SimulationConfig.js';
import type { MeshPodRequests } from '../shapes/MeshShape.js';

/** A container's CPU request larger than every node its pod may run on, and the scenario field that sets it. */
export interface OversizedRequest {
  readonly container: 'application' | 'sidecar';
  /** What it requests [cores]. */
  readonly cores: number;
  /** The service's field that sets it: a limit when Kubernetes copied the limit as the request. */
  readonly field: 'cpuRequest' | 'cpuLimit' | 'proxyCpuRequest' | 'proxyCpuLimit';
  /** The largest node its pod may run on [cores]. */
  readonly nodeCores: number;
}

/**
 * The cores of the nodes `service`'s pods may run on: its node pool's, else its cluster's own and its shared pools';
 * null when one of them has no size (no CPU model there) or the cluster is unknown.
 */
function nodeSizes(config: SimulationConfig, service: ServiceConfig): number[] | null {
  const cluster = config.clusters.find((c) => c.name === service.cluster);
  if (cluster === undefined) return null;
  const own = cluster.nodeCpu ?? null;
  const pools = cluster.nodePools ?? [];
  const sizeOf = (pool: { nodeCpu?: number | null }): number | null => pool.nodeCpu ?? own;
  const sizes =
    service.nodePool === undefined
      ? [own, ...pools.filter((p) => p.shared === true).map(sizeOf)]
      : service.nodePool === cluster.poolName
        ? [own]
        : pools.filter((p) => p.name === service.nodePool).map(sizeOf);
  return sizes.length === 0 || sizes.some((size) => size === null) ? null : (sizes as number[]);
}

/**
 * The request of `service`'s application, else of its sidecar when the service sets it (`proxyCpuRequest`, or
 * `proxyCpuLimit` copied as it), that is larger than every node its pods may run on; null when none is.
 */
export function oversizedRequest(
  config: SimulationConfig,
  service: ServiceConfig,
  meshPods: MeshPodRequests,
): OversizedRequest | null {
  const sizes = nodeSizes(config, service);
  if (sizes === null) return null;
  const nodeCores = sizes.reduce((a, b) => Math.max(a, b), 0);
  const app = requestedCpuCores(service);
  if (app !== undefined && app > nodeCores) {
    const field = service.cpuRequestCores !== undefined ? 'cpuRequest' : 'cpuLimit';
    return { container: 'application', cores: app, field, nodeCores };
  }
  const sidecar = meshPods.sidecarCpuRequestCores.get(service.name) ?? 0;
  // The service's own field only: a request the mesh's profile sets is not the service's to lower.
  const own =
    service.proxyCpuRequestCores !== undefined
      ? 'proxyCpuRequest'
      : service.proxyCpuLimitCores === sidecar
        ? 'proxyCpuLimit'
        : null;
  if (own !== null && sidecar > nodeCores)
    return { container: 'sidecar', cores: sidecar, field: own, nodeCores };
  return null;
}
