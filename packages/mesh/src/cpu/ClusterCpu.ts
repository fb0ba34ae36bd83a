// The CPU of every node of a run that has a size (its cluster's or node pool's `nodeCpu`), and the containers
// the model creates on them; nodes without a size have no CPU model (work never waits).

import type { Engine } from '@meshsim/engine';
import type { Node, Topology } from '../topology/Topology.js';
import type { CpuContainer } from './NodeCpu.js';
import { CPU_WEIGHT_CONVERSIONS } from '../config/CpuWeightConversion.js';
import type { CpuWeightConversion } from '../config/CpuWeightConversion.js';
import { cpuWeightOfRequest } from './cpuWeightOfRequest.js';
import { NodeCpu } from './NodeCpu.js';

/** Node CPUs by node id. */
export class ClusterCpu {
  /** The CPU of each node with a size, by node id (undefined for nodes without). */
  private readonly byNode: (NodeCpu | undefined)[] = [];
  /** Every container created, in creation order (for results). */
  readonly containers: CpuContainer[] = [];

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
   * A new container on `node`'s CPU with a CPU limit of `limitCores` and weighed by its CPU request
   * `requestCores` (none: undefined or 0) — or by `weight` when given (in-kernel work) — or null when the node has
   * no CPU model.
   */
  container(
    node: Node | null,
    name: string,
    limitCores = Infinity,
    requestCores: number | undefined = undefined,
    weight: number | undefined = undefined,
  ): CpuContainer | null {
    const cpu = this.of(node);
    if (cpu === null) return null;
    const container = cpu.container(
      name,
      limitCores,
      weight ?? cpuWeightOfRequest(requestCores, this.conversion),
    );
    this.containers.push(container);
    return container;
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
