// staticWarnings: the warnings a run gives before its first event, found by building the model without running it —
// the same strings `simulate` lists, each with the scenario field it is about; invalid configs throw as `simulate` does.

import { describe, expect, it } from 'vitest';

import { resolveMeshConfig, simulate, staticWarnings } from '../src/index.js';
import type { SimulationConfig } from '../src/index.js';
import { call, config, constantArrivals, poisson, policy, service } from './__helpers__/configs.js';

/** A config with a warning of each kind building the model gives: timeout, waypoint, mesh option, Pending pods, fault. */
function warnedConfig(): SimulationConfig {
  const services = [
    service('web', { calls: [[call('db', policy(1))]] }),
    service('db', { waypoint: true }),
    service('big', { replicas: 1, cpuRequestCores: 250 }),
  ];
  const cfg = config(services, [poisson('web', 50)], {
    durationMs: 1000,
    clusters: [{ name: 'cluster-1', region: 'r', vpc: 'v', nodeCpu: 4, zones: [{ name: 'z', nodes: 2 }] }],
    faults: [
      {
        atMs: 5000,
        durationMs: 1000,
        service: 'db',
        instances: 1,
        effect: { kind: 'latency', addMs: { kind: 'constant', value: 30 }, multiply: 1 },
      },
    ],
  });
  return { ...cfg, mesh: resolveMeshConfig({ shape: 'linkerd', sidecar: { cpuLimitCores: 1 } }) };
}

describe('staticWarnings', () => {
  it("gives the run's warnings, in its order, without running it", () => {
    const cfg = warnedConfig();
    const warnings = staticWarnings(cfg);
    expect(warnings.map((w) => w.message)).toEqual(simulate(cfg).warnings);
    expect(warnings.length).toBeGreaterThanOrEqual(5);
  });

  it('names the scenario field each is about, as a scenario file writes it: a request larger than any node for the Pending ones', () => {
    const byStart = (start: string) =>
      staticWarnings(warnedConfig()).find((w) => w.message.startsWith(start))?.path;
    expect(byStart('web → db')).toEqual(['services', 'web', 'calls', 0, 'timeout']);
    expect(byStart('services db ask for a waypoint')).toEqual(['services', 'db', 'waypoint']);
    expect(byStart('mesh shape linkerd does not use mesh.sidecar')).toEqual(['mesh', 'sidecar']);
    // 250 cores on nodes of 4: the request no number of nodes holds, for the service's warning and its cluster's.
    expect(byStart('service big: its pod is Pending')).toEqual(['services', 'big', 'cpuRequest']);
    expect(byStart('fault latency on db starts at 5 s')).toEqual(['faults', 0, 'at']);
    expect(byStart('cluster cluster-1:')).toEqual(['services', 'big', 'cpuRequest']);
  });

  it('warns of the policies of calls a run has not made yet (a run warns when the caller first calls)', () => {
    // Under `none` the application cannot inject faults; `idle` gets no traffic, so a run never makes its call.
    const fault = { delay: { percent: 50, delayMs: 10 }, abort: null };
    const services = [
      service('web'),
      service('idle', { calls: [[call('web', policy(1000), { faultInjection: fault })]] }),
    ];
    const cfg = config(services, [poisson('web', 50)], { durationMs: 1000 });
    const warning = staticWarnings(cfg).find((w) => w.message.startsWith('fault-injection'));
    expect(warning).toEqual({
      message:
        'fault-injection: fault injection on calls from "idle" to "web" not applied under mesh shape "none" (the ' +
        "caller's application hop cannot enforce it)",
      path: ['services', 'idle', 'calls', 0, 'faultInjection'],
    });
    expect(simulate(cfg).warnings).toEqual([]);
  });

  it('leaves out what only a run tells: requests that waited for a busy connection', () => {
    const cfg = config([service('web')], [constantArrivals('web', 2000, 'client', { connections: 1 })], {
      durationMs: 200,
    });
    expect(simulate(cfg).warnings.some((w) => w.includes('waited for one of'))).toBe(true);
    expect(staticWarnings(cfg)).toEqual([]);
  });

  it('throws for an invalid config as simulate does, naming the field', () => {
    const cfg = config(
      [service('web', { calls: [[call('db', undefined, { probability: 2 })]] }), service('db')],
      [poisson('web', 10)],
    );
    expect(() => simulate(cfg)).toThrow(/services\.web\.calls\[0\]\[0\]\.probability/);
    expect(() => staticWarnings(cfg)).toThrow(/services\.web\.calls\[0\]\[0\]\.probability/);
  });
});
