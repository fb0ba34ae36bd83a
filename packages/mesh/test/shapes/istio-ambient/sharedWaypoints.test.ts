// Waypoints shared by name (istio-ambient): services naming the same waypoint use one deployment — its
// replicas, CPU and memory counted once, a crash of it felt by all of them — as a namespace's waypoint is.

import { describe, expect, it } from 'vitest';
import { Simulation, describeRoute, planWaypoints, simulate } from '../../../src/index.js';
import type { FaultConfig, ServiceConfig } from '../../../src/index.js';
import { waypointDeployments } from '../../../src/internal/index.js';
import { assertResultInvariants } from '../../__helpers__/assertions.js';
import { call, config, poisson, service } from '../../__helpers__/configs.js';

/** a calls b and c; b and c get `waypoint` each. */
function shop(b: Partial<ServiceConfig>, c: Partial<ServiceConfig>, faults: FaultConfig[] = []) {
  return config(
    [
      service('a', { replicas: 2, concurrency: 64, calls: [[call('b'), call('c')]] }),
      service('b', { replicas: 2, concurrency: 64, ...b }),
      service('c', { replicas: 2, concurrency: 64, ...c }),
    ],
    [poisson('a', 100)],
    { shape: 'istio-ambient', durationMs: 8000, faults },
  );
}

const SHARED = { waypoint: { name: 'shop-waypoint' } };

describe('istio-ambient waypoints shared by name', () => {
  it('routes both services through the same waypoint pod, and counts it once', () => {
    const sim = new Simulation(shop(SHARED, SHARED));
    const [a1] = sim.instancesOf('a');
    const [b1] = sim.instancesOf('b');
    const [c1] = sim.instancesOf('c');
    if (a1 === undefined || b1 === undefined || c1 === undefined) throw new Error('placement');
    const hop = (route: readonly string[]): string | undefined =>
      route.find((s) => s.startsWith('waypoint@'));
    expect(hop(describeRoute(sim.dataPlane.route(a1.caller, b1)))).toBeDefined();
    expect(hop(describeRoute(sim.dataPlane.route(a1.caller, b1)))).toBe(
      hop(describeRoute(sim.dataPlane.route(a1.caller, c1))),
    );
    const waypoints = sim.dataPlane.proxies().filter((p) => p.role === 'waypoint');
    expect(waypoints.map((p) => p.name)).toEqual(['shop-waypoint-1']);
    expect(waypoints[0]?.boundServices).toEqual(['b', 'c']);
    const result = sim.run();
    assertResultInvariants(result, 3);
    expect(result.proxies.byKind.find((k) => k.kind === 'waypoint')?.count).toBe(1);
  });

  it('a service of its own waypoint each: two deployments, named after the services', () => {
    const sim = new Simulation(shop({ waypoint: true }, { waypoint: true }));
    const names = sim.dataPlane
      .proxies()
      .filter((p) => p.role === 'waypoint')
      .map((p) => p.name);
    expect(names).toEqual(['b-waypoint-1', 'c-waypoint-1']);
  });

  it('a shared waypoint costs one pod’s memory, two own waypoints two', () => {
    const memory = (b: Partial<ServiceConfig>, c: Partial<ServiceConfig>): number =>
      simulate(shop(b, c)).proxies.byKind.find((k) => k.kind === 'waypoint')?.memoryMiB ?? 0;
    const shared = memory(SHARED, SHARED);
    expect(memory({ waypoint: true }, { waypoint: true })).toBeCloseTo(2 * shared, 6);
  });

  it('a crash of the waypoint bound to b also cuts c, which shares it', () => {
    const crash: FaultConfig = {
      atMs: 2000,
      durationMs: 4000,
      service: 'b',
      instances: 1,
      effect: { kind: 'crash-proxy', proxy: 'waypoint' },
    };
    const result = simulate(shop(SHARED, SHARED, [crash]));
    assertResultInvariants(result, 3);
    const failed = (to: string): number =>
      result.edges.find((e) => e.source === 'a' && e.destination === to)?.failed ?? 0;
    expect(failed('b')).toBeGreaterThan(0);
    expect(failed('c')).toBeGreaterThan(0);
    // With waypoints of their own, c keeps working.
    const own = simulate(shop({ waypoint: true }, { waypoint: true }, [crash]));
    expect(own.edges.find((e) => e.source === 'a' && e.destination === 'c')?.failed).toBe(0);
  });

  it('takes the replicas and CPU limit one service sets for the shared deployment, and refuses two that disagree', () => {
    const services = [
      service('b', { waypoint: { name: 'w', cpuLimitCores: 4 } }),
      service('c', { waypoint: { name: 'w', replicas: 3 } }),
    ];
    expect(waypointDeployments(services, 1)).toEqual([
      {
        name: 'w',
        cluster: 'cluster-1',
        replicas: 3,
        replicasFrom: 'c',
        cpuLimitCores: 4,
        cpuLimitFrom: 'b',
        services: ['b', 'c'],
        ownedBy: null,
      },
    ]);
    expect(() =>
      waypointDeployments([...services, service('d', { waypoint: { name: 'w', cpuLimitCores: 1 } })], 1),
    ).toThrow(
      'services.d.waypoint.cpuLimit: 1 cores differs from services.b.waypoint.cpuLimit (4 cores) for the shared waypoint "w"',
    );
    expect(() =>
      waypointDeployments([...services, service('d', { waypoint: { name: 'w', replicas: 2 } })], 1),
    ).toThrow(
      'services.d.waypoint.replicas: 2 differs from services.c.waypoint.replicas (3) for the shared waypoint "w"',
    );
  });

  it('lists every issue at once for the scenario, each with its field (replicas of 0 from the mesh, too)', () => {
    const { deployments, issues } = planWaypoints(
      [
        service('b', { waypoint: true }),
        service('c', { waypoint: { name: 'w', replicas: 2 } }),
        service('d', { cluster: 'cluster-2', waypoint: { name: 'w' } }),
      ],
      0,
    );
    expect(deployments.map((d) => d.name)).toEqual(['w']);
    expect(issues).toEqual([
      {
        service: 'b',
        field: 'waypoint.replicas',
        reason: "must be an integer >= 1 (got 0, the mesh's waypoint.replicas)",
      },
      {
        service: 'd',
        field: 'waypoint',
        reason:
          'waypoint "w" runs in cluster "cluster-1" (services.c), but d runs in "cluster-2"; a waypoint serves one cluster',
      },
    ]);
  });

  it('refuses a waypoint shared across clusters, naming both services', () => {
    expect(() =>
      waypointDeployments(
        [
          service('b', { waypoint: { name: 'w' } }),
          service('c', { cluster: 'cluster-2', waypoint: { name: 'w' } }),
        ],
        1,
      ),
    ).toThrow(
      'services.c.waypoint: waypoint "w" runs in cluster "cluster-1" (services.b), but c runs in "cluster-2"; a waypoint serves one cluster',
    );
  });
});
