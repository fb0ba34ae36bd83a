// A service's `cpuLimit` and `cpuRequest` (and `memoryLimit` and `memoryRequest`) from its workloads' application
// containers, the way Kubernetes counts a pod: limits add up when every container sets one, and a container without
// a request requests its limit (docs/sources.md#k8s-pod-resources). One rule for both resources.

import type { ContainerResources, ImportedService, ImportedWorkload } from '../../ImportModel.js';
import type { WarningLog } from '../WarningLog.js';
import { describeRef } from '../model/describeRefs.js';
import { formatCpu } from '../units/formatCpu.js';
import { formatMemory } from '../units/formatMemory.js';
import { maxOf } from '@meshsim/mesh';

/** A service's CPU as the scenario writes it: each value in cores, absent when the workloads set none. */
export interface ServiceCpu {
  limitCores?: number;
  requestCores?: number;
}

/** A service's memory as the scenario writes it: each value in MiB, absent when the workloads set none. */
export interface ServiceMemory {
  limitMiB?: number;
  requestMiB?: number;
}

/** One resource of a container as the pod sums count it. */
interface Resource {
  /** `CPU` or `memory`, in warnings. */
  readonly label: string;
  /** The scenario's fields: limit, request. */
  readonly fields: readonly [string, string];
  readonly limit: (container: ContainerResources) => number | undefined;
  readonly request: (container: ContainerResources) => number | undefined;
  /** A value as warnings show it. */
  readonly show: (value: number) => string;
  /** A sum without its binary noise: CPU to 15 significant digits (0.1 + 0.2 is 0.3); memory is exact (bytes / 2^20). */
  readonly tidy: (value: number) => number;
}

const CPU: Resource = {
  label: 'CPU',
  fields: ['cpuLimit', 'cpuRequest'],
  limit: (c) => c.cpuLimitCores,
  request: (c) => c.cpuRequestCores,
  show: (cores) => String(formatCpu(cores)),
  tidy: (cores) => Number(cores.toPrecision(15)),
};

const MEMORY: Resource = {
  label: 'memory',
  fields: ['memoryLimit', 'memoryRequest'],
  limit: (c) => c.memoryLimitMiB,
  request: (c) => c.memoryRequestMiB,
  show: (mib) => String(formatMemory(mib)),
  tidy: (mib) => mib,
};

/** One pod of a workload: its application containers' limit (null: unlimited) and request of one resource. */
interface PodResource {
  workload: ImportedWorkload;
  /** Sum of the limits when every application container sets one; null when one does not. */
  limit: number | null;
  /** Sum of the requests (a container without one requests its limit); 0 when none. */
  request: number;
  /** The first application container without a limit, when others have one. */
  unlimited: string | null;
}

function sum(values: readonly number[], resource: Resource): number {
  return resource.tidy(values.reduce((a, b) => a + b, 0));
}

function podResource(workload: ImportedWorkload, resource: Resource): PodResource | null {
  const apps = workload.resources.filter((r) => r.role === 'app');
  if (apps.length === 0) return null;
  const missing = apps.find((r) => resource.limit(r) === undefined);
  const limit =
    missing === undefined
      ? sum(
          apps.map((r) => resource.limit(r) ?? 0),
          resource,
        )
      : null;
  const request = sum(
    apps.map((r) => resource.request(r) ?? resource.limit(r) ?? 0),
    resource,
  );
  const limited = apps.some((r) => resource.limit(r) !== undefined);
  return { workload, limit, request, unlimited: limited && missing !== undefined ? missing.container : null };
}

/**
 * The limit and request of one resource of `service` from its workloads (one pod each: the service has one value for
 * all its instances). When its workloads differ, the largest is taken — an unlimited workload makes the service
 * unlimited — and `warnings` says so; a workload whose containers set limits on some containers only has no limit,
 * also warned. Containers a mesh injects (`role: 'proxy'`) do not count.
 */
function serviceResource(
  service: ImportedService,
  warnings: WarningLog,
  resource: Resource,
): { limit?: number; request?: number } {
  const pods = service.workloads.map((workload) => podResource(workload, resource));
  const known = pods.filter((pod): pod is PodResource => pod !== null);
  if (known.length === 0) return {};
  const [limitField, requestField] = resource.fields;
  for (const pod of known) {
    if (pod.unlimited !== null) {
      warnings.general(
        '',
        `${describeRef(pod.workload.from)}: container "${pod.unlimited}" sets no ${resource.label} limit while others do, so the pod has none; service "${service.name}" gets no ${limitField} from it`,
      );
    }
  }
  // A workload with no resources at all counts as no limit and no request.
  const all: { workload: ImportedWorkload; limit: number | null; request: number }[] = service.workloads.map(
    (workload, i) => pods[i] ?? { workload, limit: null, request: 0 },
  );
  const limits = all.map((pod) => pod.limit);
  const limit = limits.includes(null) ? null : maxOf(limits as number[], -Infinity);
  const request = maxOf(
    all.map((pod) => pod.request),
    -Infinity,
  );
  const show = (value: number | null): string =>
    value === null || value === 0 ? 'none' : resource.show(value);
  for (const [field, values, chosen] of [
    [limitField, limits, limit],
    [requestField, all.map((pod) => pod.request), request],
  ] as const) {
    if (new Set(values).size > 1) {
      const each = all.map(
        (pod, i) => `${pod.workload.kind}/${pod.workload.name} ${show(values[i] ?? null)}`,
      );
      warnings.general(
        '',
        `service "${service.name}": its workloads set different ${resource.label} (${field} ${each.join(', ')}); a service has one ${field} for all its instances: ${show(chosen)}, the largest`,
      );
    }
  }
  return { ...(limit !== null && { limit }), ...(request > 0 && { request }) };
}

/** The CPU limit and request of `service` from its workloads (see `serviceResource`). */
export function serviceCpu(service: ImportedService, warnings: WarningLog): ServiceCpu {
  const { limit, request } = serviceResource(service, warnings, CPU);
  return {
    ...(limit !== undefined && { limitCores: limit }),
    ...(request !== undefined && { requestCores: request }),
  };
}

/** The memory limit and request of `service` from its workloads, in MiB (see `serviceResource`). */
export function serviceMemory(service: ImportedService, warnings: WarningLog): ServiceMemory {
  const { limit, request } = serviceResource(service, warnings, MEMORY);
  return {
    ...(limit !== undefined && { limitMiB: limit }),
    ...(request !== undefined && { requestMiB: request }),
  };
}
