// The network-latency assumption is printed for the localities left at the model's default, and not
// at all when the scenario set every latency itself.

import { describe, expect, it } from 'vitest';
import { DEFAULT_NETWORK, simulate } from '../../src/index.js';
import { networkAssumption } from '../../src/internal/index.js';
import { ZERO_NETWORK, config, poisson, service } from '../__helpers__/configs.js';

describe('networkAssumption', () => {
  it('names all four default latencies when the network is the default', () => {
    expect(networkAssumption(DEFAULT_NETWORK)).toBe(
      'Network latency by locality (same node 0.02 ms, same zone 0.1 ms, cross-zone 0.5 ms, cross-cluster 1 ms median, one way) is an assumption, not a measurement.',
    );
  });

  it('names only the localities left at their default', () => {
    const text = networkAssumption({ ...DEFAULT_NETWORK, sameNodeMs: { kind: 'constant', value: 0 } });
    expect(text).not.toContain('same node');
    expect(text).toContain('same zone 0.1 ms');
  });

  it('is absent from a run whose scenario set every latency (e.g. all 0 ms)', () => {
    const result = simulate(
      config([service('a')], [poisson('a', 10)], { durationMs: 500, network: ZERO_NETWORK }),
    );
    expect(networkAssumption(ZERO_NETWORK)).toBeNull();
    expect(result.assumptions.some((line) => line.startsWith('Network latency'))).toBe(false);
  });
});
