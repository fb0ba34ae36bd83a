// A node whose pods request more CPU than it has gets a warning: the applications' requests and, under a mesh,
// its proxies' (Istio's sidecars request 100m each, ztunnels 200m: its Helm defaults) — the capacity a mesh reserves.

import { describe, expect, it } from 'vitest';

import { resolveMeshConfig, simulate } from '../../src/index.js';
import { config, poisson, service } from '../__helpers__/configs.js';

/** 8 pods requesting 100m each on one node of 1 core, under `shape`. */
function requests(shape: string): string[] {
  const cfg = config([service('a', { replicas: 8, cpuRequestCores: 0.1 })], [poisson('a', 10)], {
    durationMs: 100,
    clusters: [{ name: 'c', region: 'r', vpc: 'v', nodeCpu: 1, zones: [{ name: 'z', nodes: 1 }] }],
  });
  const result = simulate({
    ...cfg,
    services: cfg.services.map((s) => ({ ...s, cluster: 'c' })),
    mesh: resolveMeshConfig({ shape }),
  });
  return result.warnings.filter((w) => w.includes('Kubernetes would not schedule'));
}

describe('CPU requests over a node', () => {
  it("take a service's own sidecar request (proxyCpuRequest) in place of the mesh's", () => {
    const cfg = config(
      [service('a', { replicas: 2, proxyCpuRequestCores: 0.5 }), service('b', { replicas: 2 })],
      [poisson('a', 10)],
      {
        durationMs: 100,
      },
    );
    const result = simulate({ ...cfg, mesh: resolveMeshConfig({ shape: 'istio-sidecar' }) });
    expect(result.proxies.cpuRequestedCores).toBeCloseTo(2 * 0.5 + 2 * 0.1, 9);
  });

  it('count a proxy limited without a request at its limit, as Kubernetes copies the limit into the request', () => {
    const cfg = config(
      [service('a', { replicas: 2, proxyCpuLimitCores: 0.5 }), service('b', { replicas: 2 })],
      [poisson('a', 10)],
      { durationMs: 100 },
    );
    // Linkerd requests nothing by default: a's two proxies limited to 500m request 500m each, b's nothing.
    const result = simulate({ ...cfg, mesh: resolveMeshConfig({ shape: 'linkerd' }) });
    expect(result.proxies.cpuRequestedCores).toBeCloseTo(2 * 0.5, 9);
    // A request written next to the limit stays the request.
    const both = config(
      [service('a', { replicas: 2, proxyCpuLimitCores: 0.5, proxyCpuRequestCores: 0.05 })],
      [poisson('a', 10)],
      { durationMs: 100 },
    );
    expect(
      simulate({ ...both, mesh: resolveMeshConfig({ shape: 'linkerd' }) }).proxies.cpuRequestedCores,
    ).toBeCloseTo(2 * 0.05, 9);
  });

  it('stay quiet while the pods fit: 800m of applications on 1 core', () => {
    expect(requests('none')).toEqual([]);
  });

  it('leave no node over-requested by application pods: those with no room are Pending instead', () => {
    expect(requests('istio-sidecar')).toEqual([]);
  });

  it('warn about a waypoint pod placed on a node without room for it, as an application pod never is', () => {
    // 1 core: two 350m applications (700m), the ztunnel's 200m and the CNI agent's 100m fill it; the waypoint's 100m
    // is placed anyway.
    const cfg = config(
      [service('a', { replicas: 2, cpuRequestCores: 0.35, waypoint: true })],
      [poisson('a', 10)],
      {
        durationMs: 100,
        clusters: [{ name: 'c', region: 'r', vpc: 'v', nodeCpu: 1, zones: [{ name: 'z', nodes: 1 }] }],
      },
    );
    const result = simulate({
      ...cfg,
      services: cfg.services.map((s) => ({ ...s, cluster: 'c' })),
      mesh: resolveMeshConfig({ shape: 'istio-ambient', waypoint: { replicas: 1 } }),
    });
    expect(result.services[0]?.pendingPods).toBe(0);
    expect(result.warnings.filter((w) => w.includes('Kubernetes would not schedule'))).toEqual([
      "node c/z/node-1: its pods request 1.1 cores (applications 0.7, the mesh's containers 0.4) but it has 1; Kubernetes would not schedule them all there (meshsim leaves a pod no node has room for Pending, but runs a waypoint's first pod, or a pod on a node of its own, where it would fit best)",
    ]);
  });

  it('report what the proxies reserve: 100m per Istio sidecar, 200m per ztunnel (and 100m per CNI agent), 10m per App Mesh Envoy, none for Linkerd or Consul by default', () => {
    const reserved = (shape: string) =>
      simulate({
        ...config([service('a', { replicas: 3 })], [poisson('a', 10)], { durationMs: 100 }),
        mesh: resolveMeshConfig({ shape }),
      }).proxies.cpuRequestedCores ?? 0;
    expect(reserved('istio-sidecar')).toBeCloseTo(0.3, 9);
    // Ambient: a ztunnel per node (the default 12 nodes), 200m each, and an Istio CNI node agent, 100m each.
    expect(reserved('istio-ambient')).toBeCloseTo(12 * (0.2 + 0.1), 9);
    expect(reserved('linkerd')).toBe(0);
    expect(reserved('none')).toBe(0);
    // App Mesh's injector requests 10m per Envoy; consul-k8s sets no resources for its sidecars.
    expect(reserved('app-mesh')).toBeCloseTo(3 * 0.01, 9);
    expect(reserved('consul')).toBe(0);
  });

  it('report the memory the proxies reserve: 128Mi per Istio sidecar, 512Mi per ztunnel (and 100Mi per CNI agent), 32Mi per App Mesh Envoy, none for Linkerd or Consul by default', () => {
    const reserved = (shape: string) =>
      simulate({
        ...config([service('a', { replicas: 3 })], [poisson('a', 10)], { durationMs: 100 }),
        mesh: resolveMeshConfig({ shape }),
      }).proxies.memoryRequestedMiB ?? 0;
    expect(reserved('istio-sidecar')).toBe(3 * 128);
    expect(reserved('istio-ambient')).toBe(12 * (512 + 100));
    expect(reserved('app-mesh')).toBe(3 * 32);
    expect(reserved('linkerd')).toBe(0);
    expect(reserved('consul')).toBe(0);
    expect(reserved('none')).toBe(0);
    // A profile's memoryRequest replaces the shape's.
    const own = simulate({
      ...config([service('a', { replicas: 3 })], [poisson('a', 10)], { durationMs: 100 }),
      mesh: resolveMeshConfig({ shape: 'linkerd', linkerdProxy: { memoryRequestMiB: 20 } }),
    });
    expect(own.proxies.memoryRequestedMiB).toBe(60);
    expect(own.proxies.byKind[0]?.memoryRequestedMiB).toBe(60);
  });
});
