// One-way network latency between nodes, sampled by locality from the scenario's distributions.

import { createSampler } from '@meshsim/engine';
import type { Random, Sampler } from '@meshsim/engine';
import type { NetworkConfig } from '../config/SimulationConfig.js';
import { Topology } from './Topology.js';
import type { Node } from './Topology.js';

/** Samples one-way latency [ms] between two nodes; `null` stands for a caller outside the cluster. */
export class Network {
  private readonly sameNode: Sampler;
  private readonly sameZone: Sampler;
  private readonly crossZone: Sampler;
  private readonly crossCluster: Sampler;

  constructor(config: NetworkConfig, random: Random) {
    this.sameNode = createSampler(config.sameNodeMs, random);
    this.sameZone = createSampler(config.sameZoneMs, random);
    this.crossZone = createSampler(config.crossZoneMs, random);
    this.crossCluster = createSampler(config.crossClusterMs, random);
  }

  /** One-way latency [ms]. An external caller (`null`) is treated as same-zone (an assumption). */
  delayMs(from: Node | null, to: Node | null): number {
    return clampNonNegative(this.samplerOf(from, to)());
  }

  /**
   * The sampler `delayMs(from, to)` draws from (raw: may be negative; clamp its draws). Fixed for a
   * pair of nodes, so a hop can keep it; drawing from it is the same as calling `delayMs`.
   */
  samplerOf(from: Node | null, to: Node | null): Sampler {
    if (from === null || to === null) return this.sameZone;
    switch (Topology.locality(from, to)) {
      case 'same-node':
        return this.sameNode;
      case 'same-zone':
        return this.sameZone;
      case 'cross-zone':
        return this.crossZone;
      case 'cross-cluster':
        return this.crossCluster;
    }
  }
}

/** Latency samplers such as normal can go below zero; time cannot. */
export function clampNonNegative(value: number): number {
  return value > 0 ? value : 0;
}
