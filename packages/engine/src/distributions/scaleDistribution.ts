// Scaling a distribution by a constant factor, as data: X → factor·X. Used by faults such as
// "latency ×2" to derive a slowed-down spec from a scenario's spec.

import { requirePositive } from './checks.js';
import type { DistributionSpec } from './DistributionSpec.js';

/**
 * The spec of `factor · X` for X ~ `spec` (pure; `spec` is not modified). Multiplies every value
 * parameter (value, min, max, mean, stdDev, median, p99, scale, samples, bin edges) by `factor`,
 * adds ln(factor) to a lognormal's mu, and leaves shapes, k, counts and weights unchanged, so means
 * and quantiles scale by `factor`. Throws unless `factor` is finite and > 0.
 */
export function scaleDistribution(spec: DistributionSpec, factor: number): DistributionSpec {
  requirePositive('scaleDistribution.factor', factor);
  return scale(spec, factor);
}

function scale(spec: DistributionSpec, f: number): DistributionSpec {
  switch (spec.kind) {
    case 'constant':
      return { kind: 'constant', value: spec.value * f };
    case 'uniform':
      return { kind: 'uniform', min: spec.min * f, max: spec.max * f };
    case 'exponential':
      return { kind: 'exponential', mean: spec.mean * f };
    case 'normal':
      return { kind: 'normal', mean: spec.mean * f, stdDev: spec.stdDev * f };
    case 'lognormal':
      return 'median' in spec
        ? { kind: 'lognormal', median: spec.median * f, p99: spec.p99 * f }
        : { kind: 'lognormal', mu: spec.mu + Math.log(f), sigma: spec.sigma };
    case 'gamma':
      return { kind: 'gamma', shape: spec.shape, scale: spec.scale * f };
    case 'erlang':
      return { kind: 'erlang', k: spec.k, mean: spec.mean * f };
    case 'pareto':
      return { kind: 'pareto', scale: spec.scale * f, shape: spec.shape };
    case 'weibull':
      return { kind: 'weibull', scale: spec.scale * f, shape: spec.shape };
    case 'empirical':
      return 'bins' in spec
        ? {
            kind: 'empirical',
            bins: spec.bins.map((b) => ({ lower: b.lower * f, upper: b.upper * f, count: b.count })),
          }
        : { kind: 'empirical', samples: spec.samples.map((x) => x * f) };
    case 'mixture':
      return {
        kind: 'mixture',
        components: spec.components.map((c) => ({ weight: c.weight, dist: scale(c.dist, f) })),
      };
  }
}
