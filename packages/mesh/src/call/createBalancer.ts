// Builds a caller's load balancer from a destination's `LoadBalancerConfig` (or the mesh default kind).

import type { Random } from '@meshsim/engine';
import type { LoadBalancerConfig } from '../config/PolicyConfig.js';
import type { MeshConfig } from '../config/MeshConfig.js';
import { DEFAULT_CHOICE_COUNT, LeastRequestBalancer } from './balancers/LeastRequestBalancer.js';
import { LocalityAwareBalancer } from './balancers/LocalityAwareBalancer.js';
import type { LocatedEndpoint, ZoneLocation } from './balancers/LocalityAwareBalancer.js';
import { PEAK_EWMA_DEFAULTS, PeakEwmaBalancer } from './balancers/PeakEwmaBalancer.js';
import type { Clock } from './balancers/PeakEwmaBalancer.js';
import { WeightedRoundRobinBalancer } from './balancers/WeightedRoundRobinBalancer.js';
import { RandomBalancer, RoundRobinBalancer } from './LoadBalancer.js';
import type { LoadBalancer } from './LoadBalancer.js';

/** What a balancer may need besides its config. */
export interface BalancerContext<E extends LocatedEndpoint> {
  /** The balancer's seeded random stream (random, least-request, peak-EWMA). */
  readonly random: Random;
  /** Unique per caller: round-robin cursors start here so callers do not move in lockstep. */
  readonly callerKey: number;
  /** Where the caller runs; `null` for a caller outside the clusters (no locality preference). */
  readonly caller: ZoneLocation | null;
  /** Every instance of the destination, healthy or not (locality-aware health ratios). */
  readonly instances: readonly E[];
  /** Weight of an endpoint (weighted round robin). */
  readonly weightOf: (endpoint: E) => number;
  /** Simulated time (peak-EWMA decay on read). */
  readonly clock: Clock;
}

/** The `LoadBalancerConfig` of a mesh-wide default balancer kind. */
export function meshDefaultBalancer(kind: MeshConfig['loadBalancer']): LoadBalancerConfig {
  switch (kind) {
    case 'random':
      return { kind: 'random' };
    case 'round-robin':
      return { kind: 'round-robin' };
    case 'least-request':
      return { kind: 'least-request', choiceCount: DEFAULT_CHOICE_COUNT };
    case 'peak-ewma':
      return { kind: 'peak-ewma', ...PEAK_EWMA_DEFAULTS };
  }
}

/** A new balancer for one caller and destination. */
export function createBalancer<E extends LocatedEndpoint>(
  config: LoadBalancerConfig,
  context: BalancerContext<E>,
): LoadBalancer<E> {
  switch (config.kind) {
    case 'round-robin':
      return new RoundRobinBalancer<E>(context.callerKey);
    case 'random':
      return new RandomBalancer<E>(context.random);
    case 'least-request':
      return new LeastRequestBalancer<E>(context.random, config.choiceCount);
    case 'peak-ewma':
      return new PeakEwmaBalancer<E>(context.random, context.clock, config.defaultRttMs, config.decayMs);
    case 'weighted':
      return new WeightedRoundRobinBalancer<E>(context.weightOf, context.callerKey);
    case 'locality-aware':
      return new LocalityAwareBalancer<E>(
        context.instances,
        context.caller,
        config.minHealthyPercent,
        context.callerKey,
      );
  }
}
