// The memory a container requests as Kubernetes counts it — an application's or a mesh proxy's: its request, else its
// limit (a container with a limit and no request is given the limit as its request), else none.

import type { ProxyProfile } from './MeshConfig.js';
import type { ServiceConfig } from './SimulationConfig.js';

/**
 * What each instance's application container requests [MiB], 0 when nothing: its `memoryRequestMiB`, else its
 * `memoryLimitMiB` (Kubernetes copies a limit without a request into the request, docs/sources.md#k8s-pod-resources).
 */
export function requestedMemoryMiB(service: ServiceConfig): number {
  return service.memoryRequestMiB ?? service.memoryLimitMiB ?? 0;
}

/**
 * Whether each instance's application container requests or limits memory (a positive amount), which makes its pod
 * at least Burstable (Kubernetes' QoS rules count non-zero requests and limits).
 */
export function statesMemory(service: ServiceConfig): boolean {
  return (service.memoryRequestMiB ?? 0) > 0 || (service.memoryLimitMiB ?? 0) > 0;
}

/** What a proxy's container requests [MiB], 0 when nothing: its profile's `memoryRequestMiB`. */
export function proxyRequestedMemoryMiB(profile: ProxyProfile): number {
  return profile.memoryRequestMiB ?? 0;
}
