// A result records the proxy profiles its mesh ran with: every field filled as the model reads it (a default made
// explicit, null for none) and the fields the scenario set; the run itself is the same as without the record.

import { describe, expect, it } from 'vitest';

import { simulate } from '../../src/index.js';
import { calibrationConfig, meshOf } from '../__helpers__/shapeHarness.js';

describe('SimulationResult.scenario.meshProfiles', () => {
  it('holds the sidecar profile that ran, its written fields marked and its defaults explicit', () => {
    const mesh = meshOf('istio-sidecar', {
      sidecar: { latencyMs: { kind: 'constant', value: 1 }, cpuMsPerRequest: 0.5, memoryBaseMiB: 80 },
    });
    const result = simulate(calibrationConfig(mesh, {}, 1000));
    expect(result.scenario.meshProfiles).toEqual([
      {
        name: 'sidecar',
        kind: 'envoy-sidecar',
        setByScenario: ['latencyMs', 'cpuMsPerRequest', 'memoryBaseMiB'],
        latencyMs: { kind: 'constant', value: 1 },
        workers: 2,
        cpuMsPerRequest: 0.5,
        cpuMsPerKiB: 0,
        memoryBaseMiB: 80,
        memoryPerEndpointKiB: 1380 / 1024,
        memoryPerConnectionKiB: 0,
        cpuLimitCores: 2,
        cpuRequestCores: 0.1,
        memoryRequestMiB: 128,
        memoryLimitMiB: 1024,
        tlsHandshakeCpuMs: 0.6,
      },
    ]);
    // The kind is that of the proxies' totals.
    expect(result.proxies.byKind.map((kind) => kind.kind)).toContain('envoy-sidecar');
  });

  it('gives null for a limit or a queue the profile does not have, a request from a limit, and replicas for a waypoint', () => {
    const result = simulate(
      calibrationConfig(meshOf('layered', { nodeProxy: { cpuLimitCores: 1 } }), {}, 500),
    );
    const byName = new Map(result.scenario.meshProfiles?.map((profile) => [profile.name, profile]));
    expect([...byName.keys()]).toEqual(['ztunnel', 'waypoint', 'lattice']);
    expect(byName.get('ztunnel')).toMatchObject({ cpuLimitCores: null, memoryLimitMiB: null, workers: 2 });
    expect(byName.get('lattice')).toMatchObject({ workers: null, cpuRequestCores: 0, setByScenario: [] });
    expect(byName.get('waypoint')).toMatchObject({ replicas: 1 });
    expect('replicas' in (byName.get('ztunnel') ?? {})).toBe(false);
    const cilium = simulate(
      calibrationConfig(meshOf('cilium', { nodeProxy: { cpuLimitCores: 1 } }), {}, 500),
    );
    // A limit without a request is the container's request too, as Kubernetes copies it.
    expect(cilium.scenario.meshProfiles?.[1]).toMatchObject({
      name: 'nodeProxy',
      cpuLimitCores: 1,
      cpuRequestCores: 1,
      setByScenario: ['cpuLimitCores'],
    });
    expect(simulate(calibrationConfig(meshOf('none'), {}, 500)).scenario.meshProfiles).toEqual([]);
  });
});
