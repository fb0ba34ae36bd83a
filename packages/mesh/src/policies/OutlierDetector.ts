// Envoy outlier detection for one caller × destination (an Envoy cluster in one client proxy):
// consecutive-5xx / gateway-failure ejection at once, success-rate and failure-percentage ejection and
// un-ejection at interval ticks. Ticks are evaluated lazily from the clock on each hook call.

import type { AttemptResult } from '../config/AttemptResult.js';
import type { Endpoint } from '../call/LoadBalancer.js';
import type { OutlierDetectionConfig } from '../config/PolicyConfig.js';
import type { OutlierEjectionCap } from '../config/MeshConfig.js';
import { OUTLIER_DETECTION_POLICY } from '../call/ClientPolicy.js';
import type { ClientPolicy } from '../call/ClientPolicy.js';
import type { PolicyCounters } from '../ports/PolicyCounters.js';
import { checkFields } from '../config/rules/checkFields.js';
import {
  FAILURE_PERCENTAGE_RULES,
  OUTLIER_DETECTION_RULES,
  SUCCESS_RATE_RULES,
} from '../config/rules/outlierDetectionRules.js';
import { outlierOutcome } from './outlierOutcome.js';
import { OUTLIER_EJECTED_HOST_TIME } from './policyEvents.js';
import { addCount, addTimeMs } from '../ports/PolicyCounters.js';

/** Why a host was ejected. */
export type EjectionReason =
  'consecutive-5xx' | 'consecutive-gateway' | 'success-rate' | 'failure-percentage';

/**
 * Throws a RangeError naming the field and value when an outlier-detection config breaks its rule
 * tables (OUTLIER_DETECTION_RULES and, when on, SUCCESS_RATE_RULES / FAILURE_PERCENTAGE_RULES).
 */
export function validateOutlierDetection(config: OutlierDetectionConfig, path = 'outlierDetection'): void {
  checkFields(OUTLIER_DETECTION_RULES, config, path);
  if (config.successRate !== null) checkFields(SUCCESS_RATE_RULES, config.successRate, `${path}.successRate`);
  if (config.failurePercentage !== null) {
    checkFields(FAILURE_PERCENTAGE_RULES, config.failurePercentage, `${path}.failurePercentage`);
  }
}

/**
 * Outlier detector of one upstream client. Hosts are the destination's instances, by `index`.
 *
 * - A 5xx (see {@link outlierOutcome}) increments the host's consecutive-5xx counter, a gateway
 *   failure also its consecutive-gateway counter (a 500 resets the latter, a success both). When a
 *   counter *reaches* its threshold the host is ejected at once and that counter resets.
 * - Interval ticks at `startMs + k × intervalMs`: (1) an ejected host whose ejection time
 *   `min(baseEjectionTimeMs × multiplier, max(maxEjectionTimeMs, baseEjectionTimeMs))` has passed
 *   returns (its consecutive counters reset); a host not ejected has its multiplier decremented (≥ 0);
 *   (2) success-rate and failure-percentage analysis over the interval that just ended; (3) the
 *   interval's request counters reset.
 * - Every ejection increments the host's multiplier (while `base × multiplier < max + base`). An ejection is
 *   allowed, under the `after-ejection` cap (Envoy ≥ 1.28 `ejectHost`), when `(ejected + 1) × 100 ≤
 *   maxEjectionPercent × hosts`; under the `before-ejection` cap (older Envoy), when `ejected × 100 <
 *   maxEjectionPercent × hosts`; under either, also when none is ejected and `alwaysEjectOneHost` is set.
 */
export class OutlierDetector implements ClientPolicy {
  readonly name = OUTLIER_DETECTION_POLICY;
  private readonly ejected: Uint8Array;
  private readonly ejectedAtMs: Float64Array;
  private readonly multiplier: Int32Array;
  private readonly consecutive5xx: Int32Array;
  private readonly consecutiveGateway: Int32Array;
  /** Requests and failures (5xx) in the current interval. */
  private readonly volume: Int32Array;
  private readonly failures: Int32Array;
  private readonly maxEjectionMs: number;
  private ejectedCount = 0;
  private raisedMultipliers = 0;
  private intervalVolume = 0;
  private tickIndex = 0;
  private nextTickMs: number;
  // Counters.
  private ejections = 0;
  private readonly ejectionsBy: Record<EjectionReason, number> = {
    'consecutive-5xx': 0,
    'consecutive-gateway': 0,
    'success-rate': 0,
    'failure-percentage': 0,
  };
  private overflow = 0;
  private closedEjectionMs = 0;
  // Scratch for the interval analysis (no allocation per tick).
  private readonly srHosts: number[] = [];
  private readonly srRates: number[] = [];
  private readonly fpHosts: number[] = [];

  constructor(
    private readonly config: OutlierDetectionConfig,
    /** Number of hosts of the destination (the denominator of `maxEjectionPercent`). */
    readonly hostCount: number,
    /** Time the detector starts [ms]; interval ticks fall at `startMs + k × intervalMs`. */
    private readonly startMs: number,
    /** How `maxEjectionPercent` caps ejections: the proxy's Envoy release's rule. */
    private readonly cap: OutlierEjectionCap = 'after-ejection',
  ) {
    validateOutlierDetection(config);
    this.ejected = new Uint8Array(hostCount);
    this.ejectedAtMs = new Float64Array(hostCount);
    this.multiplier = new Int32Array(hostCount);
    this.consecutive5xx = new Int32Array(hostCount);
    this.consecutiveGateway = new Int32Array(hostCount);
    this.volume = new Int32Array(hostCount);
    this.failures = new Int32Array(hostCount);
    this.maxEjectionMs = Math.max(config.maxEjectionTimeMs, config.baseEjectionTimeMs);
    this.nextTickMs = startMs + config.intervalMs;
  }

  mayExclude(nowMs: number): boolean {
    if (nowMs >= this.nextTickMs) this.advanceTo(nowMs);
    return this.ejectedCount > 0;
  }

  isAvailable(instance: Endpoint, nowMs: number): boolean {
    if (nowMs >= this.nextTickMs) this.advanceTo(nowMs);
    const host = instance.index;
    return host >= this.hostCount || this.ejected[host] === 0;
  }

  onAttemptEnd(
    instance: Endpoint,
    result: AttemptResult | 'timeout',
    _latencyMs: number,
    nowMs: number,
  ): void {
    if (nowMs >= this.nextTickMs) this.advanceTo(nowMs);
    const host = instance.index;
    if (host >= this.hostCount) return;
    const outcome = outlierOutcome(result);
    this.volume[host] = (this.volume[host] as number) + 1;
    this.intervalVolume++;
    if (outcome === 'success') {
      this.consecutive5xx[host] = 0;
      this.consecutiveGateway[host] = 0;
      return;
    }
    this.failures[host] = (this.failures[host] as number) + 1;
    const config = this.config;
    if (outcome === 'gateway') {
      const count = (this.consecutiveGateway[host] as number) + 1;
      this.consecutiveGateway[host] = count;
      if (config.consecutiveGatewayErrors > 0 && count === config.consecutiveGatewayErrors) {
        this.onConsecutive(host, 'consecutive-gateway', nowMs);
      }
    } else {
      this.consecutiveGateway[host] = 0;
    }
    const count = (this.consecutive5xx[host] as number) + 1;
    this.consecutive5xx[host] = count;
    if (config.consecutive5xx > 0 && count === config.consecutive5xx) {
      this.onConsecutive(host, 'consecutive-5xx', nowMs);
    }
  }

  collect(into: PolicyCounters, nowMs: number): void {
    this.advanceTo(nowMs);
    let ejectedMs = this.closedEjectionMs;
    for (let host = 0; host < this.hostCount; host++) {
      if (this.ejected[host] === 1) ejectedMs += Math.max(0, nowMs - (this.ejectedAtMs[host] as number));
    }
    addCount(into, 'outlier-ejections', this.ejections);
    addCount(into, 'outlier-ejections-consecutive-5xx', this.ejectionsBy['consecutive-5xx']);
    addCount(into, 'outlier-ejections-consecutive-gateway', this.ejectionsBy['consecutive-gateway']);
    addCount(into, 'outlier-ejections-success-rate', this.ejectionsBy['success-rate']);
    addCount(into, 'outlier-ejections-failure-percentage', this.ejectionsBy['failure-percentage']);
    addCount(into, 'outlier-ejections-overflow', this.overflow);
    addTimeMs(into, OUTLIER_EJECTED_HOST_TIME, ejectedMs);
  }

  /** Whether host `index` is ejected at `nowMs` (runs any interval ticks up to then). */
  isEjected(index: number, nowMs: number): boolean {
    this.advanceTo(nowMs);
    return this.ejected[index] === 1;
  }

  /** Hosts ejected at `nowMs`. */
  ejectedHosts(nowMs: number): number {
    this.advanceTo(nowMs);
    return this.ejectedCount;
  }

  /** The ejection-time multiplier of host `index` (Envoy's backoff: the ejections "in a row"). */
  multiplierOf(index: number): number {
    return this.multiplier[index] as number;
  }

  /** Runs every interval tick at or before `nowMs`, in order. */
  advanceTo(nowMs: number): void {
    const interval = this.config.intervalMs;
    while (this.nextTickMs <= nowMs) {
      if (this.ejectedCount === 0 && this.raisedMultipliers === 0 && this.intervalVolume === 0) {
        // PERF: a quiet detector's ticks change nothing: jump past every due tick at once.
        this.tickIndex = Math.floor((nowMs - this.startMs) / interval);
        this.nextTickMs = this.startMs + (this.tickIndex + 1) * interval;
        return;
      }
      this.tick(this.nextTickMs);
      this.tickIndex++;
      this.nextTickMs = this.startMs + (this.tickIndex + 1) * interval;
    }
  }

  private tick(tickMs: number): void {
    for (let host = 0; host < this.hostCount; host++) {
      if (this.ejected[host] === 1) {
        const ejectionMs = Math.min(
          this.config.baseEjectionTimeMs * (this.multiplier[host] as number),
          this.maxEjectionMs,
        );
        if (tickMs - (this.ejectedAtMs[host] as number) >= ejectionMs) this.uneject(host, tickMs);
      } else {
        const multiplier = this.multiplier[host] as number;
        if (multiplier > 0) {
          this.multiplier[host] = multiplier - 1;
          if (multiplier === 1) this.raisedMultipliers--;
        }
      }
    }
    this.analyseInterval(tickMs);
    this.volume.fill(0);
    this.failures.fill(0);
    this.intervalVolume = 0;
  }

  /** Success-rate and failure-percentage ejection over the interval that just ended (Envoy order). */
  private analyseInterval(tickMs: number): void {
    const sr = this.config.successRate;
    const fp = this.config.failurePercentage;
    if ((sr === null && fp === null) || this.intervalVolume === 0) return;
    const srHosts = this.srHosts;
    const srRates = this.srRates;
    const fpHosts = this.fpHosts;
    srHosts.length = 0;
    srRates.length = 0;
    fpHosts.length = 0;
    let sum = 0;
    for (let host = 0; host < this.hostCount; host++) {
      const volume = this.volume[host] as number;
      if (this.ejected[host] === 1 || volume === 0) continue;
      const ratePercent = (100 * (volume - (this.failures[host] as number))) / volume;
      if (sr !== null && volume >= sr.requestVolume) {
        srHosts.push(host);
        srRates.push(ratePercent);
        sum += ratePercent;
      }
      if (fp !== null && volume >= fp.requestVolume) fpHosts.push(host);
    }
    if (sr !== null && srHosts.length > 0 && srHosts.length >= sr.minimumHosts) {
      const n = srHosts.length;
      const mean = sum / n;
      let variance = 0;
      for (const rate of srRates) variance += (rate - mean) * (rate - mean);
      const threshold = mean - sr.stdevFactor * Math.sqrt(variance / n);
      for (let i = 0; i < n; i++) {
        if ((srRates[i] as number) < threshold) this.eject(srHosts[i] as number, 'success-rate', tickMs);
      }
    }
    if (fp !== null && fpHosts.length > 0 && fpHosts.length >= fp.minimumHosts) {
      for (const host of fpHosts) {
        if (this.ejected[host] === 1) continue;
        const volume = this.volume[host] as number;
        const failurePercent = (100 * (this.failures[host] as number)) / volume;
        if (failurePercent >= fp.threshold) this.eject(host, 'failure-percentage', tickMs);
      }
    }
  }

  private onConsecutive(host: number, reason: EjectionReason, nowMs: number): void {
    if (this.ejected[host] === 1) return;
    this.eject(host, reason, nowMs);
    // Envoy resets the counter that fired, ejected or not, so the next bout is counted afresh.
    if (reason === 'consecutive-5xx') this.consecutive5xx[host] = 0;
    else this.consecutiveGateway[host] = 0;
  }

  private eject(host: number, reason: EjectionReason, nowMs: number): void {
    if (this.ejected[host] === 1) return;
    // Envoy DetectorImpl::ejectHost: from 1.28, 100 × (ejected + 1) / hosts ≤ max_ejection_percent; before,
    // 100 × ejected / hosts < max_ejection_percent (the first ejection always passes); or none ejected yet when
    // always_eject_one_host is set.
    const maxShare = this.config.maxEjectionPercent * this.hostCount;
    const allowed =
      (this.cap === 'before-ejection'
        ? this.ejectedCount * 100 < maxShare
        : (this.ejectedCount + 1) * 100 <= maxShare) ||
      (this.config.alwaysEjectOneHost && this.ejectedCount === 0);
    if (!allowed) {
      this.overflow++;
      return;
    }
    this.ejected[host] = 1;
    this.ejectedAtMs[host] = nowMs;
    this.ejectedCount++;
    const multiplier = this.multiplier[host] as number;
    // Envoy: the backoff grows while backoff × base < max_ejection_time + base.
    const baseMs = this.config.baseEjectionTimeMs;
    if (baseMs * multiplier < this.maxEjectionMs + baseMs || multiplier === 0) {
      if (multiplier === 0) this.raisedMultipliers++;
      this.multiplier[host] = multiplier + 1;
    }
    this.ejections++;
    this.ejectionsBy[reason]++;
  }

  private uneject(host: number, nowMs: number): void {
    this.ejected[host] = 0;
    this.ejectedCount--;
    this.closedEjectionMs += nowMs - (this.ejectedAtMs[host] as number);
    this.consecutive5xx[host] = 0;
    this.consecutiveGateway[host] = 0;
  }
}
