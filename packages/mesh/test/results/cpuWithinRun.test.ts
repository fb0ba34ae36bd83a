// A service's CPU is what its instances ran within the run: work still queued or running on a saturated node at the
// run's end is not counted, so a service never uses more than its node's cores.

import { describe, expect, it } from 'vitest';

import { simulate } from '../../src/index.js';
import { config, poisson, service } from '../__helpers__/configs.js';

describe('service CPU within the run', () => {
  it('leaves out the work still running on the node at the end (a saturated 1-core node)', () => {
    // 100 workers, 100 ms of CPU per request, 50 req/s: 5 cores of demand on 1 core; at the end 100 requests are
    // part-way through their work (up to 10 s of CPU not done), which counting at start added to 2 s of run.
    const durationMs = 2_000;
    const cfg = config(
      [
        service('a', {
          replicas: 1,
          concurrency: 100,
          cluster: 'c',
          calls: [],
          serviceTimeMs: { kind: 'constant', value: 100 },
        }),
      ],
      [poisson('a', 50, undefined, 'to-a')],
      {
        durationMs,
        clusters: [{ name: 'c', region: 'r', vpc: 'v', nodeCpu: 1, zones: [{ name: 'z', nodes: 1 }] }],
      },
    );
    const result = simulate(cfg);
    const a = result.services.find((s) => s.name === 'a');
    // Every request that arrived took a worker (100 of them): counted at start, their work was this many cores.
    const startedCores = ((a?.arrived ?? 0) * 100) / durationMs;
    expect(startedCores).toBeGreaterThan(2);
    expect(a?.cpuCores).toBeLessThanOrEqual(1 + 1e-9);
    expect(a?.cpuCores).toBeGreaterThan(0.95);
  });
});
