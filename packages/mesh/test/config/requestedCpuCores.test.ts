// What an application container requests, as Kubernetes counts it: the request, else a finite limit, else none;
// and placement and the nodes' requests check count it so.

import { describe, expect, it } from 'vitest';
import { requestedCpuCores } from '../../src/internal/index.js';
import { simulate } from '../../src/index.js';
import { config, poisson, service } from '../__helpers__/configs.js';

describe('requestedCpuCores', () => {
  it('is the request when set, whatever the limit', () => {
    expect(requestedCpuCores(service('a', { cpuRequestCores: 0.25, cpuLimitCores: 2 }))).toBe(0.25);
  });

  it('is the limit when only a limit is set (Kubernetes copies it into the request)', () => {
    expect(requestedCpuCores(service('a', { cpuLimitCores: 1.5 }))).toBe(1.5);
  });

  it('is none without either, or with an unlimited container', () => {
    expect(requestedCpuCores(service('a'))).toBeUndefined();
    expect(requestedCpuCores(service('a', { cpuLimitCores: Infinity }))).toBeUndefined();
  });

  it("places pods by their limit when they set no request, and reports each node's pods and requests", () => {
    // One zone of two 2-core nodes. `a` (300m) goes first, to node-1. Then `b`'s two pods, 500m each by their
    // limit: node-2 (500m of 2 cores) before node-1 (800m), then node-1 (800m) before node-2 (1000m). Counted
    // as requesting nothing (100m for the score), both would go to node-2 (400m vs 100m, then 400m vs 200m).
    const clusters = [{ name: 'c', region: 'r', vpc: 'v', nodeCpu: 2, zones: [{ name: 'z', nodes: 2 }] }];
    const cfg = config(
      [
        service('a', { replicas: 1, cpuRequestCores: 0.3 }),
        service('b', { replicas: 2, cpuLimitCores: 0.5 }),
      ],
      [poisson('a', 10)],
      { durationMs: 100, clusters },
    );
    const result = simulate({ ...cfg, services: cfg.services.map((s) => ({ ...s, cluster: 'c' })) });
    expect(result.nodes.map((n) => [n.name, n.pods, n.cpuRequestedCores])).toEqual([
      ['c/z/node-1', 2, 0.8],
      ['c/z/node-2', 1, 0.5],
    ]);
  });
});
