// The engine's public API is a contract: the exported values are checked against a list, and the
// sequence-number operations FixedDelayTimers uses stay off the public Engine.

import { describe, expect, it } from 'vitest';

import * as engine from '../src/index.js';
import { Engine } from '../src/index.js';

describe('@meshsim/engine', () => {
  it('exports exactly the public value API (no event queue, no special functions)', () => {
    expect(Object.keys(engine).sort()).toEqual(
      [
        'DEFAULT_CHECK_EVERY',
        'DISTRIBUTION_KINDS',
        'DistributionParamError',
        'Engine',
        'FixedDelayTimers',
        'LatencyHistogram',
        'RandomStreams',
        'batchMeans',
        'constant',
        'createSampler',
        'describeDistribution',
        'distributionMean',
        'distributionQuantile',
        'empiricalFromBins',
        'empiricalFromSamples',
        'erlang',
        'exponential',
        'gamma',
        'lognormal',
        'lognormalFromMedianP99',
        'meanConfidenceInterval',
        'mixture',
        'normal',
        'pareto',
        'scaleDistribution',
        'studentTQuantile',
        'uniform',
        'validateDistribution',
        'weibull',
      ].sort(),
    );
  });

  it('Engine has no public reserveSequence or scheduleAtWithSequence', () => {
    const kernel = new Engine();
    // @ts-expect-error -- internal to the package (src/internal/sequencedScheduling.ts)
    expect(kernel.reserveSequence).toBeUndefined();
    // @ts-expect-error -- internal to the package (src/internal/sequencedScheduling.ts)
    expect(kernel.scheduleAtWithSequence).toBeUndefined();
    expect(Object.getOwnPropertyNames(Engine.prototype)).not.toContain('reserveSequence');
  });
});
