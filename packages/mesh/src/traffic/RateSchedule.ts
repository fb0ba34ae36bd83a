// A piecewise rate schedule (steps and linear ramps) and the next arrival time for Poisson or
// constant arrivals under it. Poisson arrivals under a ramp use thinning (Lewis & Shedler 1979).

import type { Random } from '@meshsim/engine';
import type { RatePoint } from '../config/SimulationConfig.js';

/** Rates over time [req/s] from a sorted list of points. */
export class RateSchedule {
  constructor(private readonly points: readonly RatePoint[]) {
    if (points.length === 0) throw new RangeError('RateSchedule: at least one rate point is required');
  }

  /** Index of the segment holding `timeMs`. */
  segmentAt(timeMs: number): number {
    let k = 0;
    while (k + 1 < this.points.length && (this.points[k + 1] as RatePoint).atMs <= timeMs) k++;
    return k;
  }

  /** End of segment `k` [ms] (Infinity for the last). */
  segmentEndMs(k: number): number {
    const next = this.points[k + 1];
    return next === undefined ? Infinity : next.atMs;
  }

  /** Rate at `timeMs` [req/s]. */
  rateAt(timeMs: number): number {
    const k = this.segmentAt(timeMs);
    const point = this.points[k] as RatePoint;
    const next = this.points[k + 1];
    if (!point.rampToNext || next === undefined) return point.rps;
    const f = (timeMs - point.atMs) / (next.atMs - point.atMs);
    return point.rps + (next.rps - point.rps) * f;
  }

  /** Highest rate within segment `k` [req/s]. */
  maxRateIn(k: number): number {
    const point = this.points[k] as RatePoint;
    const next = this.points[k + 1];
    return point.rampToNext && next !== undefined ? Math.max(point.rps, next.rps) : point.rps;
  }

  /** Whether segment `k` ramps. */
  ramps(k: number): boolean {
    return (this.points[k] as RatePoint).rampToNext && this.points[k + 1] !== undefined;
  }

  /** Next Poisson arrival after `fromMs`, or Infinity if none before `endMs`. */
  nextPoisson(fromMs: number, endMs: number, random: Random): number {
    let t = fromMs;
    while (t < endMs) {
      const k = this.segmentAt(t);
      const segmentEnd = this.segmentEndMs(k);
      const maxRate = this.maxRateIn(k);
      if (maxRate <= 0) {
        t = segmentEnd;
        continue;
      }
      t += (-Math.log(1 - random()) * 1000) / maxRate;
      if (t >= segmentEnd) {
        t = segmentEnd; // memoryless: restart the draw in the next segment
        continue;
      }
      if (!this.ramps(k) || random() * maxRate < this.rateAt(t)) return t < endMs ? t : Infinity;
    }
    return Infinity;
  }

  /**
   * Time of the `n`-th evenly spaced arrival [ms]: when the expected number of requests since 0,
   * ∫ rate dt, reaches `n` (so a step or a ramp changes the spacing exactly where it happens, and a
   * segment at rate 0 sends nothing). Infinity when the schedule never reaches `n`.
   */
  timeOfArrival(n: number): number {
    let count = 0; // requests expected up to the start of segment k
    for (let k = 0; k < this.points.length; k++) {
      const point = this.points[k] as RatePoint;
      const endMs = this.segmentEndMs(k);
      const lengthMs = endMs - point.atMs;
      const r0 = point.rps / 1000; // per ms
      const r1 = (this.ramps(k) ? (this.points[k + 1] as RatePoint).rps : point.rps) / 1000;
      const inSegment = lengthMs === Infinity ? Infinity : ((r0 + r1) / 2) * lengthMs;
      if (count + inSegment >= n) {
        const need = n - count;
        if (r0 === r1) return r0 > 0 ? point.atMs + need / r0 : Infinity;
        // need = r0·τ + (r1 − r0)·τ² / (2L): the positive root for τ.
        const a = (r1 - r0) / (2 * lengthMs);
        const tau = (-r0 + Math.sqrt(r0 * r0 + 4 * a * need)) / (2 * a);
        return point.atMs + tau;
      }
      count += inSegment;
    }
    return Infinity;
  }
}
