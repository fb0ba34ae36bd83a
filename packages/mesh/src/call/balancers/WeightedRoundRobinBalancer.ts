// Smooth weighted round robin (nginx's algorithm, also Envoy's weighted round robin in effect): each
// endpoint receives exactly its weight's share of every cycle, interleaved rather than in bursts.

import type { Endpoint, LoadBalancer } from '../LoadBalancer.js';

/**
 * Smooth weighted round robin. On each pick every endpoint's running score grows by its weight;
 * the highest score wins (ties → the first scanned, starting at an offset derived from the caller so
 * that callers do not move in lockstep) and loses the sum of the weights. Endpoints with weight ≤ 0
 * are never picked unless every weight is ≤ 0 (then plain round robin).
 */
export class WeightedRoundRobinBalancer<E extends Endpoint> implements LoadBalancer<E> {
  /** Running score by endpoint index. */
  private readonly score: number[] = [];
  private cursor: number;

  constructor(
    private readonly weightOf: (endpoint: E) => number,
    start: number,
  ) {
    this.cursor = start;
  }

  pick(endpoints: readonly E[]): E | undefined {
    const n = endpoints.length;
    if (n === 0) return undefined;
    const offset = this.cursor % n;
    let total = 0;
    let best: E | undefined;
    let bestScore = -Infinity;
    for (let k = 0; k < n; k++) {
      const endpoint = endpoints[(offset + k) % n] as E;
      const weight = this.weightOf(endpoint);
      if (!(weight > 0)) continue;
      const score = (this.score[endpoint.index] ?? 0) + weight;
      this.score[endpoint.index] = score;
      total += weight;
      if (score > bestScore) {
        bestScore = score;
        best = endpoint;
      }
    }
    if (best === undefined) {
      // No positive weight: fall back to plain round robin.
      this.cursor = (this.cursor + 1) % 1_000_000_007;
      return endpoints[offset];
    }
    this.score[best.index] = bestScore - total;
    return best;
  }

  release(): void {}
}
