// A pod no node has room for — its application's request with its sidecar's, next to the mesh's per-node proxies
// — is left Pending, as Kubernetes' scheduler leaves it: it never runs, takes no traffic, and a warning names what
// one pod asks for. The capacity a mesh's requests take is capacity the applications no longer have.

import { describe, expect, it } from 'vitest';

import { resolveMeshConfig, simulate, staticWarnings } from '../../src/index.js';
import type { MeshOptions, ServiceConfig, SimulationResult } from '../../src/index.js';
import { config, inOneCluster, poisson, service } from '../__helpers__/configs.js';
import { version } from '../__helpers__/traffic.js';

/**
 * 8 pods of service a (`parts`) on `nodes` nodes of `nodeCpu` cores (and `nodeMemoryMiB`, if given), under `mesh`,
 * sent 200 req/s.
 */
function run(
  mesh: MeshOptions,
  parts: Partial<ServiceConfig>,
  nodes = 1,
  nodeCpu = 1,
  nodeMemoryMiB?: number,
): SimulationResult {
  return simulate(
    inOneCluster(
      [service('a', { replicas: 8, ...parts })],
      [poisson('a', 200)],
      { nodes, nodeCpu, ...(nodeMemoryMiB === undefined ? {} : { nodeMemoryMiB }) },
      mesh,
      1000,
    ),
  );
}

const pendingWarnings = (result: SimulationResult): string[] =>
  result.warnings.filter((w) => w.startsWith('service ') && w.includes('Pending'));

describe('Pending pods', () => {
  it('run every pod while they fit: 8 × 100m on one core', () => {
    const result = run({ shape: 'none' }, { cpuRequestCores: 0.1 });
    expect(result.services[0]).toMatchObject({ instances: 8, pendingPods: 0 });
    expect(pendingWarnings(result)).toEqual([]);
  });

  it("count each pod's sidecar: 8 × (100m + Istio's 100m) on one core run 5 pods, 3 Pending", () => {
    const result = run({ shape: 'istio-sidecar' }, { cpuRequestCores: 0.1 });
    expect(result.services[0]).toMatchObject({ instances: 5, pendingPods: 3 });
    expect(result.proxies.byKind.find((k) => k.kind === 'envoy-sidecar')?.count).toBe(5);
    expect(result.nodes[0]?.cpuRequestedCores).toBeCloseTo(1, 9);
    expect(pendingWarnings(result)).toEqual([
      "service a: 3 of its 8 pods are Pending: they never run and take no traffic. No node of cluster c has 0.2 cores unrequested for one (its application's 0.1 and its sidecar's 0.1); Kubernetes would leave them Pending. Add nodes or larger ones (nodes, nodeCpu), or lower the requests",
    ]);
    // The pods that run serve every request.
    expect(result.services[0]?.arrived).toBeGreaterThan(0);
    expect(result.services[0]?.rejected).toBe(0);
  });

  it("hold back the per-node pods' requests on every node: the ztunnel's 200m and the CNI agent's 100m leave room for 7 pods of 100m", () => {
    const result = run({ shape: 'istio-ambient' }, { cpuRequestCores: 0.1 });
    expect(result.services[0]).toMatchObject({ instances: 7, pendingPods: 1 });
    const tight = run({ shape: 'istio-ambient' }, { cpuRequestCores: 0.2 });
    // 1000m − 300m leaves 3 pods of 200m.
    expect(tight.services[0]).toMatchObject({ instances: 3, pendingPods: 5 });
    expect(pendingWarnings(tight)[0]).toContain(
      "has 0.2 cores unrequested for one (its application's 0.2, next to the 0.3 the mesh's per-node pods request on every node)",
    );
  });

  it("take a service's own sidecar request (proxyCpuRequest) and a limit without a request (Linkerd annotations)", () => {
    expect(run({ shape: 'linkerd' }, { cpuRequestCores: 0.1 }).services[0]?.pendingPods).toBe(0);
    expect(
      run({ shape: 'linkerd' }, { cpuRequestCores: 0.1, proxyCpuLimitCores: 0.4 }).services[0]?.pendingPods,
    ).toBe(6);
    expect(
      run({ shape: 'istio-sidecar' }, { cpuRequestCores: 0.1, proxyCpuRequestCores: 0.001 }).services[0]
        ?.pendingPods,
    ).toBe(0);
  });

  it('fail every call to a service whose pods are all Pending: 503, no endpoints', () => {
    const result = run({ shape: 'none' }, { cpuRequestCores: 2 });
    expect(result.services[0]).toMatchObject({ instances: 0, pendingPods: 8, arrived: 0 });
    expect(result.edges[0]?.failures['no-endpoints']).toBeGreaterThan(0);
    expect(pendingWarnings(result)[0]).toMatch(
      /^service a: all 8 of its pods are Pending: it never runs, and every call to it fails \(503, no endpoints\)/,
    );
  });

  it('leave the last versions short: a canary whose pods are Pending runs no instance', () => {
    const result = run(
      { shape: 'none' },
      {
        cpuRequestCores: 0.25,
        versions: [version('v1', 4, 90), version('v2', 4, 10)],
      },
    );
    expect(result.services[0]?.versions.map((v) => [v.name, v.instances])).toEqual([
      ['v1', 4],
      ['v2', 0],
    ]);
  });

  it('refuse a traffic source sent from a service whose pods are all Pending, saying why', () => {
    const cfg = config(
      [service('gen', { replicas: 1, cpuRequestCores: 2 }), service('a', { replicas: 1 })],
      [{ ...poisson('a', 10), from: 'gen' }],
      {
        durationMs: 100,
        clusters: [{ name: 'c', region: 'r', vpc: 'v', nodeCpu: 1, zones: [{ name: 'z', nodes: 1 }] }],
      },
    );
    expect(() =>
      simulate({
        ...cfg,
        services: cfg.services.map((s) => ({ ...s, cluster: 'c' })),
        mesh: resolveMeshConfig({ shape: 'none' }),
      }),
    ).toThrow(
      'traffic source "client": from: service "gen" has no running instance (its pods are all Pending: no node has room for them)',
    );
  });

  it("fit memory on nodes with a memory size: Istio's 128Mi sidecars leave 2 pods of 256Mi per GiB, not 4", () => {
    // Two nodes of 4 cores and 1 GiB.
    const onGiBNodes = (
      mesh: MeshOptions,
      parts: Partial<ServiceConfig> = { cpuRequestCores: 0.1, memoryRequestMiB: 256 },
    ) => run(mesh, parts, 2, 4, 1024);
    expect(onGiBNodes({ shape: 'none' }).services[0]).toMatchObject({ instances: 8, pendingPods: 0 });
    const istio = onGiBNodes({ shape: 'istio-sidecar' });
    expect(istio.services[0]).toMatchObject({ instances: 4, pendingPods: 4 });
    expect(istio.nodes.map((n) => [n.memoryMiB, n.memoryRequestedMiB])).toEqual([
      [1024, 768],
      [1024, 768],
    ]);
    expect(pendingWarnings(istio)[0]).toContain(
      "has 0.2 cores and 384 MiB unrequested for one (its application's 0.1 cores and 256 MiB and its sidecar's 0.1 cores and 128 MiB)",
    );
    // The ztunnel's 512Mi and the CNI agent's 100Mi on every node leave room for 1 pod of 256Mi.
    expect(onGiBNodes({ shape: 'istio-ambient' }).services[0]).toMatchObject({
      instances: 2,
      pendingPods: 6,
    });
    // A memory limit without a request is the request.
    const limited = onGiBNodes({ shape: 'none' }, { memoryLimitMiB: 512 });
    expect(limited.services[0]).toMatchObject({ instances: 4, pendingPods: 4 });
  });

  it('never leave a pod Pending on nodes without a CPU size', () => {
    const cfg = config([service('a', { replicas: 8, cpuRequestCores: 4 })], [poisson('a', 200)], {
      durationMs: 100,
    });
    const result = simulate({ ...cfg, mesh: resolveMeshConfig({ shape: 'istio-sidecar' }) });
    expect(result.services[0]).toMatchObject({ instances: 8, pendingPods: 0 });
  });

  it("give each pod a slot under nodeMaxPods, requests or none, with the mesh's DaemonSet pods taking one per node", () => {
    /** Services a (8 pods) and b (3), requesting nothing, on two 4-core nodes of `nodeMaxPods` slots (null: the default). */
    const slots = (mesh: MeshOptions, nodeMaxPods: number | null = 5): SimulationResult =>
      simulate(
        inOneCluster(
          [service('a', { replicas: 8 }), service('b', { replicas: 3 })],
          [poisson('a', 100)],
          { nodes: 2, nodeCpu: 4, ...(nodeMaxPods === null ? {} : { nodeMaxPods }) },
          mesh,
          200,
        ),
      );
    const none = slots({ shape: 'none' });
    expect(none.services.map((s) => [s.instances, s.pendingPods])).toEqual([
      [8, 0],
      [2, 1],
    ]);
    expect(none.nodes.map((n) => [n.pods, n.maxPods])).toEqual([
      [5, 5],
      [5, 5],
    ]);
    expect(pendingWarnings(none)).toEqual([
      'service b: 1 of its 3 pods is Pending: it never runs and takes no traffic. No node of cluster c has a free pod slot (2 of its nodes already run the 5 pods they take) for one; Kubernetes would leave it Pending. Add nodes or larger ones (nodes, nodeMaxPods)',
    ]);
    expect(none.extraNodesNeeded).toBe(1);
    // A ztunnel and a CNI agent on each node take two: 6 pods of a run, none of b; 11 pods need 4 nodes of 3 slots.
    const ambient = slots({ shape: 'istio-ambient' });
    expect(ambient.services.map((s) => [s.instances, s.pendingPods])).toEqual([
      [6, 2],
      [0, 3],
    ]);
    expect(pendingWarnings(ambient)[0]).toContain(
      "has a free pod slot (2 of its nodes already run the 5 pods they take, the mesh's 2 per-node pods among them) for one",
    );
    expect(ambient.extraNodesNeeded).toBe(2);
    // Sidecars are in their pods: no slot of their own.
    expect(slots({ shape: 'istio-sidecar' }).services.map((s) => s.pendingPods)).toEqual([0, 1]);
    // The kubelet's default, 110, leaves every pod running.
    const roomy = slots({ shape: 'istio-ambient' }, null);
    expect(roomy.services.map((s) => s.pendingPods)).toEqual([0, 0]);
    expect(roomy.nodes.map((n) => n.maxPods)).toEqual([110, 110]);
  });

  it("point at the request to blame when a pod's own request is larger than every node, and say how many nodes were tried", () => {
    // `cpuLimit: 500` meant as 500m: Kubernetes copies the limit into the request, 500 cores on 8-core nodes.
    const cfg = inOneCluster(
      [
        service('api', { replicas: 2, cpuLimitCores: 500 }),
        service('db', { replicas: 1, cpuRequestCores: 0.5 }),
      ],
      [poisson('api', 10)],
      { nodes: 3, nodeCpu: 8 },
    );
    const warnings = staticWarnings(cfg);
    const about = (start: string) => warnings.find((w) => w.message.startsWith(start));
    expect(about('service api:')).toEqual({
      message:
        'service api: all 2 of its pods are Pending: it never runs, and every call to it fails (503, no endpoints). ' +
        "No node of cluster c has 500 cores unrequested for one (its application's 500); Kubernetes would leave them " +
        'Pending. Its application alone requests more than any node it may run on has (8 cores): its cpuLimit, which ' +
        'Kubernetes copies as the request when none is set; lower it, or use larger nodes (nodeCpu)',
      path: ['services', 'api', 'cpuLimit'],
    });
    expect(about('cluster c:')).toEqual({
      message:
        'cluster c: even 16 more nodes of 8 cores (the most the search adds: 4 × its 3 nodes, at least 16) would leave ' +
        "pods Pending: service api's application requests 500 cores (its cpuLimit), more than a node has",
      path: ['services', 'api', 'cpuLimit'],
    });
    // A sidecar's own request (proxyCpuRequest) likewise; a pod too large only with its neighbours points at no field.
    const sidecar = staticWarnings(
      inOneCluster(
        [service('api', { replicas: 1, proxyCpuRequestCores: 12 })],
        [poisson('api', 10)],
        {
          nodes: 5,
          nodeCpu: 8,
        },
        { shape: 'istio-sidecar' },
      ),
    );
    expect(sidecar.find((w) => w.message.startsWith('service api:'))?.path).toEqual([
      'services',
      'api',
      'proxyCpuRequest',
    ]);
    expect(sidecar.find((w) => w.message.startsWith('cluster c:'))).toEqual({
      message:
        'cluster c: even 20 more nodes of 8 cores (the most the search adds: 4 × its 5 nodes) would leave pods ' +
        "Pending: service api's sidecar requests 12 cores (its proxyCpuRequest), more than a node has",
      path: ['services', 'api', 'proxyCpuRequest'],
    });
    const together = staticWarnings(
      inOneCluster(
        [service('api', { replicas: 1, cpuRequestCores: 7.95 })],
        [poisson('api', 10)],
        {
          nodes: 1,
          nodeCpu: 8,
        },
        { shape: 'istio-sidecar' },
      ),
    );
    expect(together.find((w) => w.message.startsWith('service api:'))?.path).toEqual(['services', 'api']);
    expect(together.find((w) => w.message.startsWith('cluster c:'))).toEqual({
      message:
        'cluster c: even 16 more nodes of 8 cores (the most the search adds: 4 × its 1 node, at least 16) would ' +
        'leave pods Pending (a pod larger than a node?)',
    });
  });
});
