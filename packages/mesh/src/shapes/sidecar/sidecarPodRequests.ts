// What a sidecar mesh adds to the pods' requests: each pod's injected proxy, with its service's own annotations
// (`proxyCpuRequest`, `proxyCpuLimit`, `proxyMemoryRequest`, `proxyMemoryLimit`) over the mesh's profile.

import { proxyRequestedCpuCores } from '../../config/requestedCpuCores.js';
import { proxyRequestedMemoryMiB } from '../../config/requestedMemoryMiB.js';
import type { ProxyProfile } from '../../config/MeshConfig.js';
import type { ServiceConfig, SimulationConfig } from '../../config/SimulationConfig.js';
import type { MeshPodRequests } from '../MeshShape.js';

/** What the sidecar of `profile` requests in each pod of `service` [cores] (its request, else a finite limit). */
export function sidecarCpuRequestCores(profile: ProxyProfile, service: ServiceConfig): number {
  const limit = service.proxyCpuLimitCores ?? profile.cpuLimitCores;
  const request = service.proxyCpuRequestCores ?? profile.cpuRequestCores;
  return proxyRequestedCpuCores({
    ...profile,
    ...(limit === undefined ? {} : { cpuLimitCores: limit }),
    ...(request === undefined ? {} : { cpuRequestCores: request }),
  });
}

/**
 * What the sidecar of `profile` requests in memory in each pod of `service` [MiB]: the service's own request, else the
 * mesh's, else its limit (the service's own, else the mesh's), as Kubernetes copies a limit into a missing request.
 */
export function sidecarMemoryRequestMiB(profile: ProxyProfile, service: ServiceConfig): number {
  const request = service.proxyMemoryRequestMiB ?? profile.memoryRequestMiB;
  const limit = service.proxyMemoryLimitMiB ?? profile.memoryLimitMiB;
  return proxyRequestedMemoryMiB({
    ...profile,
    ...(request === undefined ? {} : { memoryRequestMiB: request }),
    ...(limit === undefined ? {} : { memoryLimitMiB: limit }),
  });
}

/** A sidecar of `profile` in every pod of `scenario`, and nothing per node. */
export function sidecarPodRequests(profile: ProxyProfile, scenario: SimulationConfig): MeshPodRequests {
  return {
    sidecarCpuRequestCores: new Map(
      scenario.services.map((service) => [service.name, sidecarCpuRequestCores(profile, service)]),
    ),
    sidecarMemoryRequestMiB: new Map(
      scenario.services.map((service) => [service.name, sidecarMemoryRequestMiB(profile, service)]),
    ),
    perNodeCpuRequestCores: 0,
    perNodeMemoryRequestMiB: 0,
  };
}
