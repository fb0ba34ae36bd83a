// What a shape says its proxies add to the pods' requests (placement's fit check) is what its data plane's
// proxies request once built: each service's sidecars, and the per-node proxies on every node — one truth for
// both, whatever the annotations.

import { describe, expect, it } from 'vitest';

import { meshPodRequests, meshShapeNames, resolveMeshConfig, simulate } from '../../src/index.js';
import type { SimulationConfig } from '../../src/index.js';
import { call, config, poisson, service } from '../__helpers__/configs.js';
import { inbound } from '../__helpers__/protection.js';

/** Three services (mesh defaults, a request annotation, a limit annotation, one with an L7 policy) on large nodes. */
function scenario(shape: string): SimulationConfig {
  const cfg = config(
    [
      service('a', { replicas: 2, calls: [[call('b')], [call('c')]] }),
      service('b', { replicas: 3, proxyCpuRequestCores: 0.25, proxyMemoryRequestMiB: 96 }),
      service('c', {
        replicas: 1,
        proxyCpuLimitCores: 0.5,
        inbound: inbound({ rateLimit: { ratePerSecond: 1000, burst: 100, scope: 'instance' } }),
      }),
    ],
    [poisson('a', 50)],
    {
      durationMs: 200,
      clusters: [{ name: 'c1', region: 'r', vpc: 'v', nodeCpu: 64, zones: [{ name: 'z', nodes: 2 }] }],
    },
  );
  return {
    ...cfg,
    services: cfg.services.map((s) => ({ ...s, cluster: 'c1' })),
    mesh: resolveMeshConfig({ shape }),
  };
}

describe("a shape's pod requests", () => {
  for (const shape of meshShapeNames()) {
    it(`${shape}: are what its built proxies request`, () => {
      const cfg = scenario(shape);
      const pods = meshPodRequests(cfg);
      const result = simulate(cfg);
      let sidecars = 0;
      for (const s of result.services)
        sidecars += (pods.sidecarCpuRequestCores.get(s.name) ?? 0) * s.instances;
      // No service has a waypoint: every request of the built proxies is a sidecar's or a per-node proxy's.
      expect(result.proxies.cpuRequestedCores ?? 0).toBeCloseTo(
        sidecars + pods.perNodeCpuRequestCores * result.nodes.length,
        9,
      );
      let sidecarMemory = 0;
      for (const s of result.services)
        sidecarMemory += (pods.sidecarMemoryRequestMiB.get(s.name) ?? 0) * s.instances;
      expect(result.proxies.memoryRequestedMiB ?? 0).toBeCloseTo(
        sidecarMemory + pods.perNodeMemoryRequestMiB * result.nodes.length,
        9,
      );
    });
  }

  it('name a request for every sidecar shape and the ztunnel, so that the check above compares something', () => {
    expect(meshPodRequests(scenario('istio-sidecar')).sidecarCpuRequestCores.get('b')).toBe(0.25);
    expect(meshPodRequests(scenario('linkerd')).sidecarCpuRequestCores.get('c')).toBe(0.5);
    // The ztunnel's 200m and 512Mi, and the Istio CNI node agent's 100m and 100Mi: two pods on every node.
    const ambient = meshPodRequests(scenario('istio-ambient'));
    expect(ambient.perNodeCpuRequestCores).toBeCloseTo(0.3, 12);
    expect(ambient.perNodeMemoryRequestMiB).toBe(612);
    expect(ambient.perNodePods).toBe(2);
    expect(ambient.nodeAgent).toEqual({ kind: 'istio-cni', cpuRequestCores: 0.1, memoryRequestMiB: 100 });
    // mesh.istioCni changes the agent's requests, and with them what every node holds back.
    const tuned = meshPodRequests({
      ...scenario('istio-ambient'),
      mesh: resolveMeshConfig({ shape: 'istio-ambient', istioCni: { cpuRequestCores: 0.05 } }),
    });
    expect(tuned.perNodeCpuRequestCores).toBeCloseTo(0.25, 12);
    expect(tuned.nodeAgent).toEqual({ kind: 'istio-cni', cpuRequestCores: 0.05, memoryRequestMiB: 100 });
    expect(meshPodRequests(scenario('istio-sidecar')).sidecarMemoryRequestMiB.get('a')).toBe(128);
    expect(meshPodRequests(scenario('istio-sidecar')).sidecarMemoryRequestMiB.get('b')).toBe(96);
    expect(meshPodRequests(scenario('none')).sidecarCpuRequestCores.size).toBe(0);
  });

  it("istio-sidecar: runs Istio's CNI node agent only when mesh.istioCni is written (its CNI plugin instead of istio-init)", () => {
    const plain = meshPodRequests(scenario('istio-sidecar'));
    expect([plain.perNodeCpuRequestCores, plain.perNodeMemoryRequestMiB, plain.perNodePods ?? 0]).toEqual([
      0, 0, 0,
    ]);
    expect(plain.nodeAgent).toBeUndefined();
    const cni = {
      ...scenario('istio-sidecar'),
      mesh: resolveMeshConfig({ shape: 'istio-sidecar', istioCni: {} }),
    };
    const withCni = meshPodRequests(cni);
    expect([withCni.perNodeCpuRequestCores, withCni.perNodeMemoryRequestMiB, withCni.perNodePods]).toEqual([
      0.1, 100, 1,
    ]);
    expect(withCni.nodeAgent).toEqual({ kind: 'istio-cni', cpuRequestCores: 0.1, memoryRequestMiB: 100 });
    expect(withCni.sidecarCpuRequestCores).toEqual(plain.sidecarCpuRequestCores);
    // The run reports the agents among the proxies' requests (one per node, not counted as proxies).
    const result = simulate(cni);
    const agents = result.proxies.byKind.find((k) => k.kind === 'istio-cni');
    expect(agents).toMatchObject({ count: result.nodes.length, cpuCores: 0, traversals: 0 });
    expect(agents?.cpuRequestedCores).toBeCloseTo(0.1 * result.nodes.length, 12);
    expect(result.proxies.count).toBe(simulate(scenario('istio-sidecar')).proxies.count);
    expect(result.warnings.filter((w) => w.includes('istioCni'))).toEqual([]);
  });

  it('take a proxy memory limit alone as its request, as Kubernetes copies it', () => {
    const mesh = resolveMeshConfig({ shape: 'linkerd', linkerdProxy: { memoryLimitMiB: 250 } });
    const requests = meshPodRequests({ ...scenario('linkerd'), mesh });
    // b's own proxyMemoryRequest (96) wins over the copied limit.
    expect([...requests.sidecarMemoryRequestMiB.values()]).toEqual([250, 96, 250]);
    // A service's own limit (an annotation) is copied the same way when no request is set.
    const own = {
      ...scenario('linkerd'),
      services: scenario('linkerd').services.map((s) =>
        s.name === 'c' ? { ...s, proxyMemoryLimitMiB: 300 } : s,
      ),
    };
    expect(meshPodRequests(own).sidecarMemoryRequestMiB.get('c')).toBe(300);
    // The built proxies request the same, and c's pods run Guaranteed once every limit equals its request.
    const result = simulate({ ...own, mesh });
    expect(result.proxies.memoryRequestedMiB).toBe(2 * 250 + 3 * 96 + 300);
    const guaranteed = simulate({
      ...own,
      services: own.services.map((s) =>
        s.name === 'c'
          ? {
              ...s,
              cpuRequestCores: 0.5,
              cpuLimitCores: 0.5,
              memoryLimitMiB: 256,
              proxyCpuRequestCores: 0.5,
              proxyMemoryRequestMiB: 300,
            }
          : s,
      ),
    });
    expect(guaranteed.services.find((s) => s.name === 'c')?.podQosClass).toBe('Guaranteed');
    expect(result.services.find((s) => s.name === 'c')?.podQosClass).toBe('Burstable');
  });

  it("cilium: count its node Envoys' request on every node, whether or not a service needs L7 (Cilium 1.16+)", () => {
    const mesh = resolveMeshConfig({ shape: 'cilium', nodeProxy: { cpuRequestCores: 0.3 } });
    const withL7 = { ...scenario('cilium'), mesh };
    expect(meshPodRequests(withL7).perNodeCpuRequestCores).toBe(0.3);
    const result = simulate(withL7);
    expect(result.proxies.cpuRequestedCores).toBeCloseTo(0.3 * result.nodes.length, 9);
    const withoutL7 = { ...withL7, services: withL7.services.map(({ inbound: _dropped, ...s }) => s) };
    expect(meshPodRequests(withoutL7).perNodeCpuRequestCores).toBe(0.3);
    expect(meshPodRequests(withoutL7).perNodePods).toBe(1);
  });
});
