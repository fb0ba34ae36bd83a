// The CPU a container requests as Kubernetes counts it — an application's or a mesh proxy's: its request, else its
// limit (a container with a limit and no request is given the limit as its request), else none.

import type { ProxyProfile } from './MeshConfig.js';
import type { ServiceConfig } from './SimulationConfig.js';

/**
 * What each instance's application container requests [cores], or undefined when it requests nothing: its
 * `cpuRequestCores`, else a finite `cpuLimitCores`, as Kubernetes copies a limit without a request into the
 * request (docs/sources.md#k8s-pod-resources).
 */
export function requestedCpuCores(service: ServiceConfig): number | undefined {
  if (service.cpuRequestCores !== undefined) return service.cpuRequestCores;
  const limit = service.cpuLimitCores;
  return limit !== undefined && Number.isFinite(limit) ? limit : undefined;
}

/**
 * What a proxy's container requests [cores], 0 when nothing: its profile's `cpuRequestCores` when set, else a
 * finite `cpuLimitCores` (the same rule as {@link requestedCpuCores}: a proxy limited by an annotation alone, such as
 * `config.linkerd.io/proxy-cpu-limit`, requests its limit).
 */
export function proxyRequestedCpuCores(profile: ProxyProfile): number {
  if (profile.cpuRequestCores !== undefined) return profile.cpuRequestCores;
  const limit = profile.cpuLimitCores;
  return limit !== undefined && Number.isFinite(limit) ? limit : 0;
}
