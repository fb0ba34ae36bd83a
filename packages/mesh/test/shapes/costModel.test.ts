// The cost model: proxies by kind, CPU per request and per KiB, memory per endpoint and connection,
// monthly prices from the documented price table, and the assumptions each shape adds to a result.

import { describe, expect, it } from 'vitest';
import { AWS_US_EAST_1_PRICES, shapeAssumptions, simulate } from '../../src/index.js';
import { HOURS_PER_MONTH, LATTICE_FREE_REQUESTS_PER_SERVICE_HOUR } from '../../src/internal/index.js';
import type { MeshConfig, ProxyProfile } from '../../src/index.js';
import { calibrationConfig, meshOf, twoClusterConfig } from '../__helpers__/shapeHarness.js';

const withSidecar = (overrides: Partial<ProxyProfile>): MeshConfig =>
  meshOf('istio-sidecar', { sidecar: overrides });

describe('cost model', () => {
  it('prices CPU and memory per kind for a 730-hour month at the price table, and sums the kinds', () => {
    const result = simulate(calibrationConfig(meshOf('istio-ambient'), { waypoint: true }));
    const p = AWS_US_EAST_1_PRICES;
    let sum = 0;
    for (const kind of result.proxies.byKind) {
      const expected =
        HOURS_PER_MONTH * (kind.cpuCores * p.vcpuHourUsd + (kind.memoryMiB / 1024) * p.gibHourUsd);
      expect(kind.costPerMonthUsd).toBeCloseTo(expected, 9);
      sum += expected;
    }
    expect(result.proxies.costPerMonthUsd).toBeCloseTo(sum, 9);
    expect(result.proxies.priceSource).toBe(p.label);
  });

  it('prices a shape with no proxies (none) at 0 when there are prices, so that costs can be compared with it', () => {
    const priced = simulate(calibrationConfig(meshOf('none')));
    expect(priced.proxies.costPerMonthUsd).toBe(0);
    expect(priced.proxies.requestedCostPerMonthUsd).toBe(0);
    expect(priced.proxies.priceSource).toBe(AWS_US_EAST_1_PRICES.label);
    const unpriced = simulate(calibrationConfig({ ...meshOf('none'), prices: null }));
    expect(unpriced.proxies.costPerMonthUsd).toBeUndefined();
    expect(unpriced.proxies.requestedCostPerMonthUsd).toBeUndefined();
    expect(unpriced.proxies.priceSource).toBeUndefined();
  });

  it('leaves prices out when the mesh has none', () => {
    const result = simulate(calibrationConfig({ ...meshOf('istio-sidecar'), prices: null }));
    expect(result.proxies.costPerMonthUsd).toBeUndefined();
    expect(result.proxies.byKind[0]?.costPerMonthUsd).toBeUndefined();
  });

  it('charges cpuMsPerKiB × payload per traversal on top of CPU per request', () => {
    const base = simulate(calibrationConfig(withSidecar({})));
    const perKiB = simulate(calibrationConfig(withSidecar({ cpuMsPerKiB: 0.01 })));
    const durationMs = base.scenario.durationMs;
    // Only client→server carries payload (1 KiB each way): 2 proxies × 2 traversals per call.
    const calls = base.edges.find((e) => e.source === 'client')?.attempts ?? 0;
    const extraCores = (calls * 4 * 1 * 0.01) / durationMs;
    expect(perKiB.proxies.cpuCores - base.proxies.cpuCores).toBeCloseTo(extraCores, 6);
  });

  it("counts only the CPU a proxy's workers did within the run, not work still queued at its end", () => {
    // Each sidecar gets 5 ms of work per call (2.5 ms per traversal, 2 traversals) at 1000 calls/s: 5 cores
    // of demand on 2 workers, so its queue grows; what it ran is at most its 2 workers for the whole run.
    const overloaded = withSidecar({ cpuMsPerRequest: 5, workers: 2, cpuLimitCores: Infinity });
    const result = simulate(calibrationConfig(overloaded, {}, 2000));
    const sidecars = result.proxies.byKind.find((k) => k.kind === 'envoy-sidecar');
    expect(sidecars?.count).toBe(2);
    const handshakeCores = result.connections.handshakeCpuMs / 2000;
    expect(sidecars?.cpuCores).toBeLessThanOrEqual(2 * 2 + handshakeCores + 1e-9);
    // The work the sidecars took in is more than their workers can do (what was counted before) …
    const admittedCores = ((sidecars?.traversals ?? 0) * 2.5) / 2000;
    expect(admittedCores).toBeGreaterThan(4.5);
    // … and the client's sidecar, saturated, runs its 2 workers all the time.
    expect(sidecars?.cpuCores).toBeGreaterThan(2);
    // On nodes with CPU, what the proxies' containers ran (here too at most their workers, 2 cores each).
    const onNodes = calibrationConfig(overloaded, {}, 2000);
    const nodeCpu = simulate({
      ...onNodes,
      clusters: onNodes.clusters.map((c) => ({ ...c, nodeCpu: 16 })),
    });
    const onNodeSidecars = nodeCpu.proxies.byKind.find((k) => k.kind === 'envoy-sidecar');
    expect(onNodeSidecars?.cpuCores).toBeLessThanOrEqual(2 * 2 + 0.05);
    expect(onNodeSidecars?.cpuCores).toBeGreaterThan(2);
    expect(((onNodeSidecars?.traversals ?? 0) * 2.5) / 2000).toBeGreaterThan(4.5);
  });

  it('adds memoryPerConnectionKiB for each pooled connection (one per caller × target instance route)', () => {
    const base = simulate(calibrationConfig(withSidecar({})));
    const pooled = simulate(calibrationConfig(withSidecar({ memoryPerConnectionKiB: 64 })));
    // Routes: load→client (client sidecar) and client→server (both sidecars) = 3 connections.
    expect(pooled.proxies.memoryMiB - base.proxies.memoryMiB).toBeCloseTo((3 * 64) / 1024, 9);
  });

  it('counts proxies by kind: ztunnels per node, waypoint replicas, and Cilium node Envoys with or without L7', () => {
    const ambient = simulate(twoClusterConfig(meshOf('istio-ambient'), { waypoint: { replicas: 2 } }));
    expect(ambient.proxies.byKind.map((k) => [k.kind, k.count])).toEqual([
      ['ztunnel', 3],
      ['waypoint', 2],
      ['istio-cni', 3],
    ]);
    // The CNI node agents are no proxies: not counted, no CPU or memory used, only their requests.
    expect(ambient.proxies.count).toBe(5);
    expect(ambient.proxies.byKind[2]).toMatchObject({ cpuCores: 0, memoryMiB: 0, traversals: 0 });
    expect(ambient.proxies.byKind[2]?.cpuRequestedCores).toBeCloseTo(0.3, 12);
    // The cilium-envoy DaemonSet runs on every node (Cilium 1.16+), L7 or not; the eBPF datapath is no proxy the user
    // deploys.
    const cilium = simulate(twoClusterConfig(meshOf('cilium')));
    expect(cilium.proxies.byKind.map((k) => [k.kind, k.count])).toEqual([
      ['cilium-ebpf', 3],
      ['cilium-envoy', 3],
    ]);
    expect(cilium.proxies.count).toBe(3);
    const ciliumL7 = simulate(twoClusterConfig(meshOf('cilium'), { deadlinePropagation: true }));
    expect(ciliumL7.proxies.byKind.map((k) => [k.kind, k.count])).toEqual([
      ['cilium-ebpf', 3],
      ['cilium-envoy', 3],
    ]);
  });

  it('prices what the containers request too: the capacity reserved, used or not', () => {
    const sidecar = simulate(twoClusterConfig(meshOf('istio-sidecar')));
    const p = AWS_US_EAST_1_PRICES;
    const cores = sidecar.proxies.cpuRequestedCores ?? 0;
    const mib = sidecar.proxies.memoryRequestedMiB ?? 0;
    expect(cores).toBeGreaterThan(0);
    expect(sidecar.proxies.requestedCostPerMonthUsd).toBeCloseTo(
      HOURS_PER_MONTH * (cores * p.vcpuHourUsd + (mib / 1024) * p.gibHourUsd),
      9,
    );
    // Linkerd's proxies request nothing by default: their requests cost 0; without prices, nothing is priced.
    expect(simulate(twoClusterConfig(meshOf('linkerd'))).proxies.requestedCostPerMonthUsd).toBe(0);
    const unpriced = simulate(twoClusterConfig({ ...meshOf('istio-sidecar'), prices: null }));
    expect(unpriced.proxies.requestedCostPerMonthUsd).toBeUndefined();
  });

  it('prices Lattice per service-hour, request and GB; layered bills only the Lattice services called across clusters', () => {
    // 100 req/s per called service: 360,000 requests an hour, of which the first 300,000 are free.
    const billedPerMonth = (rps: number) =>
      ((Math.max(0, rps * 3600 - LATTICE_FREE_REQUESTS_PER_SERVICE_HOUR) * HOURS_PER_MONTH) / 1e6) *
      AWS_US_EAST_1_PRICES.latticeMillionRequestsUsd;
    const lattice = simulate(twoClusterConfig(meshOf('vpc-lattice')));
    const hop = lattice.proxies.byKind.find((k) => k.kind === 'vpc-lattice');
    const p = AWS_US_EAST_1_PRICES;
    const seconds = lattice.scenario.durationMs / 1000;
    const rpsOf = (result: typeof lattice, service: string) =>
      (result.edges.filter((e) => e.destination === service).reduce((n, e) => n + e.attempts, 0) ?? 0) /
      seconds;
    const serviceHours = HOURS_PER_MONTH * 3 * p.latticeServiceHourUsd;
    const requests =
      billedPerMonth(rpsOf(lattice, 'a')) +
      billedPerMonth(rpsOf(lattice, 'b')) +
      billedPerMonth(rpsOf(lattice, 'c'));
    expect(requests).toBeGreaterThan(0);
    expect(hop?.costPerMonthUsd).toBeCloseTo(serviceHours + requests, 6); // no payload bytes set
    const layered = simulate(twoClusterConfig(meshOf('layered')));
    const layeredHop = layered.proxies.byKind.find((k) => k.kind === 'vpc-lattice');
    expect(layeredHop?.costPerMonthUsd).toBeCloseTo(
      HOURS_PER_MONTH * 1 * p.latticeServiceHourUsd + billedPerMonth(rpsOf(layered, 'c')),
      6,
    );
  });

  it('appends the shape’s assumptions to the result (layered: its layers’ too)', () => {
    const linkerd = simulate(calibrationConfig(meshOf('linkerd')));
    expect(
      linkerd.assumptions.some((a) => a.includes('linkerdVersion current') && a.includes('derived')),
    ).toBe(true);
    const linkerd211 = shapeAssumptions(meshOf('linkerd', { linkerdVersion: '2.11' }));
    expect(
      linkerd211.some((a) => a.includes('linkerdVersion 2.11') && a.includes('derived, not measured')),
    ).toBe(true);
    const layered = shapeAssumptions(meshOf('layered'));
    expect(layered.some((a) => a.startsWith('layered:'))).toBe(true);
    expect(layered.some((a) => a.startsWith('istio-ambient:'))).toBe(true);
    expect(layered.some((a) => a.startsWith('vpc-lattice:'))).toBe(true);
    expect(shapeAssumptions(meshOf('none'))).toEqual([]);
  });
});
