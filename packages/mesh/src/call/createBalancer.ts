// Builds a caller's load balancer from the configured algorithm.

import type { Random } from '@meshsim/engine';
import type { MeshConfig } from '../config/SimulationConfig.js';
import { RandomBalancer, RoundRobinBalancer } from './LoadBalancer.js';
import type { Endpoint, LoadBalancer } from './LoadBalancer.js';

/** A new balancer; round robin starts at an offset derived from the caller so callers do not move in lockstep. */
export function createBalancer<E extends Endpoint>(
  kind: MeshConfig['loadBalancer'],
  random: Random,
  callerKey: number,
): LoadBalancer<E> {
  switch (kind) {
    case 'round-robin':
      return new RoundRobinBalancer<E>(callerKey);
    case 'random':
      return new RandomBalancer<E>(random);
  }
}
