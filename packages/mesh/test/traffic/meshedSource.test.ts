// A traffic source with `from` runs in that service's first pod: its requests leave through the pod's
// data plane (its sidecar, its node's ztunnel), on mTLS where the mesh encrypts, under the mesh's
// default policy when the source sets none. Without `from` it stays outside the mesh.

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CLUSTERS,
  ENVOY_DEFAULT_BACKOFF,
  NO_POLICY,
  meshShapeNames,
  resolveMeshConfig,
  simulate,
} from '../../src/index.js';
import type { CallPolicy, SimulationResult, TrafficConfig } from '../../src/index.js';
import { assertConservation } from '../__helpers__/assertions.js';
import { config, poisson, service } from '../__helpers__/configs.js';

/** `api` behind a load generator pod `loadgen` (on a node of its own; it serves nothing itself). */
function run(shape: string, source: TrafficConfig): SimulationResult {
  const result = simulate(
    config(
      [
        service('api', { replicas: 1, serviceTimeMs: { kind: 'exponential', mean: 1 } }),
        service('loadgen', { replicas: 1, dedicatedNodes: true }),
      ],
      [source],
      { shape, durationMs: 5000 },
    ),
  );
  assertConservation(result);
  return result;
}

const outside = poisson('api', 200);
const users: TrafficConfig = {
  kind: 'closed',
  name: 'users',
  to: 'api',
  users: 20,
  thinkTimeMs: { kind: 'constant', value: 50 },
  policy: NO_POLICY,
};
const meshed: TrafficConfig = { ...poisson('api', 200), from: 'loadgen' };

/** Calls of the run's one edge. */
function calls(result: SimulationResult): number {
  return result.edges[0]?.calls ?? NaN;
}

/** Traversals of the proxies of `kind`. */
function traversals(result: SimulationResult, kind: string): number {
  const totals = result.proxies.byKind.find((k) => k.kind.startsWith(kind));
  if (totals === undefined)
    throw new Error(`no proxies of kind ${kind}: ${result.proxies.byKind.map((k) => k.kind).join(', ')}`);
  return totals.traversals ?? NaN;
}

describe('a meshed traffic source (`from`)', () => {
  it("istio-sidecar: its requests pass its own pod's sidecar too (four traversals per request, not two)", () => {
    const out = run('istio-sidecar', outside);
    const inMesh = run('istio-sidecar', meshed);
    expect(traversals(out, 'envoy-sidecar') / calls(out)).toBeCloseTo(2, 1);
    expect(traversals(inMesh, 'envoy-sidecar') / calls(inMesh)).toBeCloseTo(4, 1);
    // Same arrivals, one proxy more each way: slower by at least two sidecar traversals' medians.
    expect(inMesh.edges[0]?.latency.p50Ms).toBeGreaterThan(out.edges[0]?.latency.p50Ms ?? Infinity);
  });

  it('istio-sidecar: the edge is mTLS between the two sidecars (handshakes), plaintext from outside', () => {
    const out = run('istio-sidecar', outside);
    const inMesh = run('istio-sidecar', meshed);
    expect(out.edges[0]?.mtls).toBe(false);
    expect(inMesh.edges[0]?.mtls).toBe(true);
    expect(inMesh.mtlsCoverage).toBe(1);
    expect(out.connections.tlsHandshakes).toBe(0);
    expect(inMesh.connections.tlsHandshakes).toBeGreaterThan(0);
  });

  it("istio-ambient: it passes its node's ztunnel as well as the callee's", () => {
    const out = run('istio-ambient', outside);
    const inMesh = run('istio-ambient', meshed);
    expect(traversals(out, 'ztunnel') / calls(out)).toBeCloseTo(2, 1);
    expect(traversals(inMesh, 'ztunnel') / calls(inMesh)).toBeCloseTo(4, 1);
  });

  it('none: nothing but the network changes (no proxies either way)', () => {
    const inMesh = run('none', meshed);
    expect(inMesh.proxies.count).toBe(0);
    expect(inMesh.edges[0]?.source).toBe('client');
    expect(inMesh.edges[0]?.failed).toBe(0);
  });

  it('gets the mesh default policy when it sets none (policySet: false), its own when it does', () => {
    // A mesh whose default retries 503s; one worker and no queue, so most requests are refused with a 503.
    const retry503: CallPolicy = {
      timeoutMs: Infinity,
      perTryTimeoutMs: Infinity,
      retry: { maxAttempts: 2, retryOn: ['5xx'], backoff: ENVOY_DEFAULT_BACKOFF },
    };
    const overloaded = (source: TrafficConfig): SimulationResult =>
      simulate(
        config(
          [
            service('api', {
              replicas: 2,
              concurrency: 1,
              queueCapacity: 0,
              serviceTimeMs: { kind: 'constant', value: 10 },
            }),
            service('loadgen', { replicas: 1 }),
          ],
          [source],
          {
            durationMs: 2000,
            mesh: resolveMeshConfig({ shape: 'istio-sidecar', defaultPolicy: retry503 }),
          },
        ),
      );
    const unset = overloaded({ ...meshed, policySet: false });
    const explicitNone = overloaded({ ...meshed, policy: NO_POLICY, policySet: true });
    const outsideUnset = overloaded({ ...outside, policySet: false });
    expect(unset.edges[0]?.failures.rejected).toBeGreaterThan(0);
    expect(unset.edges[0]?.retries).toBeGreaterThan(0);
    expect(explicitNone.edges[0]?.retries).toBe(0);
    // A source outside the mesh has no proxy to apply the mesh's default.
    expect(outsideUnset.edges[0]?.retries).toBe(0);
  });

  it.each(meshShapeNames())(
    '%s: a meshed source and a closed-loop one run clean (every call succeeds, requests are conserved)',
    (shape) => {
      for (const source of [meshed, { ...users, from: 'loadgen' }]) {
        const result = run(shape, source);
        expect(result.edges[0]?.calls).toBeGreaterThan(0);
        expect(result.edges[0]?.failed).toBe(0);
        expect(result.warnings.filter((w) => w.includes('loadgen'))).toEqual([]);
      }
    },
  );

  it("on a dedicated node (the host service's `dedicatedNodes`): its sidecar's CPU is on a node no other pod uses", () => {
    const result = simulate(
      config(
        [
          service('api', { replicas: 2, serviceTimeMs: { kind: 'exponential', mean: 1 } }),
          service('loadgen', { replicas: 1, dedicatedNodes: true }),
        ],
        [meshed],
        {
          shape: 'istio-sidecar',
          durationMs: 2000,
          clusters: DEFAULT_CLUSTERS.map((c) => ({ ...c, nodeCpu: 2 })),
        },
      ),
    );
    const nodes = result.nodes.map((n) => n.name);
    expect(nodes).toHaveLength(13); // the cluster's 12 and the load generator's own
    const own = result.nodes.find((n) => n.name === 'cluster-1/zone-a/loadgen-node-1');
    expect(own?.utilisation).toBeGreaterThan(0);
    // The api pods are on the shared nodes: the first of each of two zones.
    const busy = result.nodes.filter((n) => n.utilisation > 0).map((n) => n.name);
    expect(busy).toEqual([
      'cluster-1/zone-a/node-1',
      'cluster-1/zone-b/node-1',
      'cluster-1/zone-a/loadgen-node-1',
    ]);
  });

  it('names the source and the field when `from` is not a service', () => {
    expect(() => run('istio-sidecar', { ...meshed, from: 'nope' })).toThrow(
      'traffic source "client": from: unknown service "nope"',
    );
  });
});
