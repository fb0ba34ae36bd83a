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

  /** Next evenly spaced arrival after `fromMs`, or Infinity if none before `endMs`. */
  nextConstant(fromMs: number, endMs: number): number {
    let t = fromMs;
    while (t < endMs) {
      const rate = this.rateAt(t);
      if (rate <= 0) {
        t = this.segmentEndMs(this.segmentAt(t));
        continue;
      }
      t += 1000 / rate;
      return t < endMs ? t : Infinity;
    }
    return Infinity;
  }
}
