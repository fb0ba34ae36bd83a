// diagnose() over a 100 h run at 1 s intervals (360,000 of them, asked for: by default such a run records 2-minute ones):
// it gives its verdict (its lowest window's goodput was found with a spread argument, which overflowed the stack past
// ~125,000 intervals and lost the run).

import { simulate } from '@meshsim/mesh';
import { resolveScenario } from '@meshsim/scenario';
import { describe, expect, it } from 'vitest';

import { diagnose } from '../../src/index.js';

describe('diagnose over a long run', () => {
  it('judges a healthy 100 h run of 360,000 intervals', () => {
    const config = resolveScenario({
      name: 'long',
      duration: '100h',
      services: { api: { serviceTime: '1ms', calls: [{ to: 'db' }] }, db: { serviceTime: '1ms' } },
      traffic: [{ name: 'client', to: 'api', rate: '0.1/s' }],
    });
    const result = simulate(config, { seriesIntervalMs: 1000 });
    expect(result.timeSeries.startMs).toHaveLength(360_000);
    const diagnosis = diagnose(config, result);
    expect(diagnosis.sources).toHaveLength(1);
    expect(diagnosis.sources[0]?.referenceRatio).toBe(1);
  });
});
