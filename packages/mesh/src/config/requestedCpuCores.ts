// The CPU an application container requests as Kubernetes counts it: its request, else its limit (a container
// with a limit and no request is given the limit as its request), else none.

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
