// The lognormal distribution: the usual shape of service latencies (right-skewed, positive).
// Parameterised either by (mu, sigma) of ln X or, more naturally for latencies, by its median and p99.

import type { Random } from '../random/RandomStreams.js';
import { requireAtLeast, requireFinite, requireNonNegative, requirePositive } from './checks.js';
import { standardNormal } from './normal.js';
import type { Sampler } from './Sampler.js';

/** Φ⁻¹(0.99): the standard normal 99th percentile. */
const Z_99 = 2.3263478740408408;

/** The parameters of ln X for a lognormal X: ln X ~ normal(mu, sigma). */
export interface LognormalParams {
  /** Mean of ln X (ln of the median). */
  mu: number;
  /** Standard deviation of ln X, >= 0. */
  sigma: number;
}

/** Checks (mu, sigma): `mu` finite, `sigma` finite and >= 0. */
export function checkLognormalParams(mu: unknown, sigma: unknown, path: string): void {
  requireFinite(`${path}.mu`, mu);
  requireNonNegative(`${path}.sigma`, sigma);
}

/** Checks (median, p99): `median` finite and > 0, `p99` finite and > median. */
export function checkLognormalMedianP99(median: unknown, p99: unknown, path: string): void {
  const m = requirePositive(`${path}.median`, median);
  requireAtLeast(`${path}.p99`, p99, 'median', m, true);
}

/**
 * The (mu, sigma) of the lognormal whose median and 99th percentile are the given values:
 * mu = ln(median), sigma = ln(p99 / median) / Φ⁻¹(0.99). Requires p99 > median > 0.
 */
export function lognormalParamsFromMedianP99(median: number, p99: number): LognormalParams {
  checkLognormalMedianP99(median, p99, 'lognormal');
  return { mu: Math.log(median), sigma: Math.log(p99 / median) / Z_99 };
}

/**
 * Lognormal draws `exp(mu + sigma·Z)` with Z standard normal. Median e^mu, mean e^(mu + sigma²/2).
 */
export function lognormal(mu: number, sigma: number, random: Random): Sampler {
  checkLognormalParams(mu, sigma, 'lognormal');
  const z = standardNormal(random);
  return () => Math.exp(mu + sigma * z());
}

/** Lognormal draws with the given median and 99th percentile (see {@link lognormalParamsFromMedianP99}). */
export function lognormalFromMedianP99(median: number, p99: number, random: Random): Sampler {
  const { mu, sigma } = lognormalParamsFromMedianP99(median, p99);
  return lognormal(mu, sigma, random);
}
