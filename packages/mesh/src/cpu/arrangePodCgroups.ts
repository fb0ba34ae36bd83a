// The cgroup tree the kubelet builds on a node, for the node CPU model: `kubepods`, the Burstable and BestEffort QoS
// classes under it, a cgroup per pod (Guaranteed pods directly under `kubepods`) holding the pod's containers, each
// level weighed by the kubelet from the CPU requests below it.

import type { CpuWeightConversion } from '../config/CpuWeightConversion.js';
import { NO_MEMORY } from '../config/ContainerMemory.js';
import type { ContainerMemory } from '../config/ContainerMemory.js';
import type { PodQosClass } from '../config/PodQosClass.js';
import { cpuSharesOfRequest, kubeletCpuWeight } from './cpuWeightOfRequest.js';
import type { CpuContainer, CpuGroup, NodeCpu } from './NodeCpu.js';

/** A container of a pod with what it requests and its limit (as the container's own cgroup was made with). */
export interface PodContainerCpu {
  readonly container: CpuContainer;
  /** Its CPU request [cores] (a limit alone counts as the request, as Kubernetes copies it); undefined or 0: none. */
  readonly requestCores: number | undefined;
  /** Its CPU limit [cores]; Infinity: none. */
  readonly limitCores: number;
  /** Its memory request and limit (only its QoS class needs them). @defaultValue {@link NO_MEMORY} */
  readonly memory?: ContainerMemory;
}

/** A pod on one node: its name and its containers. */
export interface PodCpu {
  readonly name: string;
  readonly containers: readonly PodContainerCpu[];
}

/** A pod as arranged on its node: its QoS class and its cgroup's weight, and its class's (itself when Guaranteed). */
export interface ArrangedPod extends PodCpu {
  readonly qos: PodQosClass;
  /** Its pod cgroup's CPU weight. */
  readonly weight: number;
  /** The weight of its QoS class's cgroup (of its own cgroup when Guaranteed: directly in `kubepods`). */
  readonly classWeight: number;
}

/** Whole millicores of a request (none: 0), as the kubelet sums them. */
function milliOf(cores: number | undefined): number {
  return cores !== undefined && cores > 0 ? Math.round(cores * 1000) : 0;
}

/** Whole bytes of a memory amount [MiB], as Kubernetes compares quantities. */
function bytesOf(mib: number): number {
  return Math.round(mib * 1024 * 1024);
}

/**
 * A pod's QoS class from its containers' resources, as Kubernetes' `GetPodQOS` gives it
 * (docs/sources.md#k8s-pod-qos): BestEffort when none requests or limits CPU or memory; Guaranteed when every one has
 * a CPU limit equal to its CPU request and a memory limit equal to its memory request (a limit alone counting as the
 * request); Burstable otherwise.
 */
export function podQosClass(containers: readonly PodContainerCpu[]): PodQosClass {
  const memoryOf = (c: PodContainerCpu): ContainerMemory => c.memory ?? NO_MEMORY;
  if (
    containers.every(
      (c) =>
        milliOf(c.requestCores) === 0 &&
        !Number.isFinite(c.limitCores) &&
        memoryOf(c).requestMiB <= 0 &&
        !Number.isFinite(memoryOf(c).limitMiB),
    )
  ) {
    return 'BestEffort';
  }
  const guaranteed = containers.every(
    (c) =>
      Number.isFinite(c.limitCores) &&
      milliOf(c.requestCores) === milliOf(c.limitCores) &&
      Number.isFinite(memoryOf(c).limitMiB) &&
      bytesOf(memoryOf(c).requestMiB) === bytesOf(memoryOf(c).limitMiB),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** `cpu.shares` of a sum of requests [whole millicores]: the kubelet's `MilliCPUToShares`. */
function sharesOfMilli(milli: number): number {
  return cpuSharesOfRequest(milli / 1000);
}

/**
 * Builds `node`'s pod cgroups and places each pod's containers in its pod, as the kubelet lays them out with its
 * default `--cgroups-per-qos`: `kubepods` (weighed by the node's cores: the allocatable CPU, nothing reserved) in
 * the node's root, next to in-kernel work; Guaranteed pods directly in `kubepods`; the Burstable class (weighed by
 * the sum of its pods' requests) and the BestEffort class (the smallest weight, 2 shares) in `kubepods`, their
 * pods in them; each pod weighed by the sum of its containers' requests (2 shares without any). The kubelet's
 * weights use its own conversion of shares ({@link kubeletCpuWeight}); the containers keep the runtime's. Sources:
 * the kubelet's `qos_container_manager_linux.go` and `ResourceConfigForPod` (docs/sources.md#k8s-cgroup-v2-cpu-weight).
 * `nextToKernelWork`: whether in-kernel work shares the node's root with `kubepods`. Returns the pods with their
 * classes and weights, in the order given.
 */
export function arrangePodCgroups(
  node: NodeCpu,
  pods: readonly PodCpu[],
  conversion: CpuWeightConversion,
  nextToKernelWork = true,
): ArrangedPod[] {
  if (pods.length === 0) return [];
  const classes = pods.map((pod) => podQosClass(pod.containers));
  const requestedMilli = pods.map((pod) =>
    pod.containers.reduce((sum, c) => sum + milliOf(c.requestCores), 0),
  );
  const weigh = (milli: number): number => kubeletCpuWeight(sharesOfMilli(milli), conversion);
  let burstableMilli = 0;
  classes.forEach((qos, i) => {
    if (qos === 'Burstable') burstableMilli += requestedMilli[i] as number;
  });
  const classWeight: Record<PodQosClass, number> = {
    Guaranteed: 0,
    Burstable: weigh(burstableMilli),
    BestEffort: weigh(0),
  };
  // PERF: a cgroup that is always its parent's only child gets its parent's whole share, as if it stood in its
  // parent's place: `kubepods` when no in-kernel work shares the node's root, a QoS class when every pod of the node
  // is of it. Such levels are left out — the same shares, a shallower tree to walk at each change.
  const kubepods = nextToKernelWork ? node.group('kubepods', weigh(Math.round(node.cores * 1000))) : null;
  const onlyClass = classes.every((qos) => qos === classes[0]);
  const classGroup = (qos: PodQosClass, name: string): CpuGroup | null =>
    onlyClass ? kubepods : node.group(name, classWeight[qos], kubepods);
  const byClass: Record<PodQosClass, CpuGroup | null> = {
    Guaranteed: kubepods,
    Burstable: classes.includes('Burstable') ? classGroup('Burstable', 'kubepods/burstable') : null,
    BestEffort: classes.includes('BestEffort') ? classGroup('BestEffort', 'kubepods/besteffort') : null,
  };
  return pods.map((pod, i) => {
    const qos = classes[i] as PodQosClass;
    const weight = weigh(requestedMilli[i] as number);
    const group = node.group(pod.name, weight, byClass[qos]);
    for (const member of pod.containers) node.place(member.container, group);
    return { ...pod, qos, weight, classWeight: qos === 'Guaranteed' ? weight : classWeight[qos] };
  });
}
