// Public API of @meshsim/engine: the kernel, random streams, distributions and the latency histogram.

export { Engine } from './Engine.js';
export { EventQueue } from './EventQueue.js';
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

// Distributions (src/dist): samplers bound to random streams, and distributions as data.
export { constant } from './dist/constant.js';
export { uniform } from './dist/uniform.js';
export { exponential } from './dist/exponential.js';
export { normal, standardNormal } from './dist/normal.js';
export { lognormal, lognormalFromMedianP99, lognormalParamsFromMedianP99 } from './dist/lognormal.js';
export { gamma, erlang } from './dist/gamma.js';
export { pareto } from './dist/pareto.js';
export { weibull } from './dist/weibull.js';
export { empiricalFromSamples, empiricalFromBins } from './dist/empirical.js';
export { mixture } from './dist/mixture.js';
export { normalQuantile } from './dist/special.js';
export {
  DISTRIBUTION_KINDS,
  createSampler,
  validateDistribution,
  distributionMean,
  distributionQuantile,
  describeDistribution,
} from './dist/DistributionSpec.js';
export { scaleDistribution } from './dist/scaleDistribution.js';
export { DistributionParamError } from './dist/DistributionParamError.js';

export type { Sampler } from './dist/Sampler.js';
export type { LognormalParams } from './dist/lognormal.js';
export type { EmpiricalBin } from './dist/empirical.js';
export type { MixtureComponent } from './dist/mixture.js';
export type { DistributionSpec, DistributionKind } from './dist/DistributionSpec.js';
export type { DistributionParamBound } from './dist/DistributionParamError.js';
