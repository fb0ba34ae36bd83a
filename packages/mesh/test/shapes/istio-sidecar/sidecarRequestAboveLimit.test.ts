// A sidecar whose request is above its limit only once a service's own fields are laid over the mesh's profile is a
// pod Kubernetes refuses: the run warns, naming the service's field, and says what it models instead.

import { describe, expect, it } from 'vitest';

import { simulate } from '../../../src/index.js';
import type { MeshOptions, ServiceConfig, SimulationResult } from '../../../src/index.js';
import { inOneCluster, poisson, service } from '../../__helpers__/configs.js';

function run(mesh: MeshOptions, parts: Partial<ServiceConfig>): SimulationResult {
  return simulate(
    inOneCluster(
      [service('a', { replicas: 2, ...parts })],
      [poisson('a', 50)],
      { nodes: 1, nodeCpu: 8 },
      mesh,
      500,
    ),
  );
}

const aboveLimit = (result: SimulationResult): string[] =>
  result.warnings.filter((w) => w.includes('Kubernetes refuses such a pod'));

describe('a sidecar request above its limit', () => {
  it("warns when the service's CPU request is above the mesh's sidecar limit", () => {
    const result = run(
      { shape: 'istio-sidecar', sidecar: { cpuLimitCores: 1 } },
      { proxyCpuRequestCores: 3 },
    );
    expect(aboveLimit(result)).toEqual([
      "service a: its sidecar requests 3 cores of CPU, above its CPU limit (1 core) (its own proxyCpuRequest or proxyCpuLimit over the mesh's): Kubernetes refuses such a pod; the run places and weighs it by the request and throttles it at the limit",
    ]);
  });

  it("warns when the service's memory limit is below the mesh's sidecar request", () => {
    const result = run({ shape: 'istio-sidecar' }, { proxyMemoryLimitMiB: 64 });
    expect(aboveLimit(result)).toEqual([
      "service a: its sidecar requests 128 MiB of memory, above its memory limit (64 MiB; its own proxyMemoryRequest or proxyMemoryLimit over the mesh's): Kubernetes refuses such a pod; the run places it by the request",
    ]);
  });

  it('says nothing of a request within its limit, or of a shape without sidecars', () => {
    expect(aboveLimit(run({ shape: 'istio-sidecar' }, { proxyCpuRequestCores: 2 }))).toEqual([]);
    expect(aboveLimit(run({ shape: 'none' }, { proxyCpuRequestCores: 3 }))).toEqual([]);
  });
});
