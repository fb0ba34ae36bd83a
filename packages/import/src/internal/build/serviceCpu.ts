// A service's `cpuLimit` and `cpuRequest` from its workloads' application containers, the way Kubernetes
// counts a pod: limits add up when every container sets one, and a container without a request requests
// its limit (docs/sources.md#k8s-pod-resources).

import type { ImportedService, ImportedWorkload } from '../../ImportModel.js';
import type { WarningLog } from '../WarningLog.js';
import { describeRef } from '../model/describeRefs.js';
import { formatCpu } from '../units/formatCpu.js';

/** A service's CPU as the scenario writes it: each value in cores, absent when the workloads set none. */
export interface ServiceCpu {
  limitCores?: number;
  requestCores?: number;
}

/** One pod of a workload: its application containers' CPU limit (null: unlimited) and request [cores]. */
interface PodCpu {
  workload: ImportedWorkload;
  /** Sum of the limits when every application container sets one; null when one does not. */
  limitCores: number | null;
  /** Sum of the requests (a container without one requests its limit); 0 when none. */
  requestCores: number;
  /** The first application container without a limit, when others have one. */
  unlimited: string | null;
}

function sum(values: readonly number[]): number {
  return Number(values.reduce((a, b) => a + b, 0).toPrecision(6));
}

function podCpu(workload: ImportedWorkload): PodCpu | null {
  const apps = workload.resources.filter((r) => r.role === 'app');
  if (apps.length === 0) return null;
  const missing = apps.find((r) => r.cpuLimitCores === undefined);
  const limitCores = missing === undefined ? sum(apps.map((r) => r.cpuLimitCores ?? 0)) : null;
  const requestCores = sum(apps.map((r) => r.cpuRequestCores ?? r.cpuLimitCores ?? 0));
  const limited = apps.some((r) => r.cpuLimitCores !== undefined);
  return {
    workload,
    limitCores,
    requestCores,
    unlimited: limited && missing !== undefined ? missing.container : null,
  };
}

/**
 * The CPU limit and request of `service` from its workloads (one pod each: the service has one value for all
 * its instances). When its workloads differ, the largest is taken — an unlimited workload makes the service
 * unlimited — and `warnings` says so; a workload whose containers set limits on some containers only has no
 * limit, also warned. Containers a mesh injects (`role: 'proxy'`) do not count.
 */
export function serviceCpu(service: ImportedService, warnings: WarningLog): ServiceCpu {
  const pods = service.workloads.map(podCpu);
  const known = pods.filter((pod): pod is PodCpu => pod !== null);
  if (known.length === 0) return {};
  for (const pod of known) {
    if (pod.unlimited !== null) {
      warnings.general(
        '',
        `${describeRef(pod.workload.from)}: container "${pod.unlimited}" sets no CPU limit while others do, so the pod has none; service "${service.name}" gets no cpuLimit from it`,
      );
    }
  }
  // A workload with no resources at all counts as no limit and no request.
  const all: { workload: ImportedWorkload; limitCores: number | null; requestCores: number }[] =
    service.workloads.map((workload, i) => pods[i] ?? { workload, limitCores: null, requestCores: 0 });
  const limits = all.map((pod) => pod.limitCores);
  const limitCores = limits.includes(null) ? null : Math.max(...(limits as number[]));
  const requestCores = Math.max(...all.map((pod) => pod.requestCores));
  const show = (value: number | null): string =>
    value === null || value === 0 ? 'none' : String(formatCpu(value));
  for (const [field, values, chosen] of [
    ['cpuLimit', limits, limitCores],
    ['cpuRequest', all.map((pod) => pod.requestCores), requestCores],
  ] as const) {
    if (new Set(values).size > 1) {
      const each = all.map(
        (pod, i) => `${pod.workload.kind}/${pod.workload.name} ${show(values[i] ?? null)}`,
      );
      warnings.general(
        '',
        `service "${service.name}": its workloads set different CPU (${field} ${each.join(', ')}); a service has one ${field} for all its instances: ${show(chosen)}, the largest`,
      );
    }
  }
  const out: ServiceCpu = {};
  if (limitCores !== null) out.limitCores = limitCores;
  if (requestCores > 0) out.requestCores = requestCores;
  return out;
}
