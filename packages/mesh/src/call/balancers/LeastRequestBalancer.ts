// Envoy LEAST_REQUEST: draw `choiceCount` distinct endpoints at random and send to the one with the
// fewest requests this client has outstanding on it (power of two choices by default).

import type { Random } from '@meshsim/engine';
import type { Endpoint, LoadBalancer } from '../LoadBalancer.js';
import { DistinctIndexSampler } from './DistinctIndexSampler.js';

/** Envoy's default `choice_count` (cluster.proto LeastRequestLbConfig). */
export const DEFAULT_CHOICE_COUNT = 2;

/**
 * Least-request balancer. Active requests are counted per endpoint from `pick` to `release`, for
 * this client only (as an Envoy proxy counts its own `rq_active`). Ties go to the first endpoint drawn.
 */
export class LeastRequestBalancer<E extends Endpoint> implements LoadBalancer<E> {
  private readonly sampler: DistinctIndexSampler;
  private readonly drawn: number[] = [];
  /** Outstanding requests by endpoint index. */
  private readonly active: number[] = [];

  constructor(
    random: Random,
    private readonly choiceCount: number = DEFAULT_CHOICE_COUNT,
  ) {
    if (!Number.isInteger(choiceCount) || choiceCount < 1) {
      throw new Error(`loadBalancer.choiceCount must be an integer ≥ 1, got ${choiceCount}`);
    }
    this.sampler = new DistinctIndexSampler(random);
  }

  pick(endpoints: readonly E[]): E | undefined {
    const n = endpoints.length;
    if (n === 0) return undefined;
    let best = endpoints[0] as E;
    if (n > 1) {
      const drawn = this.drawn;
      const count = this.sampler.draw(n, this.choiceCount, drawn);
      best = endpoints[drawn[0] as number] as E;
      let bestActive = this.activeOf(best);
      for (let i = 1; i < count; i++) {
        const candidate = endpoints[drawn[i] as number] as E;
        const active = this.activeOf(candidate);
        if (active < bestActive) {
          best = candidate;
          bestActive = active;
        }
      }
    }
    this.active[best.index] = this.activeOf(best) + 1;
    return best;
  }

  release(endpoint: E): void {
    const active = this.activeOf(endpoint);
    if (active > 0) this.active[endpoint.index] = active - 1;
  }

  /** Requests this client has outstanding on `endpoint`. */
  activeOf(endpoint: E): number {
    return this.active[endpoint.index] ?? 0;
  }
}
