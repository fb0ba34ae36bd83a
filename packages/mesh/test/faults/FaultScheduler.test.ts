// Failure semantics: proxy crashes, node crashes and control-plane outages (stale endpoints).

import { describe, expect, it } from 'vitest';
import { NO_DESTINATION_POLICY, NO_POLICY, resolveMeshConfig, simulate } from '../../src/index.js';
import type { EdgeMetrics, FaultConfig, SimulationResult } from '../../src/index.js';
import { assertConservation } from '../__helpers__/assertions.js';
import { call, config, poisson, service } from '../__helpers__/configs.js';

function edge(result: SimulationResult, source: string, destination: string): EdgeMetrics {
  const found = result.edges.find((e) => e.source === source && e.destination === destination);
  if (found === undefined) throw new Error(`no edge ${source} -> ${destination}`);
  return found;
}

const fault = (effect: FaultConfig['effect'], overrides: Partial<FaultConfig> = {}): FaultConfig => ({
  atMs: 2000,
  durationMs: 4000,
  service: 'b',
  instances: 1,
  effect,
  ...overrides,
});

describe('faults', () => {
  const services = [
    service('a', { replicas: 2, concurrency: 64, calls: [[call('b')]] }),
    service('b', { replicas: 4, concurrency: 64 }),
  ];

  it('a crashed sidecar cuts only its own pod: calls to that instance fail to connect while it is down', () => {
    const cfg = config(services, [poisson('a', 400)], {
      shape: 'istio-sidecar',
      durationMs: 8000,
      faults: [fault({ kind: 'crash-proxy', proxy: 'sidecar' })],
      mesh: {
        ...config([], [], { shape: 'istio-sidecar' }).mesh,
        defaultPolicy: config([], []).mesh.defaultPolicy,
      },
    });
    const result = simulate(cfg);
    const ab = edge(result, 'a', 'b');
    // 1 of 4 instances unreachable, with no retries, until its NotReady pod leaves the endpoint lists 1 s into its
    // 4 s crash: about 1/4 × 1/8 of calls fail.
    expect(ab.failures['connect-failure'] + ab.failures.reset).toBeGreaterThan(0.02 * ab.calls);
    expect(ab.failures['connect-failure'] + ab.failures.reset).toBeLessThan(0.05 * ab.calls);
    // The instance itself did not crash: no service-side resets.
    expect(result.services.find((s) => s.name === 'b')?.instances).toBe(4);
    assertConservation(result);
  });

  it("a crashed sidecar makes its pod NotReady: callers drop it after the endpoint update delay, however long it's down", () => {
    const run = (durationMs: number, endpointUpdateDelayMs = 1000): EdgeMetrics => {
      const cfg = config(services, [poisson('a', 400)], {
        shape: 'istio-sidecar',
        durationMs: 9000,
        faults: [fault({ kind: 'crash-proxy', proxy: 'sidecar' }, { durationMs })],
      });
      cfg.mesh = { ...cfg.mesh, defaultPolicy: NO_POLICY, endpointUpdateDelayMs };
      return edge(simulate(cfg), 'a', 'b');
    };
    const lost = (e: EdgeMetrics) => e.failures['connect-failure'] + e.failures.reset;
    // Down 2 s or 6 s: only the first second (the update delay) sends it calls, ~1/4 × 400/s × 1 s ≈ 100.
    const short = run(2000);
    const long = run(6000);
    expect(lost(short)).toBeGreaterThan(60);
    expect(lost(long)).toBeLessThan(150);
    expect(Math.abs(lost(long) - lost(short))).toBeLessThan(40);
    // A shorter delay drops it sooner.
    expect(lost(run(6000, 250))).toBeLessThan(lost(long) / 2);
  });

  it('a crash-proxy fault on a shape without that proxy warns and does nothing', () => {
    const result = simulate(
      config(services, [poisson('a', 100)], {
        shape: 'none',
        faults: [fault({ kind: 'crash-proxy', proxy: 'sidecar' })],
      }),
    );
    expect(result.warnings.join('\n')).toMatch(/has no sidecar proxy for service b/);
    expect(edge(result, 'a', 'b').failed).toBe(0);
  });

  it('names a fault at the start of the run `at 0 s`, as the reports write a zero duration (not `0 ms`)', () => {
    const result = simulate(
      config(services, [poisson('a', 100)], {
        shape: 'none',
        faults: [fault({ kind: 'crash-proxy', proxy: 'sidecar' }, { atMs: 0 })],
      }),
    );
    expect(result.warnings.join('\n')).toMatch(/^fault at 0 s: mesh shape none has no sidecar proxy/m);
  });

  it('warns of a fault that starts at or after the end of the run (it does not happen), and of no other', () => {
    const run = (atMs: number): SimulationResult =>
      simulate(
        config(services, [poisson('a', 100)], {
          shape: 'none',
          durationMs: 3000,
          faults: [fault({ kind: 'crash' }, { atMs })],
        }),
      );
    expect(run(3000).warnings).toContain(
      'fault crash on b starts at 3 s, at or after the end of the run (3 s): it does not happen in this run (lengthen the run to include it)',
    );
    expect(run(12_500).warnings.join('\n')).toMatch(
      /fault crash on b starts at 12\.5 s, at or after the end of the run/,
    );
    expect(run(2999).warnings.join('\n')).not.toMatch(/at or after the end of the run/);
  });

  it('a crashed reachable node takes down every instance placed on it, of every service, as a pod crash does', () => {
    const cfg = config(
      [
        service('a', { replicas: 12, concurrency: 64, calls: [[call('b')]] }),
        service('b', { replicas: 12, concurrency: 64 }),
      ],
      [poisson('a', 400)],
      { durationMs: 8000, faults: [fault({ kind: 'crash-node', reachable: true })] },
    );
    const result = simulate(cfg);
    // 12 replicas over 12 nodes: b-1 shares its node with a-1, so both services see failures.
    expect(
      edge(result, 'client', 'a').failures['connect-failure'] + edge(result, 'client', 'a').failures.reset,
    ).toBeGreaterThan(0);
    expect(
      edge(result, 'a', 'b').failures['connect-failure'] + edge(result, 'a', 'b').failures.reset,
    ).toBeGreaterThan(0);
    assertConservation(result);
  });

  describe('an application crash behind an Envoy sidecar that stays up (istio-sidecar)', () => {
    const run = (
      shape: string,
      effect: FaultConfig['effect'],
      istioVersion?: '1.20' | '1.24',
    ): EdgeMetrics => {
      const cfg = config(services, [poisson('a', 400)], {
        shape,
        durationMs: 8000,
        faults: [fault(effect)],
      });
      if (istioVersion !== undefined) cfg.mesh = resolveMeshConfig({ shape: 'istio-sidecar', istioVersion });
      const result = simulate(cfg);
      assertConservation(result);
      return edge(result, 'a', 'b');
    };

    it("gets the callee sidecar's 503 (upstream connect failure), not a refused or reset connection", () => {
      const ab = run('istio-sidecar', { kind: 'crash' }, '1.24');
      expect(ab.failures['service-unavailable']).toBeGreaterThan(0);
      expect(ab.failures['connect-failure'] + ab.failures.reset).toBe(0);
    });

    it('is not retried by Istio 1.24’s default policy, and is by 1.23’s and earlier (retriable-status-codes 503)', () => {
      expect(run('istio-sidecar', { kind: 'crash' }, '1.24').retries).toBe(0);
      const legacy = run('istio-sidecar', { kind: 'crash' }, '1.20');
      expect(legacy.retries).toBeGreaterThan(0);
      // Retried on other pods: almost every call still succeeds.
      expect(legacy.failed).toBeLessThan(0.01 * legacy.calls);
    });

    it('without a sidecar, or when the whole pod goes (sidecar too), the caller sees its connection refused or reset', () => {
      const direct = run('none', { kind: 'crash' });
      expect(direct.failures['connect-failure'] + direct.failures.reset).toBeGreaterThan(0);
      expect(direct.failures['service-unavailable']).toBe(0);
      const wholePod = run('istio-sidecar', { kind: 'crash-node', reachable: true }, '1.24');
      expect(wholePod.failures['connect-failure'] + wholePod.failures.reset).toBeGreaterThan(0);
      expect(wholePod.failures['service-unavailable']).toBe(0);
    });
  });

  describe('an application crash behind a Linkerd proxy that stays up (linkerd)', () => {
    const run = (effect: FaultConfig['effect'] | null): { ab: EdgeMetrics; connections: number } => {
      const cfg = config(services, [poisson('a', 400)], {
        shape: 'linkerd',
        durationMs: 8000,
        faults: effect === null ? [] : [fault(effect)],
      });
      const result = simulate(cfg);
      assertConservation(result);
      const ab = edge(result, 'a', 'b');
      return { ab, connections: ab.connectionsOpened };
    };

    it("gets the callee proxy's 502 (linkerd2-proxy's answer to a connection error), not a refused or reset connection", () => {
      const { ab } = run({ kind: 'crash' });
      expect(ab.failures['bad-gateway']).toBeGreaterThan(0);
      expect(ab.failures['connect-failure'] + ab.failures.reset).toBe(0);
    });

    it('keeps the callers’ connections to the proxy: no more are opened than without the fault', () => {
      const healthy = run(null);
      const crashed = run({ kind: 'crash' });
      expect(crashed.connections).toBe(healthy.connections);
    });

    it('when the whole pod goes (the proxy too), the caller sees its connection refused or reset', () => {
      const { ab } = run({ kind: 'crash-node', reachable: true });
      expect(ab.failures['connect-failure'] + ab.failures.reset).toBeGreaterThan(0);
      expect(ab.failures['bad-gateway']).toBe(0);
    });
  });

  it("records what a node crash took down: the node, every service's pods on it, its per-node proxies", () => {
    const cfg = config(
      [
        service('a', { replicas: 12, concurrency: 64, calls: [[call('b')]] }),
        service('b', { replicas: 12, concurrency: 64 }),
      ],
      [poisson('a', 100)],
      { shape: 'istio-ambient', durationMs: 4000, faults: [fault({ kind: 'crash-node' })] },
    );
    const [crash, ...more] = simulate(cfg).nodeCrashes ?? [];
    expect(more).toEqual([]);
    // 12 replicas over 12 nodes: b-1 shares its node with a-1, and with that node's ztunnel.
    expect(crash).toMatchObject({
      fault: 0,
      atMs: 2000,
      service: 'b',
      reachable: false,
      services: [
        { service: 'a', pods: 1, of: 12 },
        { service: 'b', pods: 1, of: 12 },
      ],
      sidecars: 0,
      proxies: [{ kind: 'ztunnel', count: 1 }],
    });
    expect(crash?.nodes).toHaveLength(1);
    // No node crash, no record.
    expect(simulate({ ...cfg, faults: [fault({ kind: 'crash' })] }).nodeCrashes).toBeUndefined();
  });

  describe('a powered-off node (crash-node, the default)', () => {
    const withTimeout = { ...NO_POLICY, timeoutMs: 500 };
    const powerOff = (effect: Partial<Extract<FaultConfig['effect'], { kind: 'crash-node' }>> = {}) =>
      fault({ kind: 'crash-node', ...effect }, { atMs: 2000, durationMs: 20_000 });
    const run = (faults: FaultConfig[], protocol: 'http1' | 'http2' = 'http1'): SimulationResult =>
      simulate(
        config(
          [
            service('a', { replicas: 12, concurrency: 64, protocol, calls: [[call('b', withTimeout)]] }),
            service('b', { replicas: 12, concurrency: 64, protocol }),
          ],
          [poisson('a', 400, withTimeout)],
          { durationMs: 16_000, faults },
        ),
      );
    /** Seconds in which the edge failed calls. */
    const failingSeconds = (result: SimulationResult, source: string, destination: string): number[] => {
      const series = result.timeSeries.edges.find(
        (e) => e.source === source && e.destination === destination,
      );
      const intervalS = result.timeSeries.intervalMs / 1000;
      return (series?.failed ?? []).flatMap((n, i) => (n > 0 ? [i * intervalS] : []));
    };

    it('answers nothing: calls to its pods end by their timeouts, never with a reset or a refused connection', () => {
      const result = run([powerOff({ nodeMonitorGracePeriodMs: 5000 })]);
      for (const [source, destination] of [
        ['client', 'a'],
        ['a', 'b'],
      ] as const) {
        const failures = edge(result, source, destination).failures;
        expect(failures.timeout).toBeGreaterThan(0);
        expect(failures.reset + failures['connect-failure']).toBe(0);
      }
      assertConservation(result);
    });

    it('keeps its pods in the endpoints until the node-monitor grace period and the update delay have passed', () => {
      // Down from 2 s to 22 s; marked NotReady at 7 s, out of the endpoints at 8 s: the last failing calls
      // were sent before 8 s and time out 500 ms later.
      const seconds = failingSeconds(run([powerOff({ nodeMonitorGracePeriodMs: 5000 })]), 'a', 'b');
      expect(seconds[0]).toBeGreaterThanOrEqual(2);
      expect(seconds.at(-1)).toBeGreaterThanOrEqual(7);
      expect(seconds.at(-1)).toBeLessThan(9);
      // Kubernetes' default grace period (50 s) outlasts the run: the pods never leave, calls fail to the end.
      expect(failingSeconds(run([powerOff()]), 'a', 'b').at(-1)).toBeGreaterThanOrEqual(15);
    });

    it('a node back before the grace period never left the endpoints: nothing fails once it is back', () => {
      const brief = fault(
        { kind: 'crash-node', nodeMonitorGracePeriodMs: 5000 },
        { atMs: 2000, durationMs: 3000 },
      );
      // Back at 5 s: calls sent until then time out by 5.5 s; nothing fails after.
      expect(failingSeconds(run([brief]), 'a', 'b').at(-1)).toBeLessThan(6);
      assertConservation(run([brief]));
    });

    it('a returned node rebooted: the first request on each connection to its pods opened before the crash is reset', () => {
      const brief = fault(
        { kind: 'crash-node', nodeMonitorGracePeriodMs: 5000 },
        { atMs: 2000, durationMs: 3000 },
      );
      // HTTP/2: a timed-out request leaves its connection open (HTTP/1.1 closes it), so connections outlive the crash.
      const result = run([brief], 'http2');
      for (const [source, destination] of [
        ['client', 'a'],
        ['a', 'b'],
      ] as const) {
        // Requests sent while it was off time out; after it is back (5 s), stale connections answer a reset once
        // each, at their next use (a few seconds at these rates); then nothing fails.
        expect(edge(result, source, destination).failures.reset).toBeGreaterThan(0);
        expect(failingSeconds(result, source, destination).at(-1)).toBeLessThan(10);
      }
      // Once per connection: at most one per (a pod, b pod) pair, with HTTP/2's one connection per pair.
      expect(edge(result, 'a', 'b').failures.reset).toBeLessThanOrEqual(12 * 12);
      assertConservation(result);
    });
  });

  it("a callee's connectionPool.connectTimeout sets how long the callers' sidecars wait for a new connection to a powered-off pod", () => {
    const run = (connectTimeoutMs?: number): EdgeMetrics => {
      const unlimited = {
        maxConnections: Infinity,
        maxPendingRequests: Infinity,
        maxRequests: Infinity,
        maxRetries: Infinity,
      };
      const connectionPool = connectTimeoutMs === undefined ? unlimited : { ...unlimited, connectTimeoutMs };
      const cfg = config(
        [
          service('a', { replicas: 2, concurrency: 64, calls: [[call('b')]] }),
          service('b', {
            replicas: 4,
            concurrency: 64,
            destination: { ...NO_DESTINATION_POLICY, connectionPool },
          }),
        ],
        [poisson('a', 200)],
        {
          shape: 'istio-sidecar',
          durationMs: 8000,
          faults: [fault({ kind: 'crash-node' }, { durationMs: 60_000 })],
        },
      );
      // No retries: each failed connection is one failed call.
      cfg.mesh = { ...cfg.mesh, defaultPolicy: NO_POLICY };
      return edge(simulate(cfg), 'a', 'b');
    };
    // Istio's 10 s outlasts the run (node off at 2 s, run over at 8 s): no new connection has failed yet.
    expect(run().failures['connect-failure']).toBe(0);
    expect(run(1000).failures['connect-failure']).toBeGreaterThan(0);
  });

  it('warns when a node stays down longer than Kubernetes would leave its pods on it (300 s after it is marked)', () => {
    const long = (downMs: number, runMs: number, reachable?: boolean) =>
      simulate(
        config(services, [poisson('a', 1)], {
          durationMs: runMs,
          faults: [
            fault(reachable === undefined ? { kind: 'crash-node' } : { kind: 'crash-node', reachable }, {
              atMs: 1000,
              durationMs: downMs,
            }),
          ],
        }),
      ).warnings.filter((w) => w.includes('node.kubernetes.io/unreachable'));
    expect(long(400_000, 320_000, true)).toEqual([
      'fault at 1 s: its nodes stay down for 319 s; Kubernetes would evict their pods after 300 s (the default toleration of node.kubernetes.io/unreachable) and run them on other nodes, which meshsim does not: they stay down until their node returns',
    ]);
    // Down 300 s at most within the run: as in Kubernetes.
    expect(long(300_000, 320_000, true)).toEqual([]);
    expect(long(400_000, 250_000, true)).toEqual([]);
    // A powered-off node is tainted when the node controller marks it, after the grace period (50 s).
    expect(long(400_000, 320_000)).toEqual([]);
    expect(long(400_000, 380_000)).toEqual([
      'fault at 1 s: its nodes stay down for 379 s; Kubernetes would evict their pods after 350 s (the node-monitor grace period, then the default toleration of node.kubernetes.io/unreachable) and run them on other nodes, which meshsim does not: they stay down until their node returns',
    ]);
  });

  it('during a control-plane outage a crashed instance stays in the endpoint lists (stale endpoints)', () => {
    const crash = fault({ kind: 'crash' }, { atMs: 2000, durationMs: 3000 });
    const outage = fault({ kind: 'control-plane-outage' }, { atMs: 1000, durationMs: 10_000 });
    const base = config(services, [poisson('a', 400)], { durationMs: 12_000, faults: [crash] });
    const healthy = edge(simulate(base), 'a', 'b');
    const stale = edge(simulate({ ...base, faults: [outage, crash] }), 'a', 'b');
    // Without the outage, b-1 leaves the lists 1 s after the crash; with it, callers keep picking b-1
    // for the whole crash (3 s), so about 3× as many connect failures.
    expect(stale.failures['connect-failure']).toBeGreaterThan(2 * healthy.failures['connect-failure']);
  });

  it('after a control-plane outage ends, the stale endpoint lists catch up', () => {
    // The instance crashes for good at 2 s; the outage ends at 6 s: failures stop about 1 s later.
    const crash = fault({ kind: 'crash' }, { atMs: 2000, durationMs: Infinity });
    const outage = fault({ kind: 'control-plane-outage' }, { atMs: 1000, durationMs: 5000 });
    const result = simulate(
      config(services, [poisson('a', 400)], { durationMs: 12_000, faults: [outage, crash] }),
    );
    const series = result.timeSeries.edges.find((e) => e.source === 'a' && e.destination === 'b');
    const failedPerSecond = series?.failed ?? [];
    expect(failedPerSecond.slice(3, 6).every((n) => n > 0)).toBe(true);
    expect(failedPerSecond.slice(8).every((n) => n === 0)).toBe(true);
  });
});

describe('control-plane timing', () => {
  const services = [
    service('a', { replicas: 2, concurrency: 64, calls: [[call('b')]] }),
    service('b', { replicas: 4, concurrency: 64 }),
  ];

  it('vpc-lattice removes a crashed target after 2 failed health checks on its 30 s grid, not after 1 s', () => {
    // Crash at 10 s: checks at 30 s and 60 s fail, so callers keep picking it until 60 s.
    const crash = fault({ kind: 'crash' }, { atMs: 10_000, durationMs: Infinity });
    const result = simulate(
      config(services, [poisson('a', 100)], { shape: 'vpc-lattice', durationMs: 70_000, faults: [crash] }),
    );
    const failed =
      result.timeSeries.edges.find((e) => e.source === 'a' && e.destination === 'b')?.failed ?? [];
    expect(failed.slice(15, 58).every((n) => n > 0)).toBe(true);
    expect(failed.slice(61).every((n) => n === 0)).toBe(true);
  });

  it('a long control-plane outage expires certificates between 50 % and 100 % of their lifetime: mTLS fails, then recovers', () => {
    const hour = 3_600_000;
    const outage = fault({ kind: 'control-plane-outage' }, { atMs: 0, durationMs: 3 * hour });
    const cfg = config(services, [poisson('a', 0.5)], {
      shape: 'istio-sidecar',
      durationMs: 4 * hour,
      faults: [outage],
    });
    const result = simulate({ ...cfg, mesh: { ...cfg.mesh, certificateLifetimeMs: 2 * hour } });
    const { startMs, edges } = result.timeSeries;
    const series = edges.find((e) => e.source === 'client' && e.destination === 'a');
    // Failed calls of the intervals starting in [fromH, toH) hours (a 4 h run records 5 s intervals).
    const failedIn = (fromH: number, toH: number): number =>
      (series?.failed ?? [])
        .filter((_, i) => (startMs[i] ?? 0) >= fromH * hour && (startMs[i] ?? 0) < toH * hour)
        .reduce((x, y) => x + y, 0);
    expect(failedIn(0, 1)).toBe(0); // every certificate still valid for ≥ 1 h
    expect(failedIn(2.05, 3)).toBeGreaterThan(0.9 * 0.5 * 0.95 * 3600); // all expired by 2 h
    expect(failedIn(3.01, 4)).toBe(0); // the control plane is back: fresh certificates
    assertConservation(result);
  });

  it('shapes without mTLS are not affected by certificate expiry', () => {
    const hour = 3_600_000;
    const outage = fault({ kind: 'control-plane-outage' }, { atMs: 0, durationMs: 3 * hour });
    const cfg = config(services, [poisson('a', 0.2)], {
      shape: 'none',
      durationMs: 3 * hour,
      faults: [outage],
    });
    expect(
      simulate({ ...cfg, mesh: { ...cfg.mesh, certificateLifetimeMs: 2 * hour } }).edges[0]?.failed,
    ).toBe(0);
  });
});
