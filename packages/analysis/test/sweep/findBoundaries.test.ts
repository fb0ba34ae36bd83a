// The boundary search on probes whose runs end too soon after their trigger to tell recovery from metastability, or
// are too short to judge at all (verdict `unresolved`): unknown, like a probe a guard stopped, never taken for "does
// not recover"; the warnings of its runs, each once, the same when the search is resumed from its store.

import { describe, expect, it } from 'vitest';

import { ResultsStore, findBoundaries, parseSetOption, readScenarioSource } from '../../src/index.js';
import type { BoundaryOptions } from '../../src/index.js';
import { lateFaultSource } from '../__helpers__/lateFault.js';

describe('findBoundaries', () => {
  it('takes an unresolved probe as unknown and bisects that point no further', async () => {
    // The fault ends at 3 s of 5 s: too soon before the end for a run still below the band to be called metastable.
    const map = await findBoundaries(readScenarioSource('retry-storm'), {
      axes: [parseSetOption('traffic.0.rate=100..600')],
      fixed: [
        { path: 'duration', value: '5s' },
        { path: 'faults.0.at', value: '1s' },
        { path: 'faults.0.for', value: '2s' },
        { path: 'services.frontend.calls.0.retry.attempts', value: 1 },
      ],
      workers: 0,
    });
    expect(map.boundaries).toHaveLength(1);
    const [boundary] = map.boundaries;
    expect(boundary).toMatchObject({
      status: 'unresolved',
      unresolvedAt: 100,
      stoppedAt: null,
      low: null,
      high: null,
    });
    expect(boundary?.probes[0]).toEqual({ value: 100, verdict: 'unresolved', recovered: null });
    expect(boundary?.probes).toHaveLength(2);
  });

  it('takes a probe whose runs are too short to judge (calls still in flight) as unknown, not as failing', async () => {
    const map = await findBoundaries(readScenarioSource('steady-3tier'), {
      axes: [parseSetOption('traffic.0.rate=100..600')],
      fixed: [{ path: 'duration', value: '50ms' }],
      workers: 0,
    });
    const [boundary] = map.boundaries;
    expect(boundary).toMatchObject({ status: 'unresolved', unresolvedAt: 100, low: null, high: null });
    expect(boundary?.probes[0]).toEqual({ value: 100, verdict: 'unresolved', recovered: null });
  });

  it("gives the runs' warnings once each, with how many runs gave each and the first probe that did", async () => {
    const late = lateFaultSource();
    const rate = parseSetOption('traffic.0.rate=50..100');
    const options: BoundaryOptions = {
      axes: [rate, parseSetOption('services.api.replicas=1,2')],
      fixed: [{ path: 'duration', value: '6s' }],
      workers: 0,
    };
    const map = await findBoundaries(late, options);
    // Every probe recovers (the fault never happens): both ends of both rows, 4 runs.
    expect(map.ran).toBe(4);
    expect(map.warnings).toEqual([
      {
        message:
          'fault latency on api starts at 10 s, at or after the end of the run (6 s): it does not happen in this run (lengthen the run to include it)',
        runs: 4,
        example: [
          { path: 'services.api.replicas', value: 1 },
          { path: 'traffic.0.rate', value: 50 },
        ],
      },
    ]);
    expect(map.warningsNotRecorded).toBe(0);
    // Resumed from a store holding some of its probes (the row of 1 replica): the same warnings, counted the same.
    const store = await ResultsStore.open(':memory:');
    try {
      await findBoundaries(late, {
        ...options,
        axes: [rate, parseSetOption('services.api.replicas=1')],
        store,
      });
      const resumed = await findBoundaries(late, { ...options, store });
      expect([resumed.ran, resumed.skipped]).toEqual([2, 2]);
      expect([resumed.warnings, resumed.warningsNotRecorded]).toEqual([map.warnings, 0]);
    } finally {
      store.close();
    }
  });
});
