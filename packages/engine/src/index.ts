// Public API of @meshsim/engine: the kernel, random streams, distributions, the latency histogram and
// confidence intervals. Internals (the event queue, special functions) are imported from their files.

export { DEFAULT_CHECK_EVERY, Engine } from './Engine.js';
export { FixedDelayTimers } from './FixedDelayTimers.js';
export { RandomStreams } from './random/RandomStreams.js';
export { LatencyHistogram } from './stats/LatencyHistogram.js';
export { meanConfidenceInterval, batchMeans, studentTQuantile } from './stats/confidenceInterval.js';

export type { EventHandler, TimerHandle, RunOptions, RunSummary, StopReason } from './Engine.js';
export type { SimTimeMs } from './time.js';
export type { Random } from './random/RandomStreams.js';
export type {
  LatencyHistogramOptions,
  LatencyHistogramJSON,
  HistogramBucket,
} from './stats/LatencyHistogram.js';
export type { MeanConfidenceInterval } from './stats/confidenceInterval.js';

// Distributions (src/distributions): samplers bound to random streams, and distributions as data.
export { constant } from './distributions/constant.js';
export { uniform } from './distributions/uniform.js';
export { exponential } from './distributions/exponential.js';
export { normal } from './distributions/normal.js';
export { lognormal, lognormalFromMedianP99 } from './distributions/lognormal.js';
export { gamma, erlang } from './distributions/gamma.js';
export { pareto } from './distributions/pareto.js';
export { weibull } from './distributions/weibull.js';
export { empiricalFromSamples, empiricalFromBins } from './distributions/empirical.js';
export { mixture } from './distributions/mixture.js';
export {
  DISTRIBUTION_KINDS,
  createSampler,
  validateDistribution,
  distributionMean,
  distributionQuantile,
  describeDistribution,
} from './distributions/DistributionSpec.js';
export { scaleDistribution } from './distributions/scaleDistribution.js';
export { DistributionParamError } from './distributions/DistributionParamError.js';

export type { Sampler } from './distributions/Sampler.js';
export type { EmpiricalBin } from './distributions/empirical.js';
export type { MixtureComponent } from './distributions/mixture.js';
export type { DistributionSpec, DistributionKind } from './distributions/DistributionSpec.js';
export type { DistributionParamBound } from './distributions/DistributionParamError.js';
