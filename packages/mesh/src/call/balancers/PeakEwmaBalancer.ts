// Linkerd / Finagle peak-EWMA: power of two choices over cost = rttEstimate × (pending + 1). The RTT
// estimate jumps to any higher sample at once and otherwise decays towards new samples (and towards 0 when idle).

import type { Random } from '@meshsim/engine';
import { checkFields } from '../../config/rules/checkFields.js';
import { configDefaults } from '../../config/rules/configDefaults.js';
import { PEAK_EWMA_RULES } from '../../config/rules/loadBalancerRules.js';
import type { Endpoint, LoadBalancer } from '../LoadBalancer.js';
import { DistinctIndexSampler } from './DistinctIndexSampler.js';

/** linkerd2-proxy defaults: `EWMA_DEFAULT_RTT` 30 ms, `EWMA_DECAY` 10 s (PEAK_EWMA_RULES). */
export const PEAK_EWMA_DEFAULTS: { readonly defaultRttMs: number; readonly decayMs: number } =
  configDefaults(PEAK_EWMA_RULES);

/** Something with the current simulated time (the engine, or a fake clock in tests). */
export interface Clock {
  readonly now: number;
}

/**
 * Peak-EWMA balancer (Tower `PeakEwma` + `p2c`, as linkerd2-proxy uses it). Per endpoint:
 * an RTT estimate starting at `defaultRttMs`, updated by `observe(rtt, t)`:
 * if `rtt > estimate` the estimate becomes `rtt`, else with `w = exp(−(t − lastUpdate)/decayMs)`
 * it becomes `estimate·w + rtt·(1 − w)`. Reading the load first decays the estimate with a 0 sample
 * (Tower's `decay`). Two distinct endpoints are drawn; the lower `estimate × (pending + 1)` wins, ties → first.
 */
export class PeakEwmaBalancer<E extends Endpoint> implements LoadBalancer<E> {
  private readonly sampler: DistinctIndexSampler;
  private readonly drawn: number[] = [];
  private readonly estimateMs: number[] = [];
  private readonly updatedAtMs: number[] = [];
  private readonly pending: number[] = [];

  constructor(
    random: Random,
    private readonly clock: Clock,
    private readonly defaultRttMs: number = PEAK_EWMA_DEFAULTS.defaultRttMs,
    private readonly decayMs: number = PEAK_EWMA_DEFAULTS.decayMs,
  ) {
    checkFields(PEAK_EWMA_RULES, { defaultRttMs, decayMs }, 'loadBalancer');
    this.sampler = new DistinctIndexSampler(random);
  }

  pick(endpoints: readonly E[]): E | undefined {
    const n = endpoints.length;
    if (n === 0) return undefined;
    let best = endpoints[0] as E;
    if (n > 1) {
      const nowMs = this.clock.now;
      const drawn = this.drawn;
      this.sampler.draw(n, 2, drawn);
      const a = endpoints[drawn[0] as number] as E;
      const b = endpoints[drawn[1] as number] as E;
      best = this.cost(a, nowMs) <= this.cost(b, nowMs) ? a : b;
    }
    this.pending[best.index] = (this.pending[best.index] ?? 0) + 1;
    return best;
  }

  release(endpoint: E, _result: string, latencyMs: number, nowMs: number): void {
    const pending = this.pending[endpoint.index] ?? 0;
    if (pending > 0) this.pending[endpoint.index] = pending - 1;
    this.observe(endpoint.index, latencyMs, nowMs);
  }

  /** A pick not used: its pending count is taken back (no RTT is observed). */
  discard(endpoint: E): void {
    const pending = this.pending[endpoint.index] ?? 0;
    if (pending > 0) this.pending[endpoint.index] = pending - 1;
  }

  /** The load Tower compares: the decayed RTT estimate × (pending + 1). Decays the estimate to `nowMs`. */
  cost(endpoint: E, nowMs: number): number {
    const estimate = this.observe(endpoint.index, 0, nowMs);
    return estimate * ((this.pending[endpoint.index] ?? 0) + 1);
  }

  /** Current RTT estimate of `endpoint` [ms], without decaying it. */
  estimateOf(endpoint: E): number {
    return this.estimateMs[endpoint.index] ?? this.defaultRttMs;
  }

  private observe(index: number, rttMs: number, nowMs: number): number {
    let estimate = this.estimateMs[index];
    let updatedAt = this.updatedAtMs[index];
    if (estimate === undefined || updatedAt === undefined) {
      // First sight of the endpoint: the default estimate, stamped now.
      estimate = this.defaultRttMs;
      updatedAt = nowMs;
    }
    if (rttMs > estimate) {
      estimate = rttMs;
    } else {
      const w = Math.exp(-Math.max(0, nowMs - updatedAt) / this.decayMs);
      estimate = estimate * w + rttMs * (1 - w);
    }
    this.estimateMs[index] = estimate;
    this.updatedAtMs[index] = Math.max(updatedAt, nowMs);
    return estimate;
  }
}
