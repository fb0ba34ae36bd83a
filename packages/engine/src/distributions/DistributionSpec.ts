// Distributions as data: the JSON-able description used by scenario files, and the functions that
// validate it, turn it into a sampler, and compute its analytic mean, quantiles and a short label.

import type { Random } from '../random/RandomStreams.js';
import { requireObject } from './checks.js';
import { DistributionParamError } from './DistributionParamError.js';
import { formatValue } from './formatValue.js';
import { checkConstantParams, constant } from './constant.js';
import {
  checkEmpiricalBins,
  checkEmpiricalSamples,
  empiricalFromBins,
  empiricalFromSamples,
} from './empirical.js';
import type { EmpiricalBin } from './empirical.js';
import { exponential, checkExponentialParams } from './exponential.js';
import { checkErlangParams, checkGammaParams, erlang, gamma } from './gamma.js';
import {
  checkLognormalMedianP99,
  checkLognormalParams,
  lognormal,
  lognormalFromMedianP99,
  lognormalParamsFromMedianP99,
} from './lognormal.js';
import type { LognormalParams } from './lognormal.js';
import { checkMixtureWeights, mixture } from './mixture.js';
import { checkNormalParams, normal } from './normal.js';
import { checkParetoParams, pareto } from './pareto.js';
import type { Sampler } from './Sampler.js';
import { gammaFunction, normalQuantile } from './special.js';
import { checkUniformParams, uniform } from './uniform.js';
import { checkWeibullParams, weibull } from './weibull.js';

/**
 * A distribution described as plain data (JSON-able), as written in scenario files. Lognormal
 * takes either (mu, sigma) or (median, p99); empirical takes either raw samples or histogram bins.
 */
export type DistributionSpec =
  | { kind: 'constant'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'normal'; mean: number; stdDev: number }
  | { kind: 'lognormal'; mu: number; sigma: number }
  | { kind: 'lognormal'; median: number; p99: number }
  | { kind: 'gamma'; shape: number; scale: number }
  | { kind: 'erlang'; k: number; mean: number }
  | { kind: 'pareto'; scale: number; shape: number }
  | { kind: 'weibull'; scale: number; shape: number }
  | { kind: 'empirical'; samples: readonly number[] }
  | { kind: 'empirical'; bins: readonly EmpiricalBin[] }
  | { kind: 'mixture'; components: readonly { weight: number; dist: DistributionSpec }[] };

/** The `kind` tags of {@link DistributionSpec}. */
export type DistributionKind = DistributionSpec['kind'];

/** Every {@link DistributionKind}, in declaration order. */
export const DISTRIBUTION_KINDS: readonly DistributionKind[] = [
  'constant',
  'uniform',
  'exponential',
  'normal',
  'lognormal',
  'gamma',
  'erlang',
  'pareto',
  'weibull',
  'empirical',
  'mixture',
];

/**
 * Checks a spec (typically parsed from JSON, so every field is checked at run time) and throws a
 * RangeError (a DistributionParamError when one field is at fault) naming the offending field under `path`, e.g.
 * `services.a.serviceTime.mean must be > 0 (got 0)` or `dist.components[2].dist.mean ...`.
 */
export function validateDistribution(spec: DistributionSpec, path = 'dist'): void {
  requireObject(path, spec);
  switch (spec.kind) {
    case 'constant':
      return checkConstantParams(spec.value, path);
    case 'uniform':
      return checkUniformParams(spec.min, spec.max, path);
    case 'exponential':
      return checkExponentialParams(spec.mean, path);
    case 'normal':
      return checkNormalParams(spec.mean, spec.stdDev, path);
    case 'lognormal': {
      // The builders pick the form by `'median' in spec`; a lone p99 is reported as a missing median.
      const fields = spec as Partial<Record<'mu' | 'sigma' | 'median' | 'p99', unknown>>;
      const byQuantiles = 'median' in fields || 'p99' in fields;
      if (byQuantiles && ('mu' in fields || 'sigma' in fields)) {
        throw new RangeError(`${path} must give either mu and sigma or median and p99, not both`);
      }
      return byQuantiles
        ? checkLognormalMedianP99(fields.median, fields.p99, path)
        : checkLognormalParams(fields.mu, fields.sigma, path);
    }
    case 'gamma':
      return checkGammaParams(spec.shape, spec.scale, path);
    case 'erlang':
      return checkErlangParams(spec.k, spec.mean, path);
    case 'pareto':
      return checkParetoParams(spec.scale, spec.shape, path);
    case 'weibull':
      return checkWeibullParams(spec.scale, spec.shape, path);
    case 'empirical':
      if ('bins' in spec) {
        if ('samples' in spec) throw new RangeError(`${path} must give either samples or bins, not both`);
        return checkEmpiricalBins(spec.bins, path);
      }
      return checkEmpiricalSamples(spec.samples, path);
    case 'mixture':
      checkMixtureWeights(spec.components, path);
      spec.components.forEach((c, i) => validateDistribution(c.dist, `${path}.components[${i}].dist`));
      return;
    default: {
      const kind: unknown = (spec as { kind?: unknown }).kind;
      throw new DistributionParamError(
        `${path}.kind`,
        `must be one of ${DISTRIBUTION_KINDS.join(', ')}`,
        kind,
      );
    }
  }
}

/**
 * Validates `spec` (errors name fields under `path`) and builds a sampler drawing from `random`.
 * All components of a mixture share `random`.
 */
export function createSampler(spec: DistributionSpec, random: Random, path = 'dist'): Sampler {
  validateDistribution(spec, path);
  return build(spec, random);
}

function build(spec: DistributionSpec, random: Random): Sampler {
  switch (spec.kind) {
    case 'constant':
      return constant(spec.value);
    case 'uniform':
      return uniform(spec.min, spec.max, random);
    case 'exponential':
      return exponential(spec.mean, random);
    case 'normal':
      return normal(spec.mean, spec.stdDev, random);
    case 'lognormal':
      return 'median' in spec
        ? lognormalFromMedianP99(spec.median, spec.p99, random)
        : lognormal(spec.mu, spec.sigma, random);
    case 'gamma':
      return gamma(spec.shape, spec.scale, random);
    case 'erlang':
      return erlang(spec.k, spec.mean, random);
    case 'pareto':
      return pareto(spec.scale, spec.shape, random);
    case 'weibull':
      return weibull(spec.scale, spec.shape, random);
    case 'empirical':
      return 'bins' in spec
        ? empiricalFromBins(spec.bins, random)
        : empiricalFromSamples(spec.samples, random);
    case 'mixture':
      return mixture(
        spec.components.map((c) => ({ weight: c.weight, sampler: build(c.dist, random) })),
        random,
      );
  }
}

function lognormalParamsOf(spec: Extract<DistributionSpec, { kind: 'lognormal' }>): LognormalParams {
  return 'median' in spec ? lognormalParamsFromMedianP99(spec.median, spec.p99) : spec;
}

/**
 * The analytic mean of `spec` (validated first). Infinity for pareto with shape <= 1; empirical
 * samples: their exact mean; empirical bins: bin midpoints weighted by count; mixture: the
 * weighted mean of its components.
 */
export function distributionMean(spec: DistributionSpec): number {
  validateDistribution(spec);
  return meanOf(spec);
}

function meanOf(spec: DistributionSpec): number {
  switch (spec.kind) {
    case 'constant':
      return spec.value;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'exponential':
    case 'erlang':
      return spec.mean;
    case 'normal':
      return spec.mean;
    case 'lognormal': {
      const { mu, sigma } = lognormalParamsOf(spec);
      return Math.exp(mu + (sigma * sigma) / 2);
    }
    case 'gamma':
      return spec.shape * spec.scale;
    case 'pareto':
      return spec.shape <= 1 ? Infinity : (spec.shape * spec.scale) / (spec.shape - 1);
    case 'weibull':
      return spec.scale * gammaFunction(1 + 1 / spec.shape);
    case 'empirical': {
      if ('samples' in spec) {
        let sum = 0;
        for (const x of spec.samples) sum += x;
        return sum / spec.samples.length;
      }
      let weighted = 0;
      let total = 0;
      for (const bin of spec.bins) {
        weighted += bin.count * ((bin.lower + bin.upper) / 2);
        total += bin.count;
      }
      return weighted / total;
    }
    case 'mixture': {
      let weighted = 0;
      let total = 0;
      for (const c of spec.components) {
        if (c.weight === 0) continue; // a never-drawn component must not turn 0·Infinity into NaN
        weighted += c.weight * meanOf(c.dist);
        total += c.weight;
      }
      return weighted / total;
    }
  }
}

/**
 * The q-quantile of `spec` (validated first) where it has a closed form: constant, uniform,
 * exponential, normal, lognormal, weibull and pareto; `undefined` for the others (gamma, erlang,
 * empirical, mixture). q = 1 gives Infinity for the unbounded families. Throws unless 0 <= q <= 1.
 */
export function distributionQuantile(spec: DistributionSpec, q: number): number | undefined {
  if (!(q >= 0 && q <= 1)) {
    throw new RangeError(`distributionQuantile: q must be in [0, 1] (got ${formatValue(q)})`);
  }
  validateDistribution(spec);
  switch (spec.kind) {
    case 'constant':
      return spec.value;
    case 'uniform':
      return spec.min + q * (spec.max - spec.min);
    case 'exponential':
      return -Math.log1p(-q) * spec.mean;
    case 'normal':
      return spec.stdDev === 0 ? spec.mean : spec.mean + spec.stdDev * normalQuantile(q);
    case 'lognormal': {
      const { mu, sigma } = lognormalParamsOf(spec);
      return sigma === 0 ? Math.exp(mu) : Math.exp(mu + sigma * normalQuantile(q));
    }
    case 'weibull':
      return spec.scale * Math.pow(-Math.log1p(-q), 1 / spec.shape);
    case 'pareto':
      return spec.scale * Math.pow(1 - q, -1 / spec.shape);
    case 'gamma':
    case 'erlang':
    case 'empirical':
    case 'mixture':
      return undefined;
  }
}

// Short numbers for labels: integers as is, others to 4 significant digits (0.1 + 0.2 → "0.3").
function num(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}

/**
 * A short human-readable label, e.g. `exponential(mean 8)`, `lognormal(median 4, p99 30)`,
 * `mixture(0.9 × exponential(mean 5), 0.1 × constant(100))`. Does not validate.
 */
export function describeDistribution(spec: DistributionSpec): string {
  switch (spec.kind) {
    case 'constant':
      return `constant(${num(spec.value)})`;
    case 'uniform':
      return `uniform(min ${num(spec.min)}, max ${num(spec.max)})`;
    case 'exponential':
      return `exponential(mean ${num(spec.mean)})`;
    case 'normal':
      return `normal(mean ${num(spec.mean)}, stdDev ${num(spec.stdDev)})`;
    case 'lognormal':
      return 'median' in spec
        ? `lognormal(median ${num(spec.median)}, p99 ${num(spec.p99)})`
        : `lognormal(mu ${num(spec.mu)}, sigma ${num(spec.sigma)})`;
    case 'gamma':
      return `gamma(shape ${num(spec.shape)}, scale ${num(spec.scale)})`;
    case 'erlang':
      return `erlang(k ${num(spec.k)}, mean ${num(spec.mean)})`;
    case 'pareto':
      return `pareto(scale ${num(spec.scale)}, shape ${num(spec.shape)})`;
    case 'weibull':
      return `weibull(scale ${num(spec.scale)}, shape ${num(spec.shape)})`;
    case 'empirical':
      return 'bins' in spec
        ? `empirical(${spec.bins.length} bins)`
        : `empirical(${spec.samples.length} samples)`;
    case 'mixture':
      return `mixture(${spec.components.map((c) => `${num(c.weight)} × ${describeDistribution(c.dist)}`).join(', ')})`;
    default:
      return `${formatValue((spec as { kind?: unknown }).kind)}(?)`;
  }
}
