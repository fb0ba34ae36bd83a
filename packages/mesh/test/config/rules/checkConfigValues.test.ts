// A config built in code meets the scenario format's rules beyond its bounds: simulate() refuses a missing object,
// a duplicate name, an unknown enum value, an invalid distribution, probability, timeout, rate schedule or fault,
// naming the field path, before it builds anything.

import { describe, expect, it } from 'vitest';
import type { CallPolicy, FaultConfig, SimulationConfig } from '../../../src/index.js';
import { NO_POLICY, Simulation, seedProblem, simulate } from '../../../src/index.js';
import { call, config, poisson, service } from '../../__helpers__/configs.js';

const base = (): SimulationConfig =>
  config([service('a', { calls: [[call('b')]] }), service('b')], [poisson('a', 10)], { durationMs: 500 });

// A config edited as untyped data: any field may be set to anything.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

/** `base()` with `change` applied to a deep copy (as a user edits a resolved config). */
function changed(change: (c: Loose) => void): SimulationConfig {
  const copy = structuredClone(base()) as unknown as Loose;
  change(copy);
  return copy as unknown as SimulationConfig;
}

const fault = (overrides: Partial<Record<keyof FaultConfig, unknown>>): FaultConfig =>
  ({
    atMs: 0,
    durationMs: 100,
    service: 'b',
    instances: 1,
    effect: { kind: 'crash' },
    ...overrides,
  }) as FaultConfig;

const retryOn = (conditions: readonly string[]): CallPolicy =>
  ({ ...NO_POLICY, retry: { ...NO_POLICY.retry, retryOn: conditions } }) as CallPolicy;

describe('checkConfigValues (run by Simulation before building the model)', () => {
  it.each<[string, (c: Loose) => void, string]>([
    [
      'a call probability of 2',
      (c) => (c.services[0].calls[0][0].probability = 2),
      'services.a.calls[0][0].probability must be ≤ 1 (got 2)',
    ],
    [
      'a negative call probability',
      (c) => (c.services[0].calls[0][0].probability = -1),
      'services.a.calls[0][0].probability must be ≥ 0 (got -1)',
    ],
    [
      'a NaN call probability (the call never made before)',
      (c) => (c.services[0].calls[0][0].probability = NaN),
      'services.a.calls[0][0].probability must be a finite number (got NaN)',
    ],
    [
      'an unknown arrival process',
      (c) => (c.traffic[0].arrival = 'bursty'),
      'traffic[0].arrival must be one of "poisson", "constant" (got bursty)',
    ],
    [
      'an unknown traffic kind',
      (c) => (c.traffic[0].kind = 'other'),
      'traffic[0].kind must be one of "open", "closed" (got "other")',
    ],
    [
      'an unknown queue discipline',
      (c) => (c.services[0].queueDiscipline = 'random'),
      'services.a.queueDiscipline must be one of "fifo", "lifo" (got random)',
    ],
    [
      'an unknown retry condition',
      (c) => (c.services[0].calls[0][0].policy = retryOn(['bogus'])),
      'services.a.calls[0][0].policy.retry.retryOn[0] must be one of "connect-failure", "reset", "overflow", "5xx", "gateway-error", "per-try-timeout" (got "bogus")',
    ],
    [
      'a negative timeout (a timer error before)',
      (c) => (c.services[0].calls[0][0].policy = { ...NO_POLICY, timeoutMs: -5 }),
      'services.a.calls[0][0].policy.timeoutMs must be > 0 (got -5)',
    ],
    [
      'a NaN per-try timeout',
      (c) => (c.traffic[0].policy = { ...NO_POLICY, perTryTimeoutMs: NaN }),
      'traffic[0].policy.perTryTimeoutMs must be a finite number or Infinity (none) (got NaN)',
    ],
    [
      'a rate schedule starting at 500 ms',
      (c) => (c.traffic[0].rate[0].atMs = 500),
      'traffic[0].rate[0].atMs: the first point must be at 0 (got 500)',
    ],
    [
      'a rate schedule out of order',
      (c) =>
        (c.traffic[0].rate = [
          { atMs: 0, rps: 1, rampToNext: false },
          { atMs: 300, rps: 1, rampToNext: false },
          { atMs: 200, rps: 1, rampToNext: false },
        ]),
      'traffic[0].rate[2].atMs must be after the previous point (300) (got 200)',
    ],
    [
      'an empty rate schedule',
      (c) => (c.traffic[0].rate = []),
      'traffic[0].rate must have at least one point',
    ],
    [
      'a fault error rate of 5',
      (c) => (c.faults = [fault({ effect: { kind: 'error', rate: 5 } })]),
      'faults[0].effect.rate must be ≤ 1 (got 5)',
    ],
    [
      'a fault on -1 instances',
      (c) => (c.faults = [fault({ instances: -1 })]),
      'faults[0].instances must be an integer >= 1 or Infinity (all) (got -1)',
    ],
    [
      'an unknown fault effect (ignored before)',
      (c) => (c.faults = [fault({ effect: { kind: 'meteor' } })]),
      'faults[0].effect.kind must be one of "latency", "error", "crash", "crash-loop", "crash-proxy", "crash-node", "control-plane-outage" (got "meteor")',
    ],
    [
      'a crash loop whose containers run a negative time',
      (c) => (c.faults = [fault({ effect: { kind: 'crash-loop', runsForMs: -1 } })]),
      'faults[0].effect.runsForMs must be a finite number >= 0 (got -1): how long each started container runs before it crashes',
    ],
    [
      'a readiness probe that is no object',
      (c) => (c.services[0].readinessProbe = true),
      'services.a.readinessProbe must be a ReadinessProbeConfig object or null (got true)',
    ],
    [
      'a node crash with a grace period of 0',
      (c) => (c.faults = [fault({ effect: { kind: 'crash-node', nodeMonitorGracePeriodMs: 0 } })]),
      'faults[0].effect.nodeMonitorGracePeriodMs must be a number > 0 or Infinity (got 0)',
    ],
    [
      'a fault adding -50 ms (accepted before; a file writes +<duration>)',
      (c) =>
        (c.faults = [
          fault({ effect: { kind: 'latency', addMs: { kind: 'constant', value: -50 }, multiply: 1 } }),
        ]),
      'faults[0].effect.addMs.value must be ≥ 0 (got -50): a fault adds latency; a multiply below 1 shortens it',
    ],
    [
      'a fault at NaN ms',
      (c) => (c.faults = [fault({ atMs: NaN })]),
      'faults[0].atMs must be a finite number >= 0 (got NaN)',
    ],
    [
      'a duplicate service name',
      (c) => c.services.push({ ...c.services[1] }),
      'services[2].name: duplicate service "b"',
    ],
    ['no cluster', (c) => (c.clusters = []), 'clusters must have at least one cluster (got none)'],
    [
      'a backoff capped below its base',
      (c) =>
        (c.services[0].calls[0][0].policy = {
          ...NO_POLICY,
          retry: { ...NO_POLICY.retry, backoff: { baseMs: 10, maxMs: 5, jitter: 'full' } },
        }),
      'services.a.calls[0][0].policy.retry.backoff.maxMs must be ≥ baseMs (10) (got 5)',
    ],
    [
      // BACKOFF_RULES' rule, as for a scenario file's `backoff.base` (one source per rule).
      'a backoff base of 0',
      (c) =>
        (c.services[0].calls[0][0].policy = {
          ...NO_POLICY,
          retry: { ...NO_POLICY.retry, backoff: { baseMs: 0, maxMs: 5, jitter: 'full' } },
        }),
      'services.a.calls[0][0].policy.retry.backoff.baseMs must be > 0 (got 0)',
    ],
    [
      'an invalid service time',
      (c) => (c.services[0].serviceTimeMs = { kind: 'exponential', mean: -1 }),
      'services.a.serviceTimeMs.mean must be > 0 (got -1)',
    ],
    [
      'an invalid network latency',
      (c) => (c.network.sameZoneMs = { kind: 'constant', value: NaN }),
      'network.sameZoneMs.value must be a finite number (got NaN)',
    ],
    [
      'no mesh',
      (c) => (c.mesh = undefined),
      'mesh must be a MeshConfig object (from resolveMeshConfig) (got undefined)',
    ],
  ])('refuses %s', (_name, change, message) => {
    expect(() => new Simulation(changed(change))).toThrow(message);
  });

  it('refuses a seed a scenario may not have (negative, fractional, beyond 2^53 − 1, empty), naming the field', () => {
    const rule = `seed must be a non-negative integer (at most ${Number.MAX_SAFE_INTEGER}) or a non-empty string, as in a scenario`;
    for (const [seed, got] of [
      [-1, '-1'],
      [1.5, '1.5'],
      [2 ** 53, String(2 ** 53)],
      [NaN, 'NaN'],
      [Infinity, 'Infinity'],
      ['', '""'],
    ] as const) {
      expect(() => new Simulation(changed((c) => (c.seed = seed)))).toThrow(
        new RangeError(`${rule} (got ${got})`),
      );
    }
    // The rule is the scenario's and applyOverrides' (SEED_RULE): what it takes, a run takes.
    for (const seed of [0, Number.MAX_SAFE_INTEGER, 'any text'])
      expect(seedProblem(seed), String(seed)).toBeNull();
    expect(() => new Simulation(changed((c) => (c.seed = 'nightly')))).not.toThrow();
  });

  it('accepts the config it changes, timeouts of Infinity and every fault effect', () => {
    const cfg = changed((c) => {
      c.faults = [
        fault({
          effect: { kind: 'latency', addMs: { kind: 'constant', value: 1 }, multiply: 2 },
          instances: Infinity,
        }),
        fault({ effect: { kind: 'error', rate: 1 }, durationMs: Infinity }),
        fault({ effect: { kind: 'crash-proxy', proxy: 'sidecar' } }),
        fault({ effect: { kind: 'crash-node', reachable: false, nodeMonitorGracePeriodMs: 40_000 } }),
        fault({ effect: { kind: 'control-plane-outage' } }),
      ];
    });
    expect(simulate(cfg).stopped).toBeUndefined();
  });
});
