// The node-CPU sharing assumption is printed with a run's results exactly when its nodes have a size, naming the
// weight conversion the run used.

import { describe, expect, it } from 'vitest';

import { simulate } from '../../src/index.js';
import { config, poisson, service } from '../__helpers__/configs.js';

const cluster = (nodeCpu: number | null) => [
  { name: 'c', region: 'r', vpc: 'v', nodeCpu, zones: [{ name: 'z', nodes: 1 }] },
];
const sharing = (assumptions: readonly string[]) =>
  assumptions.filter((line) => line.startsWith('Busy nodes share their cores'));

describe('the node-CPU sharing assumption', () => {
  const base = config([service('a', { cluster: 'c' })], [poisson('a', 10)], { durationMs: 100 });

  it('is printed when nodes have a size, with the conversion in use', () => {
    const [quadratic] = sharing(simulate({ ...base, clusters: cluster(2) }).assumptions);
    expect(quadratic).toMatch(/cpuWeights: quadratic, cgroup v2, runc 1\.3\.2\+ \/ crun 1\.23\+/);
    expect(quadratic).toMatch(/level by level of the kubelet's cgroup tree \(QoS classes and pods weighed/);
    expect(quadratic).toMatch(
      /\); nothing is reserved for system daemons, and in-kernel datapath work weighs the most: assumptions\.$/,
    );
    const [v1] = sharing(simulate({ ...base, clusters: cluster(2), cpuWeights: 'shares' }).assumptions);
    expect(v1).toMatch(/cpuWeights: shares, cgroup v1/);
  });

  it('is not printed when nodes have no CPU model', () => {
    expect(sharing(simulate({ ...base, clusters: cluster(null) }).assumptions)).toEqual([]);
  });
});
