// The CPU of every node of a run that has a size (its cluster's or node pool's `nodeCpu`), and the containers
// the model creates on them in their pods; nodes without a size have no CPU model (work never waits).

import type { Engine } from '@meshsim/engine';
import type { Node, Topology } from '../topology/Topology.js';
import type { CpuContainer } from './NodeCpu.js';
import { CPU_WEIGHT_CONVERSIONS } from '../config/CpuWeightConversion.js';
import type { CpuWeightConversion } from '../config/CpuWeightConversion.js';
import { NO_MEMORY } from '../config/ContainerMemory.js';
import type { ContainerMemory } from '../config/ContainerMemory.js';
import { arrangePodCgroups } from './arrangePodCgroups.js';
import type { ArrangedPod, PodContainerCpu } from './arrangePodCgroups.js';
import { cpuWeightOfRequest, kernelCpuWeight } from './cpuWeightOfRequest.js';
import { NodeCpu } from './NodeCpu.js';

/** Node CPUs by node id. */
export class ClusterCpu {
  /** The CPU of each node with a size, by node id (undefined for nodes without). */
  private readonly byNode: (NodeCpu | undefined)[] = [];
  /** Every container created, in creation order (for results). */
  readonly containers: CpuContainer[] = [];
  /** Each node's pods and their containers, by node id, in creation order. */
  private readonly podsByNode: (Map<string, PodContainerCpu[]> | undefined)[] = [];
  /** Whether {@link arrangePods} ran. */
  private arranged = false;
  /** Nodes with in-kernel work (a container in no pod), by node id. */
  private readonly kernelWork: boolean[] = [];
  /** Each container's pod once arranged (in-kernel work has none). */
  private readonly podOfContainer = new Map<CpuContainer, ArrangedPod>();

  constructor(
    engine: Engine,
    topology: Topology,
    /** How the nodes turn CPU requests into weights (`SimulationConfig.cpuWeights`). */
    private readonly conversion: CpuWeightConversion = 'quadratic',
  ) {
    if (!CPU_WEIGHT_CONVERSIONS.includes(conversion)) {
      throw new RangeError(
        `cpuWeights must be one of ${CPU_WEIGHT_CONVERSIONS.join(', ')} (got ${JSON.stringify(conversion)})`,
      );
    }
    for (const node of topology.nodes) {
      if (node.cores !== null) this.byNode[node.id] = new NodeCpu(engine, node.name, node.cores);
    }
  }

  /** Whether any node's CPU is modelled. */
  get modelled(): boolean {
    return this.byNode.some((cpu) => cpu !== undefined);
  }

  /** The CPU of `node`, or null when it has none (or there is no node). */
  of(node: Node | null): NodeCpu | null {
    return node === null ? null : (this.byNode[node.id] ?? null);
  }

  /**
   * A new container `name` of pod `pod` on `node`'s CPU with a CPU limit of `limitCores` and weighed by its CPU
   * request `requestCores` (none: undefined or 0), or null when the node has no CPU model. `pod` null: in-kernel
   * datapath work, in no pod, weighing the most ({@link kernelCpuWeight}). `memory`: the container's memory request
   * and limit (for its pod's QoS class). Pods get their cgroups at
   * {@link arrangePods}, once every container is made.
   */
  container(
    node: Node | null,
    pod: string | null,
    name: string,
    limitCores = Infinity,
    requestCores: number | undefined = undefined,
    memory: ContainerMemory = NO_MEMORY,
  ): CpuContainer | null {
    const cpu = this.of(node);
    if (cpu === null || node === null) return null;
    if (this.arranged) throw new Error(`container ${name}: pods are arranged, no container can join them`);
    const weight =
      pod === null ? kernelCpuWeight(this.conversion) : cpuWeightOfRequest(requestCores, this.conversion);
    const container = cpu.container(name, limitCores, weight);
    this.containers.push(container);
    if (pod === null) {
      this.kernelWork[node.id] = true;
    } else {
      const pods = (this.podsByNode[node.id] ??= new Map());
      let members = pods.get(pod);
      if (members === undefined) {
        members = [];
        pods.set(pod, members);
      }
      members.push({ container, requestCores, limitCores, memory });
    }
    return container;
  }

  /**
   * Builds each node's pod and QoS cgroups from the containers made so far ({@link arrangePodCgroups}): call once,
   * after the last container and before the run.
   */
  arrangePods(): void {
    if (this.arranged) return;
    this.arranged = true;
    this.byNode.forEach((cpu, id) => {
      const pods = this.podsByNode[id];
      if (cpu === undefined || pods === undefined) return;
      const arranged = arrangePodCgroups(
        cpu,
        [...pods].map(([name, containers]) => ({ name, containers })),
        this.conversion,
        this.kernelWork[id] === true,
      );
      for (const pod of arranged)
        for (const member of pod.containers) this.podOfContainer.set(member.container, pod);
    });
  }

  /** The pod `container` runs in, with its QoS class and weights, once {@link arrangePods} ran (else undefined). */
  podOf(container: CpuContainer): ArrangedPod | undefined {
    return this.podOfContainer.get(container);
  }

  /** Every modelled node CPU with its node, in node order. */
  nodes(topology: Topology): { node: Node; cpu: NodeCpu }[] {
    const out: { node: Node; cpu: NodeCpu }[] = [];
    for (const node of topology.nodes) {
      const cpu = this.byNode[node.id];
      if (cpu !== undefined) out.push({ node, cpu });
    }
    return out;
  }
}
