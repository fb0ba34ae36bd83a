// A service's CPU limit or request on nodes without a CPU size does nothing; the run says so once per
// service instead of ignoring it, and says nothing when its nodes have a size or it sets neither.

import { describe, expect, it } from 'vitest';

import { simulate } from '../../src/index.js';
import { DEFAULT_CLUSTERS } from '../../src/index.js';
import { config, poisson, service } from '../__helpers__/configs.js';

const cpuWarnings = (nodeCpu: number | undefined, extra: Parameters<typeof service>[1] = {}): string[] => {
  const clusters =
    nodeCpu === undefined ? DEFAULT_CLUSTERS : DEFAULT_CLUSTERS.map((c) => ({ ...c, nodeCpu }));
  const result = simulate(
    config([service('a', extra), service('b')], [poisson('a', 10)], { durationMs: 100, clusters }),
  );
  return result.warnings.filter((w) => w.includes('no CPU size'));
};

describe('CPU limits and requests without node CPU', () => {
  it('warn once per service, naming what has no effect', () => {
    expect(cpuWarnings(undefined, { replicas: 3, cpuLimitCores: 0.5, cpuRequestCores: 0.1 })).toEqual([
      'service a: cpuLimit and cpuRequest have no effect: its nodes have no CPU size (set nodeCpu, at the top of the scenario or on its cluster)',
    ]);
    expect(cpuWarnings(undefined, { cpuLimitCores: 0.5 })).toEqual([
      'service a: cpuLimit has no effect: its nodes have no CPU size (set nodeCpu, at the top of the scenario or on its cluster)',
    ]);
  });

  it('stay quiet when the nodes have a size, or when the service sets neither', () => {
    expect(cpuWarnings(2, { cpuLimitCores: 0.5, cpuRequestCores: 0.1 })).toEqual([]);
    expect(cpuWarnings(undefined)).toEqual([]);
  });
});
