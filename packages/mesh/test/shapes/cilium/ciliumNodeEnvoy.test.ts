// Cilium's node Envoy as Cilium deploys and uses it: traffic goes through it only for destinations configured to need
// it (a call's own timeout or retry stays in the calling application), it connects with Cilium's Envoy settings, it
// runs on every node (Cilium 1.16+ installs the cilium-envoy DaemonSet by default), and mutual authentication alone
// is not counted as mTLS (it encrypts nothing).

import { describe, expect, it } from 'vitest';
import { Simulation, describeRoute, meshPodRequests, simulate, staticWarnings } from '../../../src/index.js';
import type { CallPolicy, MeshConfig, ServiceConfig, SimulationResult } from '../../../src/index.js';
import { NO_DESTINATION_POLICY } from '../../../src/config/policyDefaults.js';
import { call, service } from '../../__helpers__/configs.js';
import { meshOf, twoClusterConfig } from '../../__helpers__/shapeHarness.js';

const TIMEOUT_AND_RETRY: CallPolicy = {
  timeoutMs: 500,
  perTryTimeoutMs: 200,
  retry: { maxAttempts: 3, retryOn: ['5xx'], backoff: { baseMs: 25, maxMs: 250, jitter: 'full' } },
};

/** twoClusterConfig where a's call to b writes `policy`, and b is `b`. */
function config(mesh: MeshConfig, b: Partial<ServiceConfig> = {}, policy?: CallPolicy) {
  const cfg = twoClusterConfig(mesh, b);
  cfg.services = cfg.services.map((s) =>
    s.name === 'a' ? service('a', { calls: [[call('b', policy), call('c')]] }) : s,
  );
  return cfg;
}

/** The described route a-1 → b-2 (cross-node), and the data plane's answers for it. */
function crossNode(mesh: MeshConfig, b: Partial<ServiceConfig> = {}, policy?: CallPolicy) {
  const sim = new Simulation(config(mesh, b, policy));
  const [a1] = sim.instancesOf('a');
  const [, b2] = sim.instancesOf('b');
  if (a1 === undefined || b2 === undefined) throw new Error('placement');
  const route = sim.dataPlane.route(a1.caller, b2);
  return {
    route: describeRoute(route),
    pool: sim.dataPlane.connectionPool(a1.caller, b2, route, true),
    balancer: sim.dataPlane.managedLoadBalancer?.(a1.caller, 'b') ?? null,
  };
}

const LB_L7: Partial<ServiceConfig> = {
  destination: { ...NO_DESTINATION_POLICY, loadBalancer: { kind: 'round-robin' } },
};

describe('cilium: what sends calls through the node Envoy', () => {
  it("a call's own timeout and retry stay in the calling application: no node Envoy on the route, nothing warned", () => {
    const { route } = crossNode(meshOf('cilium'), {}, TIMEOUT_AND_RETRY);
    expect(route.some((station) => station.startsWith('cilium-envoy@'))).toBe(false);
    const warned = staticWarnings(config(meshOf('cilium'), {}, TIMEOUT_AND_RETRY));
    expect(warned.filter((w) => w.message.includes('node Envoy'))).toEqual([]);
  });

  it('a destination with a policy only Envoy runs is reached through it, warned once naming its fields and the timeouts that follow', () => {
    const { route } = crossNode(meshOf('cilium'), LB_L7, TIMEOUT_AND_RETRY);
    expect(route.some((station) => station.startsWith('cilium-envoy@'))).toBe(true);
    const warned = staticWarnings(config(meshOf('cilium'), LB_L7, TIMEOUT_AND_RETRY)).filter((w) =>
      w.message.includes('node Envoy'),
    );
    expect(warned).toHaveLength(1);
    expect(warned[0]?.path).toEqual(['services', 'b']);
    expect(warned[0]?.message).toContain('destinationPolicy.loadBalancer');
    expect(warned[0]?.message).toContain('timeout and retry written on calls from a');
  });
});

describe("cilium: the node Envoy's connections and balancer", () => {
  it("connects to the callee with Cilium's Envoy settings (2 s connect timeout, 60 s idle timeout), not the application's", () => {
    const l7 = crossNode(meshOf('cilium'), LB_L7).pool;
    expect(l7?.spec.connectTimeoutMs).toBe(2000);
    expect(l7?.spec.idleTimeoutMs).toBe(60_000);
    expect(l7?.spec.keepAlive).toBe(true);
    // An eBPF-only call is the application's own connection (Go's 30 s dial timeout).
    expect(crossNode(meshOf('cilium')).pool?.spec.connectTimeoutMs).toBe(30_000);
  });

  it("balances round robin (Cilium's loadbalancer-l7-algorithm default) where the mesh writes no loadBalancer", () => {
    expect(crossNode(meshOf('cilium'), { deadlinePropagation: true }).balancer).toBe('round-robin');
    expect(crossNode(meshOf('cilium')).balancer).toBeNull(); // eBPF: the mesh's random
    expect(
      crossNode(meshOf('cilium', { loadBalancer: 'least-request' }), { deadlinePropagation: true }).balancer,
    ).toBe('least-request');
  });
});

describe('cilium: the cilium-envoy DaemonSet runs on every node (Cilium 1.16+ default)', () => {
  it('counts a node Envoy, its memory and its pod on every node even when no service needs L7', () => {
    const result = simulate(twoClusterConfig(meshOf('cilium')));
    const envoys = result.proxies.byKind.find((kind) => kind.kind === 'cilium-envoy');
    expect(envoys?.count).toBe(3);
    expect(envoys?.memoryMiB).toBeGreaterThan(0);
    expect(meshPodRequests(twoClusterConfig(meshOf('cilium'))).perNodePods).toBe(1);
  });
});

describe('cilium: mutual authentication and encryption', () => {
  const edgeMtls = (result: SimulationResult): boolean | undefined =>
    result.edges.find((e) => e.source === 'a' && e.destination === 'b')?.mtls;
  const run = (options: { mtls?: boolean; encryption?: boolean }): SimulationResult =>
    simulate({ ...twoClusterConfig(meshOf('cilium', options)), durationMs: 500 });

  it('counts an edge as mTLS only with mutual authentication and encryption both on', () => {
    expect(edgeMtls(run({ mtls: true }))).toBe(false);
    expect(edgeMtls(run({ encryption: true }))).toBe(false);
    const both = run({ mtls: true, encryption: true });
    expect(edgeMtls(both)).toBe(true);
    expect(both.mtlsCoverage).toBeGreaterThan(0);
  });

  it('says what mutual authentication alone gives, at mesh.mtls', () => {
    const warned = staticWarnings(twoClusterConfig(meshOf('cilium', { mtls: true })));
    const at = warned.filter((w) => w.path?.join('.') === 'mesh.mtls');
    expect(at).toHaveLength(1);
    expect(at[0]?.message).toContain('does not encrypt');
  });
});

describe('cilium: printed assumptions', () => {
  const assumptions = (): string =>
    simulate({ ...twoClusterConfig(meshOf('cilium')), durationMs: 100 }).assumptions.join('\n');

  it("state WireGuard's CPU per request as the profile charges it (0.002 ms per traversal)", () => {
    const lines = assumptions();
    expect(lines).not.toContain('0.004 ms of CPU per traversal');
    expect(lines).toContain('0.004 ms of CPU per request');
  });

  it("say that a call's timeout and retry run in the calling application unless the destination needs the Envoy", () => {
    const lines = assumptions();
    expect(lines).toContain('calling application');
    expect(lines).toContain('service.cilium.io/lb-l7');
  });
});
