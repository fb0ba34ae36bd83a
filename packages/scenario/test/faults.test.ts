// Contract of the fault syntax for mesh failures: crashLoop, crashProxy (by proxy role), crashNode and
// controlPlaneOutage resolve to the model's fault effects, and reach the simulation; and a service's readinessProbe
// resolves to Kubernetes' defaults and the durations written.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Simulation, crashLoopRestartMs, simulate } from '@meshsim/mesh';
import type { SimulationResult } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';
import { parseScenario, resolveScenario } from '../src/index.js';
import { messagesOf, minimal } from './__helpers__/scenarios.js';

const FAULTS = `
services:
  frontend: { replicas: 2, concurrency: 16, queue: 16, serviceTime: 1ms, calls: [ { to: backend } ] }
  backend: { replicas: 3, concurrency: 16, queue: 16, serviceTime: 1ms }
traffic: [ { to: frontend, rate: 10 } ]
faults:
  - { at: 30s, for: 20s, service: backend, crashProxy: ztunnel, instances: 1 }
  - { at: 30s, for: 60s, service: backend, crashNode: true }
  - { at: 10s, for: 2m, controlPlaneOutage: true }
`;

describe('faults: proxy crashes, node crashes and control-plane outages', () => {
  it('resolve to crash-proxy (with its role), crash-node and control-plane-outage', () => {
    expect(parseScenario(FAULTS, 'faults.yaml').faults).toEqual([
      {
        atMs: 30_000,
        durationMs: 20_000,
        service: 'backend',
        instances: 1,
        effect: { kind: 'crash-proxy', proxy: 'ztunnel' },
      },
      {
        atMs: 30_000,
        durationMs: 60_000,
        service: 'backend',
        instances: Infinity,
        effect: { kind: 'crash-node' },
      },
      // The model files an outage under a service and ignores it: the first service is used.
      {
        atMs: 10_000,
        durationMs: 120_000,
        service: 'frontend',
        instances: Infinity,
        effect: { kind: 'control-plane-outage' },
      },
    ]);
  });

  describe("instances as a percentage of the service's pods", () => {
    const resolved = (replicas: number, instances: unknown) => {
      const input = minimal();
      const backend = input.services.backend;
      if (backend === undefined) throw new Error('no backend');
      backend.replicas = replicas;
      input.faults = [{ at: 0, service: 'backend', crash: true, instances }];
      const fault = resolveScenario(input).faults[0];
      return [fault?.instances, fault?.instancesPercent];
    };

    it("rounds down, as Kubernetes rounds a Deployment's maxUnavailable, keeping the percentage written", () => {
      expect(resolved(10, '30%')).toEqual([3, 30]);
      expect(resolved(7, '30%')).toEqual([2, 30]); // 2.1 pods
      expect(resolved(3, '99%')).toEqual([2, 99]); // 2.97 pods
      expect(resolved(4, '100%')).toEqual([4, 100]);
      expect(resolved(4, ' 50 % ')).toEqual([2, 50]);
    });

    it('hits at least one pod when the share rounds down to none (assumption: a written fault means a pod)', () => {
      expect(resolved(3, '10%')).toEqual([1, 10]);
    });

    it('a count or "all" carries no percentage', () => {
      expect(resolved(3, 2)).toEqual([2, undefined]);
      expect(resolved(3, 'all')).toEqual([Infinity, undefined]);
    });

    it.each([
      [
        '0%',
        'must be an integer >= 1, a percentage of the service\'s pods in (0%, 100%] such as 30%, or "all" (got "0%")',
      ],
      [
        '150%',
        'must be an integer >= 1, a percentage of the service\'s pods in (0%, 100%] such as 30%, or "all" (got "150%")',
      ],
      [
        'half',
        'must be an integer >= 1, a percentage of the service\'s pods in (0%, 100%] such as 30%, or "all" (got "half")',
      ],
      [
        0,
        'must be an integer >= 1, a percentage of the service\'s pods in (0%, 100%] such as 30%, or "all" (got 0)',
      ],
    ])('refuses instances: %s', (instances, reason) => {
      const input = minimal();
      input.faults = [{ at: 0, service: 'backend', crash: true, instances }];
      expect(messagesOf(input)).toEqual([`test.yaml: faults[0].instances: ${reason}`]);
    });
  });

  it('crashNode as an object: reachable and the node-monitor grace period', () => {
    const effect = (crashNode: unknown) =>
      resolveScenario({ ...minimal(), faults: [{ at: 0, service: 'backend', crashNode }] }).faults[0]?.effect;
    expect(effect({ nodeMonitorGracePeriod: '40s' })).toEqual({
      kind: 'crash-node',
      nodeMonitorGracePeriodMs: 40_000,
    });
    expect(effect({ reachable: true })).toEqual({ kind: 'crash-node', reachable: true });
    expect(effect({})).toEqual({ kind: 'crash-node' });
  });

  it.each(['sidecar', 'ztunnel', 'waypoint', 'node-proxy', 'managed-hop'])(
    'crashProxy: %s is accepted',
    (role) => {
      const config = resolveScenario({
        ...minimal(),
        faults: [{ at: 0, service: 'backend', crashProxy: role }],
      });
      expect(config.faults[0]?.effect).toEqual({ kind: 'crash-proxy', proxy: role });
    },
  );

  describe('reach the simulation', () => {
    const run = (mesh: string, fault: Record<string, unknown>): SimulationResult =>
      simulate(
        resolveScenario({
          services: {
            frontend: {
              replicas: 2,
              concurrency: 32,
              queue: 32,
              serviceTime: '1ms',
              calls: [{ to: 'backend' }],
            },
            backend: { replicas: 4, concurrency: 32, queue: 32, serviceTime: '1ms' },
          },
          mesh: { shape: mesh, defaultPolicy: {} },
          traffic: [{ to: 'frontend', rate: 200 }],
          duration: '6s',
          seed: 5,
          faults: [{ at: '2s', for: '2s', ...fault }],
        }),
      );
    const failedToBackend = (result: SimulationResult): number =>
      result.edges.find((e) => e.source === 'frontend' && e.destination === 'backend')?.failed ?? NaN;

    it('crashProxy: sidecar under istio-sidecar fails calls to that pod; under none it warns and does nothing', () => {
      const fault = { service: 'backend', instances: 1, crashProxy: 'sidecar' };
      expect(failedToBackend(run('istio-sidecar', fault))).toBeGreaterThan(0);
      const none = run('none', fault);
      expect(failedToBackend(none)).toBe(0);
      expect(none.warnings.join('\n')).toMatch(/has no sidecar proxy for service backend/);
    });

    it('crashNode reaches calls under every shape, even without a mesh: powered off, they hang; reachable, they fail', () => {
      const hung = (result: SimulationResult): number =>
        result.edges.find((e) => e.source === 'frontend' && e.destination === 'backend')?.inFlight ?? NaN;
      // No timeout on the call: a request to a node that answers nothing is still waiting when the run ends.
      const off = run('none', { service: 'backend', instances: 1, crashNode: true });
      expect(hung(off)).toBeGreaterThan(0);
      expect(failedToBackend(off)).toBe(0);
      const reachable = run('none', { service: 'backend', instances: 1, crashNode: { reachable: true } });
      expect(failedToBackend(reachable)).toBeGreaterThan(0);
    });

    it('controlPlaneOutage alone changes nothing while no endpoint changes (same run as without it)', () => {
      const outage = run('istio-sidecar', { controlPlaneOutage: true });
      const latency = run('istio-sidecar', { service: 'backend', latency: '+0ms' });
      expect(failedToBackend(outage)).toBe(0);
      expect(outage.edges).toEqual(latency.edges);
    });
  });

  describe('crashLoop and readinessProbe', () => {
    const SCENARIO = `
services:
  frontend: { replicas: 2, serviceTime: 1ms, calls: [ { to: backend } ] }
  backend:
    replicas: 3
    serviceTime: 1ms
    readinessProbe: { initialDelay: 5s, successThreshold: 2 }
  cache: { serviceTime: 1ms, readinessProbe: {} }
traffic: [ { to: frontend, rate: 10 } ]
faults:
  - { at: 10s, for: 2m, service: backend, instances: 1, crashLoop: true }
  - { at: 10s, service: cache, crashLoop: { runsFor: 3s } }
`;
    const config = parseScenario(SCENARIO, 'probes.yaml');

    it('crashLoop: true crashes as it starts (runsForMs 0); { runsFor } runs that long', () => {
      expect(config.faults.map((f) => f.effect)).toEqual([
        { kind: 'crash-loop', runsForMs: 0 },
        { kind: 'crash-loop', runsForMs: 3000 },
      ]);
    });

    it("readinessProbe: the durations written, Kubernetes' defaults for the rest ({} is all defaults); none when not written", () => {
      const probe = (name: string) => config.services.find((s) => s.name === name)?.readinessProbe;
      expect(probe('backend')).toEqual({
        initialDelayMs: 5000,
        periodMs: 10_000,
        failureThreshold: 3,
        successThreshold: 2,
      });
      expect(probe('cache')).toEqual({
        initialDelayMs: 0,
        periodMs: 10_000,
        failureThreshold: 3,
        successThreshold: 1,
      });
      expect(probe('frontend')).toBeUndefined();
    });

    it("docs/model.md's crash-loop example restarts and turns Ready when its comment says", () => {
      const page = readFileSync(fileURLToPath(new URL('../../../docs/model.md', import.meta.url)), 'utf8');
      const section = page.slice(page.indexOf('\n### Crash loops\n'));
      const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
      expect(block).toContain('crashLoop');
      // The example with a caller and traffic around it.
      const text = `duration: 120s\n${block}`
        .replace('services:\n', 'services:\n  web: { serviceTime: 1ms, calls: [ { to: cart } ] }\n')
        .replace('faults:', 'traffic: [ { to: web, rate: 50 } ]\nfaults:');
      const sim = new Simulation(parseScenario(text, 'model.yaml'));
      const [cart1] = sim.instancesOf('cart');
      if (cart1 === undefined) throw new Error('placement');
      const starts: number[] = [];
      const crashes: number[] = [];
      let readyMs = NaN;
      for (let t = 0; t <= 120_000; t += 100) {
        const [up, count] = [cart1.up, cart1.crashes];
        sim.engine.run({ untilMs: t });
        if (cart1.startedMs > 0 && !starts.includes(cart1.startedMs)) starts.push(cart1.startedMs);
        if (cart1.crashes > count || (up && !cart1.up)) crashes.push(t);
        if (cart1.startedMs === 96_000 && cart1.ready && Number.isNaN(readyMs)) readyMs = t;
      }
      expect(starts).toEqual([20_000, 32_000, 54_000, 96_000]);
      expect(crashes).toEqual([20_000, 22_000, 34_000, 56_000]);
      expect(readyMs - 96_000).toBeGreaterThanOrEqual(5000);
      expect(readyMs - 96_000).toBeLessThan(15_000);
      // The diagnosis computes that restart from the config with the same function.
      expect(crashLoopRestartMs(20_000, 60_000, 2000)).toBe(starts[starts.length - 1]);
    });
  });
});
