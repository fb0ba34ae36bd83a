// Converts a written distribution (units, one-key objects) into the engine's DistributionSpec in
// milliseconds. No checks: the schema validates with the engine's validateDistribution (schemaParts.ts).

import type { DistributionSpec } from '@meshsim/engine';
import type { RawDistribution, RawDistributionObject } from '../RawDistribution.js';
import { parseDurationMs } from '../units.js';

const ms = parseDurationMs;

/** The spec of one kind's object (not a mixture), or undefined when no kind is set. */
function leafSpec(object: RawDistributionObject): DistributionSpec | undefined {
  if (object.constant !== undefined) return { kind: 'constant', value: ms(object.constant) };
  if (object.uniform !== undefined) {
    return { kind: 'uniform', min: ms(object.uniform.min), max: ms(object.uniform.max) };
  }
  if (object.exponential !== undefined) return { kind: 'exponential', mean: ms(object.exponential.mean) };
  if (object.normal !== undefined) {
    return { kind: 'normal', mean: ms(object.normal.mean), stdDev: ms(object.normal.stdDev) };
  }
  if (object.lognormal !== undefined) {
    const l = object.lognormal;
    return 'median' in l
      ? { kind: 'lognormal', median: ms(l.median), p99: ms(l.p99) }
      : { kind: 'lognormal', mu: l.mu, sigma: l.sigma };
  }
  if (object.gamma !== undefined) {
    return { kind: 'gamma', shape: object.gamma.shape, scale: ms(object.gamma.scale) };
  }
  if (object.erlang !== undefined)
    return { kind: 'erlang', k: object.erlang.k, mean: ms(object.erlang.mean) };
  if (object.pareto !== undefined) {
    return { kind: 'pareto', scale: ms(object.pareto.scale), shape: object.pareto.shape };
  }
  if (object.weibull !== undefined) {
    return { kind: 'weibull', scale: ms(object.weibull.scale), shape: object.weibull.shape };
  }
  if (object.empirical !== undefined) {
    const e = object.empirical;
    return 'samples' in e
      ? { kind: 'empirical', samples: e.samples.map((s) => ms(s)) }
      : {
          kind: 'empirical',
          bins: e.bins.map((b) => ({ lower: ms(b.lower), upper: ms(b.upper), count: b.count })),
        };
  }
  return undefined;
}

/**
 * The DistributionSpec [ms] of a written distribution whose syntax is valid (durations parse).
 * A mixture's components are converted with `component` (by default, recursively).
 *
 * @throws Error if an object names no kind (the schema rejects that first).
 */
export function toDistributionSpec(
  raw: RawDistribution,
  component: (dist: RawDistribution) => DistributionSpec = (dist) => toDistributionSpec(dist),
): DistributionSpec {
  if (typeof raw === 'number' || typeof raw === 'string') return { kind: 'constant', value: ms(raw) };
  if (raw.mixture !== undefined) {
    return {
      kind: 'mixture',
      components: raw.mixture.map((c) => ({ weight: c.weight, dist: component(c.dist) })),
    };
  }
  const spec = leafSpec(raw);
  if (spec === undefined) throw new Error('toDistributionSpec: the distribution object names no kind');
  return spec;
}
