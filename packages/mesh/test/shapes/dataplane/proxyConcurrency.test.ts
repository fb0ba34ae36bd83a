// A proxy's workers follow its container's CPU limit where its mesh sizes them so (Istio 1.18+ sidecars and
// waypoints, Linkerd), a pod's own proxy limit (`proxyCpuLimitCores`) overrides the mesh's, and a run says
// when such a limit cannot apply.

import { describe, expect, it } from 'vitest';

import { DEFAULT_CLUSTERS, Simulation, resolveMeshConfig, simulate } from '../../../src/index.js';
import type { MeshOptions, ServiceConfig } from '../../../src/index.js';
import { profileForLimit, workersForLimit } from '../../../src/internal/index.js';
import { call, config, poisson, service } from '../../__helpers__/configs.js';

const SIZED = DEFAULT_CLUSTERS.map((c) => ({ ...c, nodeCpu: 8 }));

/** a calls b; `b` gets the given fields. */
function shop(mesh: MeshOptions, b: Partial<ServiceConfig> = {}, sized = true) {
  const cfg = config([service('a', { calls: [[call('b')]] }), service('b', b)], [poisson('a', 50)], {
    durationMs: 200,
    ...(sized && { clusters: SIZED }),
  });
  return { ...cfg, mesh: resolveMeshConfig(mesh) };
}

/** Workers and CPU limit of each service's sidecars, as `service: workers@limit`. */
function sidecars(sim: Simulation): string[] {
  const seen = new Set<string>();
  for (const proxy of sim.dataPlane.proxies()) {
    seen.add(`${proxy.role} ${proxy.service ?? proxy.name}: ${proxy.workers}@${proxy.cpuLimitCores}`);
  }
  return [...seen].sort();
}

describe('workersForLimit', () => {
  it('is the limit in whole cores, rounded up, read in millicores', () => {
    expect(workersForLimit(2, 2, true)).toBe(2);
    expect(workersForLimit(2, 2.5, true)).toBe(3); // Istio's own example: 2500m gives 3
    expect(workersForLimit(2, 0.3, true)).toBe(1);
    expect(workersForLimit(2, 6.5, true)).toBe(7);
    expect(workersForLimit(2, 2.0000001, true)).toBe(2);
    expect(workersForLimit(2, 0.001, true)).toBe(1);
  });

  it("keeps the profile's workers without a limit or where the mesh does not size them", () => {
    expect(workersForLimit(2, Infinity, true)).toBe(2);
    expect(workersForLimit(2, 4, false)).toBe(2);
    expect(workersForLimit(2, Infinity, false, 8)).toBe(2);
  });

  it("without a limit, a worker per core of the node when the node's size is given (Istio's Envoys)", () => {
    expect(workersForLimit(2, Infinity, true, 8)).toBe(8);
    expect(workersForLimit(2, Infinity, true, 1.93)).toBe(2);
    // A limit still wins over the node.
    expect(workersForLimit(2, 0.5, true, 8)).toBe(1);
  });

  it('returns the same profile when nothing changes, a copy otherwise', () => {
    const mesh = resolveMeshConfig({ shape: 'istio-sidecar' });
    if (mesh.shape !== 'istio-sidecar') throw new Error('shape');
    const profile = mesh.sidecar;
    expect(profileForLimit(profile, 2, true)).toBe(profile);
    const four = profileForLimit(profile, 4, true);
    expect(four).not.toBe(profile);
    expect(four).toMatchObject({ workers: 4, cpuLimitCores: 4, latencyMs: profile.latencyMs });
    expect(profile.workers).toBe(2); // not mutated
  });
});

describe('istio-sidecar (1.18+): workers follow the CPU limit', () => {
  it("a pod's own limit gives its sidecars their own quota and workers; the others keep the mesh's", () => {
    const sim = new Simulation(shop({ shape: 'istio-sidecar' }, { proxyCpuLimitCores: 4 }));
    expect(sidecars(sim)).toEqual(['sidecar a: 2@2', 'sidecar b: 4@4']);
  });

  it("the mesh's limit sizes every sidecar that sets none; 2500m gives 3 workers", () => {
    const sim = new Simulation(
      shop({ shape: 'istio-sidecar', sidecar: { cpuLimitCores: 1 } }, { proxyCpuLimitCores: 2.5 }),
    );
    expect(sidecars(sim)).toEqual(['sidecar a: 1@1', 'sidecar b: 3@2.5']);
  });

  it('written workers win over the limit (ProxyConfig concurrency)', () => {
    const sim = new Simulation(
      shop({ shape: 'istio-sidecar', sidecar: { workers: 3 } }, { proxyCpuLimitCores: 0.5 }),
    );
    expect(sidecars(sim)).toEqual(['sidecar a: 3@2', 'sidecar b: 3@0.5']);
  });

  it('before Istio 1.18 sidecars keep 2 workers whatever their limit', () => {
    const sim = new Simulation(
      shop({ shape: 'istio-sidecar', istioVersion: '1.12' }, { proxyCpuLimitCores: 4 }),
    );
    expect(sidecars(sim)).toEqual(['sidecar a: 2@2', 'sidecar b: 2@4']);
  });

  it("more workers on a busy sidecar shorten its queue (b's, not a's)", () => {
    // b (one pod) takes all of a's traffic: its sidecar queues at 1 worker, hardly at 4.
    const queuedAt = (limit: number) => {
      const sim = new Simulation({
        ...shop({ shape: 'istio-sidecar' }, { proxyCpuLimitCores: limit, replicas: 1, concurrency: 64 }),
        traffic: [poisson('a', 3000)],
        durationMs: 2000,
      });
      sim.run();
      const queued = (name: string) =>
        sim.dataPlane
          .proxies()
          .filter((p) => p.service === name)
          .reduce((n, p) => n + p.queued, 0);
      return { a: queued('a'), b: queued('b') };
    };
    const one = queuedAt(1);
    const four = queuedAt(4);
    expect(one.b).toBeGreaterThan(5 * four.b);
    expect(four.a).toBeGreaterThan(0); // a's sidecars (2 workers) still queue: only b's changed
  });
});

describe("a service's sidecar throttling is reported with the service", () => {
  it("b's 10m sidecars are throttled, a's 2-core ones are not; with no node size nothing is", () => {
    const throttled = (sized: boolean) => {
      const result = simulate({
        ...shop({ shape: 'istio-sidecar' }, { proxyCpuLimitCores: 0.01 }, sized),
        durationMs: 2000,
      });
      return Object.fromEntries(result.services.map((s) => [s.name, s.sidecarThrottledMs]));
    };
    const sized = throttled(true);
    expect(sized['b']).toBeGreaterThan(10);
    expect(sized['a']).toBe(0);
    expect(throttled(false)).toEqual({ a: 0, b: 0 });
  });
});

describe('istio without a CPU limit: a worker per core of the node', () => {
  it("an unlimited sidecar runs its node's cores as workers, and gets no quota; on unsized nodes the profile's 2", () => {
    const unlimited = { shape: 'istio-sidecar', sidecar: { cpuLimitCores: Infinity } } as MeshOptions;
    expect(sidecars(new Simulation(shop(unlimited)))).toEqual([
      'sidecar a: 8@Infinity',
      'sidecar b: 8@Infinity',
    ]);
    expect(sidecars(new Simulation(shop(unlimited, {}, false)))).toEqual([
      'sidecar a: 2@Infinity',
      'sidecar b: 2@Infinity',
    ]);
    // A pod's own limit still sets its sidecars' workers.
    expect(sidecars(new Simulation(shop(unlimited, { proxyCpuLimitCores: 1.5 })))).toEqual([
      'sidecar a: 8@Infinity',
      'sidecar b: 2@1.5',
    ]);
  });

  it('an unlimited waypoint too; Linkerd 2.10–2.11 too (the CPUs its cgroup allows), a current Linkerd one (its Helm values)', () => {
    const waypoint = new Simulation(
      shop({ shape: 'istio-ambient', waypoint: { cpuLimitCores: Infinity } } as MeshOptions, {
        waypoint: true,
      }),
    );
    expect(sidecars(waypoint).filter((line) => line.startsWith('waypoint'))).toEqual([
      'waypoint b: 8@Infinity',
    ]);
    const linkerd = new Simulation(shop({ shape: 'linkerd' }));
    expect(sidecars(linkerd)).toEqual(['sidecar a: 1@Infinity', 'sidecar b: 1@Infinity']);
    const linkerd211 = new Simulation(shop({ shape: 'linkerd', linkerdVersion: '2.11' }));
    expect(sidecars(linkerd211)).toEqual(['sidecar a: 8@Infinity', 'sidecar b: 8@Infinity']);
  });
});

describe('other meshes', () => {
  it('linkerd: the limit rounded up, and 1 worker (the current Helm values) without one', () => {
    const sim = new Simulation(shop({ shape: 'linkerd' }, { proxyCpuLimitCores: 1.5 }));
    expect(sidecars(sim)).toEqual(['sidecar a: 1@Infinity', 'sidecar b: 2@1.5']);
  });

  it('app-mesh: the limit is a quota only; workers stay the profile', () => {
    const sim = new Simulation(shop({ shape: 'app-mesh' }, { proxyCpuLimitCores: 4 }));
    expect(sidecars(sim)).toEqual(['sidecar a: 2@Infinity', 'sidecar b: 2@4']);
  });

  it('consul: Envoy runs --concurrency 2 (consul-k8s default) whatever the limit, and no limit by default', () => {
    const sim = new Simulation(shop({ shape: 'consul' }, { proxyCpuLimitCores: 0.5 }));
    expect(sidecars(sim)).toEqual(['sidecar a: 2@Infinity', 'sidecar b: 2@0.5']);
  });

  it('istio-ambient: waypoints follow their own limit too', () => {
    const sim = new Simulation(
      shop({ shape: 'istio-ambient', waypoint: { cpuLimitCores: 3.2 } }, { waypoint: true }),
    );
    expect(sidecars(sim).filter((line) => line.startsWith('waypoint'))).toEqual(['waypoint b: 4@3.2']);
  });

  it("istio-ambient: a service's waypoint takes its own limit, and its workers from it", () => {
    const sim = new Simulation(shop({ shape: 'istio-ambient' }, { waypoint: { cpuLimitCores: 0.5 } }));
    expect(sidecars(sim).filter((line) => line.startsWith('waypoint'))).toEqual(['waypoint b: 1@0.5']);
    const written = new Simulation(
      shop({ shape: 'istio-ambient', waypoint: { workers: 3 } }, { waypoint: { cpuLimitCores: 0.5 } }),
    );
    expect(sidecars(written).filter((line) => line.startsWith('waypoint'))).toEqual(['waypoint b: 3@0.5']);
  });
});

describe('a proxy limit that cannot apply is said', () => {
  const warnings = (mesh: MeshOptions, sized = true) =>
    simulate(shop(mesh, { proxyCpuLimitCores: 1 }, sized)).warnings.filter((w) =>
      w.includes('proxyCpuLimit'),
    );

  it('under a shape without sidecars: kept, not applied', () => {
    expect(warnings({ shape: 'istio-ambient' })).toEqual([
      'proxyCpuLimit or proxyCpuRequest of service b: no sidecar runs in their pods under this mesh shape (istio-sidecar, linkerd, app-mesh and consul run one): kept for switching shapes, not applied in this run',
    ]);
    expect(warnings({ shape: 'none' })).toHaveLength(1);
  });

  it('on nodes without a CPU size: no quota, but still workers', () => {
    expect(warnings({ shape: 'istio-sidecar' }, false)).toEqual([
      "proxyCpuLimit of service b sets no CPU quota: their nodes have no CPU size (set nodeCpu, at the top of the scenario or on its cluster); under istio-sidecar and linkerd it still sets their proxies' workers",
    ]);
  });

  it('says nothing when it applies', () => {
    expect(warnings({ shape: 'istio-sidecar' })).toEqual([]);
    expect(warnings({ shape: 'linkerd' })).toEqual([]);
  });
});
