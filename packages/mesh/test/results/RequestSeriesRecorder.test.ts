// The request series recorder over a long run: a series recorded in 200,000 one-second samples (a 56 h run) gives
// its first sample and cumulative counts (its first sample was found with a spread argument, which overflowed the
// stack past ~125,000 samples and lost the run's results).
import { describe, expect, it } from 'vitest';

import type { TappedCall } from '../../src/call/CallTap.js';
import { RequestSeriesRecorder } from '../../src/results/RequestSeriesRecorder.js';
import type { ServiceDirectory } from '../../src/server/ServiceDirectory.js';

const SAMPLES = 200_000;

describe('RequestSeriesRecorder', () => {
  it('gives the series of a call ending in each of 200,000 one-second samples', () => {
    const services = { get: () => ({ config: {} }) } as unknown as ServiceDirectory;
    const recorder = new RequestSeriesRecorder(SAMPLES * 1000, 1000, services, []);
    const call = {
      caller: { name: 'client', service: null, instanceId: -1 },
      destination: 'api',
      startedMs: 0,
      lastInstance: null,
      responseFlags: 0,
    } as unknown as TappedCall;
    // From the last sample back: the first sample is the smallest index, not the first recorded.
    for (let k = SAMPLES; k >= 2; k--)
      recorder.callEnded({ ...call, startedMs: k * 1000 - 1 }, null, k * 1000 - 0.5);
    const [series, ...others] = recorder.result(() => false).series;
    expect(others).toEqual([]);
    expect(series?.firstSample).toBe(1);
    expect(series?.count).toHaveLength(SAMPLES - 1);
    expect(series?.count[SAMPLES - 2]).toBe(SAMPLES - 1);
  });
});
