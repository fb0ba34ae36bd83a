// Envoy LEAST_REQUEST (N_CHOICES): draw `choiceCount` endpoints at random, with replacement, and send
// to the one with the fewest requests this client has outstanding on it (power of two choices by default).

import type { Random } from '@meshsim/engine';
import { checkFields } from '../../config/rules/checkFields.js';
import { configDefaults } from '../../config/rules/configDefaults.js';
import { LEAST_REQUEST_RULES } from '../../config/rules/loadBalancerRules.js';
import type { Endpoint, LoadBalancer } from '../LoadBalancer.js';

/** Envoy's default `choice_count` (cluster.proto LeastRequestLbConfig), from LEAST_REQUEST_RULES. */
export const DEFAULT_CHOICE_COUNT: number = configDefaults(LEAST_REQUEST_RULES).choiceCount;

/**
 * Least-request balancer, as Envoy's `unweightedHostPickNChoices` (least_request_lb.cc): each of the
 * `choiceCount` draws is a uniform index, with replacement (a host may be compared with itself); a
 * drawn host replaces the candidate only if it has strictly fewer active requests, so ties go to the
 * first drawn. Active requests are counted per endpoint from `pick` to `release`, for this client only
 * (as an Envoy proxy counts its own `rq_active`).
 */
export class LeastRequestBalancer<E extends Endpoint> implements LoadBalancer<E> {
  /**
   * Outstanding requests by endpoint index (0 beyond its length; grown on demand).
   * PERF: a packed Int32Array, not a holey `number[]` read with `?? 0`: two reads per pick stay in bounds.
   */
  private active = new Int32Array(8);

  constructor(
    private readonly random: Random,
    private readonly choiceCount: number = DEFAULT_CHOICE_COUNT,
  ) {
    checkFields(LEAST_REQUEST_RULES, { choiceCount }, 'loadBalancer');
  }

  pick(endpoints: readonly E[]): E | undefined {
    const n = endpoints.length;
    if (n === 0) return undefined;
    let best = endpoints[0] as E;
    if (n > 1) {
      best = endpoints[Math.floor(this.random() * n)] as E;
      let bestActive = this.activeOf(best);
      for (let i = 1; i < this.choiceCount; i++) {
        const candidate = endpoints[Math.floor(this.random() * n)] as E;
        const active = this.activeOf(candidate);
        if (active < bestActive) {
          best = candidate;
          bestActive = active;
        }
      }
    }
    const index = best.index;
    if (index >= this.active.length) this.grow(index);
    this.active[index] = (this.active[index] as number) + 1;
    return best;
  }

  release(endpoint: E): void {
    const index = endpoint.index;
    if (index >= this.active.length) return;
    const active = this.active[index] as number;
    if (active > 0) this.active[index] = active - 1;
  }

  /** A pick not used: Envoy counts `rq_active` only for requests sent, so the pick's count is taken back. */
  discard(endpoint: E): void {
    this.release(endpoint);
  }

  /** Requests this client has outstanding on `endpoint`. */
  activeOf(endpoint: E): number {
    const index = endpoint.index;
    return index < this.active.length ? (this.active[index] as number) : 0;
  }

  /** Makes room for endpoint index `index` (doubling), keeping the counts. */
  private grow(index: number): void {
    let length = this.active.length;
    while (length <= index) length *= 2;
    const active = new Int32Array(length);
    active.set(this.active);
    this.active = active;
  }
}
