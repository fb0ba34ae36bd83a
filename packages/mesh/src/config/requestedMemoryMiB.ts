// The memory a container requests as Kubernetes counts it — an application's or a mesh proxy's: its request, else its
// limit (a container with a limit and no request is given the limit as its request), else none.

import type { ContainerMemory } from './ContainerMemory.js';
import type { ProxyProfile } from './MeshConfig.js';
import type { ServiceConfig } from './SimulationConfig.js';

/**
 * What each instance's application container requests [MiB], 0 when nothing: its `memoryRequestMiB`, else its
 * `memoryLimitMiB` (Kubernetes copies a limit without a request into the request, docs/sources.md#k8s-pod-resources).
 */
export function requestedMemoryMiB(service: ServiceConfig): number {
  return service.memoryRequestMiB ?? service.memoryLimitMiB ?? 0;
}

/** Each instance's application container's memory request and limit, for its pod's QoS class. */
export function containerMemory(service: ServiceConfig): ContainerMemory {
  const limit = service.memoryLimitMiB;
  return {
    requestMiB: requestedMemoryMiB(service),
    limitMiB: limit !== undefined && limit > 0 ? limit : Infinity,
  };
}

/** What a proxy's container requests [MiB], 0 when nothing: its profile's `memoryRequestMiB`, else its limit. */
export function proxyRequestedMemoryMiB(profile: ProxyProfile): number {
  return profile.memoryRequestMiB ?? profile.memoryLimitMiB ?? 0;
}

/** A proxy's container's memory request and limit, for its pod's QoS class. */
export function proxyContainerMemory(profile: ProxyProfile): ContainerMemory {
  const limit = profile.memoryLimitMiB;
  return {
    requestMiB: proxyRequestedMemoryMiB(profile),
    limitMiB: limit !== undefined && limit > 0 ? limit : Infinity,
  };
}
