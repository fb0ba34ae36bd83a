// diagnose(): verdicts of small hand-made runs (stable, recovered, metastable, unresolved, degraded),
// the triggers, the sustaining loop, amplification per depth and the cascade order; a result of another
// config is refused.

import { simulate } from '@meshsim/mesh';
import type { SimulationConfig } from '@meshsim/mesh';
import { applyOverrides, parseScenario, resolveScenario } from '@meshsim/scenario';
import { describe, expect, it } from 'vitest';

import { DIAGNOSIS_THRESHOLDS, diagnose } from '../../src/index.js';
import { stormScenario } from '../__helpers__/storm.js';

const STORM = { rateRps: 300, workers: 3, faultAddMs: 150, attempts: 3, queue: 256, seed: 1 };

describe('diagnose', () => {
  it('calls a healthy run without faults stable, with no loop and no cascade', () => {
    const config = resolveScenario({
      duration: '15s',
      services: { api: { serviceTime: '2ms', replicas: 2, concurrency: 8 } },
      traffic: [{ name: 'users', to: 'api', rate: 100 }],
    });
    const diagnosis = diagnose(config, simulate(config));
    expect(diagnosis.verdict).toBe('stable');
    expect(diagnosis.triggers).toEqual([]);
    expect(diagnosis.loop).toBeNull();
    expect(diagnosis.cascade).toEqual([]);
    expect(diagnosis.sources[0]).toMatchObject({ source: 'users', to: 'api', verdict: 'stable' });
    expect(diagnosis.amplification).toEqual([
      { depth: 1, edges: ['users → api'], baseline: 1, during: null, duringRatio: null, window: 1, ratio: 1 },
    ]);
  });

  it('finds a retry storm metastable, names the loop and the amplification at each depth', () => {
    const config = stormScenario(STORM);
    const diagnosis = diagnose(config, simulate(config));
    expect(diagnosis.verdict).toBe('metastable');
    expect(diagnosis.triggers).toEqual([
      {
        kind: 'fault',
        description: 'latency fault on backend',
        origin: 'backend slowed (+150 ms latency fault)',
        startMs: 10_000,
        endMs: 20_000,
      },
    ]);
    expect(diagnosis.stillDownMs).toBe(20_000);
    expect(diagnosis.loop?.saturated).toEqual(['backend']);
    const edges = diagnosis.loop?.edges.map(
      (e) => `${e.source} → ${e.destination}: ${e.mechanisms.join('+')}`,
    );
    expect(edges).toEqual(['client → api: retries', 'api → backend: retries+queue']);
    expect(diagnosis.loop?.wastedShare['backend']).toBeGreaterThan(0.5);
    expect(diagnosis.loop?.fromMs).toBe(20_000);
    // Two layers of 3 tries: ~3 attempts per request at depth 1, ~9 at depth 2.
    const [depth1, depth2] = diagnosis.amplification;
    expect(depth1?.window).toBeGreaterThan(2.5);
    expect(depth2?.window).toBeGreaterThan(7);
    expect(depth2?.baseline).toBeCloseTo(1, 1);
    // backend fails first, then api.
    expect(diagnosis.cascade.map((step) => step.service)).toEqual(['backend', 'api']);
    expect(diagnosis.cascade[0]?.atMs).toBeGreaterThanOrEqual(10_000);
    expect(diagnosis.reason).toContain('sustained by');
  });

  it('finds the same storm without retries degraded-recovered, with its recovery time', () => {
    const config = stormScenario({ ...STORM, attempts: 1, queue: 16 });
    const diagnosis = diagnose(config, simulate(config));
    expect(diagnosis.verdict).toBe('degraded-recovered');
    const source = diagnosis.sources[0];
    expect(source?.recoveryMs).not.toBeNull();
    expect(source?.recoveryMs ?? Infinity).toBeLessThan(5000);
    expect(diagnosis.recoveryMs).toBe(source?.recoveryMs);
    expect(diagnosis.loop).toBeNull();
  });

  it('shows the storm of a recovered run in the amplification during the triggers, not after them', () => {
    // A short queue lets the storm die out with the fault: after it, ~1 attempt per request; during it, 3 and 9.
    const config = stormScenario({ ...STORM, queue: 16 });
    const diagnosis = diagnose(config, simulate(config));
    expect(diagnosis.verdict).toBe('degraded-recovered');
    const [depth1, depth2] = diagnosis.amplification;
    expect(depth1?.window).toBeLessThan(1.1);
    expect(depth1?.during).toBeGreaterThan(2.5);
    expect(depth2?.during).toBeGreaterThan(7);
    expect(depth2?.duringRatio).toBeCloseTo((depth2?.during ?? 0) / (depth2?.baseline ?? 1), 12);
  });

  it('says unresolved when the run ends less than 10 s after the trigger, degraded when it never ends (no "after" then)', () => {
    const config = stormScenario(STORM);
    const short = applyOverrides(config, { durationMs: 25_000 });
    expect(diagnose(short, simulate(short)).verdict).toBe('unresolved');
    const forever = { ...config, faults: config.faults.map((f) => ({ ...f, durationMs: Infinity })) };
    const diagnosis = diagnose(forever, simulate(forever));
    expect(diagnosis.verdict).toBe('degraded');
    expect(diagnosis.lastTriggerEndMs).toBe(Infinity);
    // No time after a trigger that never ends: no amplification "after" (it was the "during" figure again).
    expect(diagnosis.amplification.map((a) => [a.window, a.ratio])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(diagnosis.amplification.every((a) => a.during !== null && a.baseline !== null)).toBe(true);
  });

  it('counts the attempts a connection-limited source sent, not the calls still waiting for a connection', () => {
    // 400 req/s due, 2 connections to a service answering in 10 ms: about 200 sent per second, the rest wait.
    const config = resolveScenario({
      duration: '20s',
      services: { api: { serviceTime: '10ms', replicas: 1, concurrency: 2 } },
      traffic: [{ name: 'wrk2', to: 'api', rate: 400, arrival: 'constant', connections: 2 }],
    });
    const result = simulate(config);
    const diagnosis = diagnose(config, result);
    const [entry] = diagnosis.amplification;
    expect(entry?.edges).toEqual(['wrk2 → api']);
    // Offered 400/s, attempted 200/s in every window: half an attempt per request offered.
    expect(entry?.baseline).toBeCloseTo(0.5, 1);
    expect(entry?.window).toBeCloseTo(0.5, 1);
  });

  it('says degraded when the load alone exceeds capacity before any trigger', () => {
    const config = resolveScenario({
      duration: '12s',
      services: { api: { serviceTime: '20ms', replicas: 1, concurrency: 1, queue: 4 } },
      traffic: [{ name: 'users', to: 'api', rate: 200 }],
    });
    const diagnosis = diagnose(config, simulate(config));
    expect(diagnosis.verdict).toBe('degraded');
    expect(diagnosis.sources[0]?.reason).toContain('load alone');
    expect(diagnosis.sources[0]?.reason).toMatch(/api saturated \(utilisation [\d.]+ %, [\d,]+ rejected\)/);
    expect(diagnosis.sources[0]?.reason).not.toContain('Pending');
  });

  it('says degraded, never stable or recovered, when calls pile up behind an unbounded queue (ρ = 1.5 and 2)', () => {
    // One worker of 100 ms behind an unbounded queue: 10 calls a second served, 15 (Poisson) or 20 offered.
    for (const [rate, arrival] of [
      [15, 'poisson'],
      [20, 'constant'],
    ] as const) {
      const config = resolveScenario({
        duration: '120s',
        services: { srv: { serviceTime: '100ms', replicas: 1, concurrency: 1, queue: 'unbounded' } },
        traffic: [{ to: 'srv', rate, arrival }],
      });
      const diagnosis = diagnose(config, simulate(config));
      expect(diagnosis.verdict).toBe('degraded');
      expect(diagnosis.lossy).toBe(false);
      const [source] = diagnosis.sources;
      expect(source?.backlog?.growthRatio).toBeGreaterThan(0.25);
      expect(source?.backlog?.saturated.map((s) => s.service)).toEqual(['srv']);
      expect(source?.reason).toMatch(
        /^calls pile up: [\d,]+ of its calls were in flight at the end, up from [\d,]+ at 6\d s \(\+\d\d\.\d % of the [\d,]+ calls it offered since\): the load exceeds what the system serves — srv saturated/,
      );
    }
  });

  it('sees no pile-up in a stable M/M/4 queue at ρ = 0.8', () => {
    const config = resolveScenario({
      duration: '60s',
      services: {
        srv: {
          serviceTime: { exponential: { mean: '10ms' } },
          replicas: 1,
          concurrency: 4,
          queue: 'unbounded',
        },
      },
      traffic: [{ to: 'srv', rate: 320 }],
    });
    const diagnosis = diagnose(config, simulate(config));
    expect(diagnosis.verdict).toBe('stable');
    expect(diagnosis.sources[0]?.backlog).toBeNull();
  });

  it('names a throttled sidecar when calls pile up behind it and no service is saturated', () => {
    // The capacity reviewer's sc1.yaml: api's one sidecar, limited to 500m, is the bottleneck at 3,000 req/s.
    const config = resolveScenario({
      duration: '20s',
      seed: 1,
      mesh: 'istio-sidecar',
      nodeCpu: 8,
      clusters: [{ name: 'c', zones: [{ name: 'a', nodes: 1 }] }],
      services: {
        api: {
          replicas: 1,
          concurrency: 64,
          queue: 'unbounded',
          proxyCpuLimit: '500m',
          serviceTime: '0.1ms',
        },
      },
      traffic: [{ to: 'api', rate: 3000 }],
    });
    const result = simulate(config);
    const source = diagnose(config, result).sources[0];
    const sidecarMs = result.services[0]?.sidecarThrottledMs ?? 0;
    expect(sidecarMs).toBeGreaterThan(5000);
    expect(source?.backlog?.throttled).toEqual([
      { service: 'api', appThrottledMs: 0, sidecarThrottledMs: sidecarMs },
    ]);
    expect(source?.reason).toContain(
      `though no service it calls is saturated meanwhile; over the run, throttled by their CPU limit (summed over the containers): api's sidecars for ${Math.round(sidecarMs).toLocaleString('en-US')} ms`,
    );
  });

  it('names the timeouts and no overloaded service when every call times out at a service idle at ~1 %', () => {
    // The newcomer's tmo.yaml: api's calls to db time out after 10 ms, db answers in 50 ms.
    const config = resolveScenario({
      duration: '20s',
      seed: 1,
      services: {
        api: { replicas: 4, serviceTime: '5ms', calls: [{ to: 'db', timeout: '10ms' }] },
        db: { replicas: 4, serviceTime: '50ms' },
      },
      traffic: [{ to: 'api', rate: 10 }],
    });
    const diagnosis = diagnose(config, simulate(config));
    expect(diagnosis.verdict).toBe('degraded');
    const reason = diagnosis.sources[0]?.reason ?? '';
    expect(reason).not.toContain('exceeds');
    expect(reason).toMatch(
      /^goodput was 0\.0 % of offered calls before any trigger — failed calls over the run: error (\d+), behind them api → db: timeout \1; no service it calls is saturated or rejects requests \(busiest: db, utilisation \d\.\d %\)$/,
    );
    expect(diagnosis.reason).toBe(`client: ${reason}`);
  });

  it("names a service's own errors and no overloaded service when it fails every call at 2 % utilisation", () => {
    // The newcomer's allfail.yaml: a silent source (rate 0) and one whose calls api fails with errorRate 1.
    const config = resolveScenario({
      duration: '5s',
      services: { api: { serviceTime: '5ms', errorRate: 1 } },
      traffic: [
        { to: 'api', rate: 0 },
        { name: 'real', to: 'api', rate: 50 },
      ],
    });
    const diagnosis = diagnose(config, simulate(config));
    expect(diagnosis.verdict).toBe('degraded');
    expect(diagnosis.reason).toMatch(
      /^real: goodput was 0\.0 % of offered calls before any trigger — failed calls over the run: error \d+, answered by api itself \(errorRate 100\.0 %\); no service it calls is saturated or rejects requests \(busiest: api, utilisation \d\.\d %\)$/,
    );
  });

  it('calls a run stable (lossy) when a saturated service loses a constant 12 % of the calls, and names that source', () => {
    // 450 req/s into 4 workers of 10 ms (400 req/s) with a short queue: the same share rejected every second.
    const config = resolveScenario({
      duration: '20s',
      services: { api: { serviceTime: '10ms', replicas: 1, concurrency: 4, queue: 8 } },
      // A silent source listed first: the run's reason must still name the one that loses calls.
      traffic: [
        { name: 'ops', to: 'api', rate: 0 },
        { name: 'users', to: 'api', rate: 450 },
      ],
    });
    const diagnosis = diagnose(config, simulate(config));
    expect(diagnosis.verdict).toBe('stable');
    expect(diagnosis.lossy).toBe(true);
    expect(diagnosis.sources.map((s) => [s.source, s.verdict, s.lossy])).toEqual([
      ['ops', 'stable', false],
      ['users', 'stable', true],
    ]);
    expect(diagnosis.reason).toMatch(
      /^users: goodput stayed within 5\.0 % of its reference \(8\d\.\d % of offered calls\) in every 5 s window, but lost 1\d\.\d % of offered calls throughout: the load exceeds what the system serves — api saturated \(utilisation 9\d\.\d %, [\d,]+ rejected\); failed calls over the run: rejected [\d,]+$/,
    );
  });

  it('a run whose worst source recovered and another is lossy is lossy, and its reason names both', () => {
    const config = resolveScenario({
      duration: '30s',
      services: {
        api: { serviceTime: '10ms', replicas: 1, concurrency: 4, queue: 8 },
        web: { serviceTime: '2ms', replicas: 2, concurrency: 8, queue: 16 },
      },
      traffic: [
        { name: 'shoppers', to: 'web', rate: 200, timeout: '100ms' },
        { name: 'users', to: 'api', rate: 450 },
      ],
      faults: [{ at: '10s', for: '5s', service: 'web', errorRate: 0.5 }],
    });
    const diagnosis = diagnose(config, simulate(config));
    expect(diagnosis.sources.map((s) => [s.source, s.verdict, s.lossy])).toEqual([
      ['shoppers', 'degraded-recovered', false],
      ['users', 'stable', true],
    ]);
    expect(diagnosis.verdict).toBe('degraded-recovered');
    expect(diagnosis.lossy).toBe(true);
    expect(diagnosis.reason).toMatch(
      /^shoppers: goodput fell below the band at 10 s, .*; users: goodput stayed within/,
    );
    // The overload is judged before the fault: api's rejections then, not over the run.
    expect(diagnosis.reason).toMatch(
      /the load exceeds what the system serves — before the first trigger, api saturated \(utilisation 9\d\.\d %, [\d,]+ rejected\)/,
    );
  });

  it('names the services with Pending pods when the system never served the load', () => {
    // api's one pod requests more than the node has: it never runs, and every call fails.
    const config = resolveScenario({
      duration: '12s',
      clusters: [{ name: 'c', nodeCpu: 1, zones: [{ name: 'a', nodes: 1 }] }],
      services: { api: { serviceTime: '2ms', replicas: 1, cpuRequest: 2 } },
      traffic: [{ name: 'users', to: 'api', rate: 50 }],
    });
    const diagnosis = diagnose(config, simulate(config));
    expect(diagnosis.verdict).toBe('degraded');
    expect(diagnosis.sources[0]?.reason).toMatch(
      /, with pods no node had room for: api \(1 of 1 pods Pending\)$/,
    );
  });

  it('a load spike is a trigger, and thresholds can be overridden', () => {
    const config = resolveScenario({
      duration: '30s',
      services: { api: { serviceTime: '2ms', replicas: 2, concurrency: 8 } },
      traffic: [
        {
          name: 'users',
          to: 'api',
          rate: [
            { at: '0s', rps: 100 },
            { at: '10s', rps: 400 },
            { at: '15s', rps: 100 },
          ],
        },
      ],
    });
    const result = simulate(config);
    const diagnosis = diagnose(config, result);
    expect(diagnosis.triggers).toEqual([
      {
        kind: 'load',
        description: 'users above 100 req/s',
        origin: 'users above 100 req/s (load spike)',
        startMs: 10_000,
        endMs: 15_000,
      },
    ]);
    expect(diagnosis.verdict).toBe('stable');
    // A band of 100.1 % of the reference cannot be met by any window.
    expect(diagnose(config, result, { bandRatio: 1.001 }).verdict).not.toBe('stable');
    expect(DIAGNOSIS_THRESHOLDS.windowMs).toBe(5000);
  });
  it('a daily ramp marked loadTrigger: false is normal load: the fault alone is the trigger, with a before and an after', () => {
    // 100 → 300 → 100 req/s over 50 s; db answers 200 ms late from 20 s to 30 s, past api's 100 ms timeout.
    const scenario = (loadTrigger: boolean | undefined): SimulationConfig =>
      resolveScenario({
        duration: '50s',
        services: {
          api: { serviceTime: '1ms', replicas: 2, concurrency: 64, calls: [{ to: 'db', timeout: '100ms' }] },
          db: { serviceTime: '2ms', replicas: 2, concurrency: 64 },
        },
        traffic: [
          {
            name: 'daily',
            to: 'api',
            rate: [
              { at: '0s', rps: 100 },
              { at: '20s', rps: 300, ramp: true },
              { at: '30s', rps: 300 },
              { at: '50s', rps: 100, ramp: true },
            ],
            ...(loadTrigger !== undefined && { loadTrigger }),
          },
        ],
        faults: [{ at: '20s', for: '10s', service: 'db', latency: '+200ms' }],
      });
    // As a trigger, the ramp lasts the whole run: no time before it, and goodput back 20 s "before it ended".
    const asSpike = scenario(undefined);
    const spike = diagnose(asSpike, simulate(asSpike));
    expect(spike.triggers.map((t) => t.description)).toEqual([
      'daily above 100 req/s',
      'latency fault on db',
    ]);
    expect(spike.recoveryMs).toBeLessThan(0);
    expect(spike.amplification[0]?.baseline).toBeNull();

    const asNormal = scenario(false);
    const diagnosis = diagnose(asNormal, simulate(asNormal));
    expect(diagnosis.triggers).toEqual([
      {
        kind: 'fault',
        description: 'latency fault on db',
        origin: 'db slowed (+200 ms latency fault)',
        startMs: 20_000,
        endMs: 30_000,
      },
    ]);
    expect(diagnosis.verdict).toBe('degraded-recovered');
    expect(diagnosis.sources[0]?.referenceRatio).toBe(1);
    expect(diagnosis.recoveryMs).toBeGreaterThanOrEqual(0);
    expect(diagnosis.recoveryMs).toBeLessThanOrEqual(2000);
    expect(diagnosis.sources[0]?.reason).toMatch(/after the last trigger ended$/);
    const [depth1] = diagnosis.amplification;
    expect(depth1?.baseline).toBeCloseTo(1, 2);
    expect(depth1?.window).toBeCloseTo(1, 2);
  });

  it('does not diagnose a run a guard stopped early: verdict stopped, with its reason and time, no source verdicts', () => {
    // 20,000 users start at once on a zero-latency network: more than 10,000 events at t = 0 (docs/cli.md).
    const config = resolveScenario({
      duration: '10s',
      network: { sameNode: '0ms', sameZone: '0ms', crossZone: '0ms', crossCluster: '0ms' },
      services: { api: { serviceTime: '0ms' } },
      traffic: [{ name: 'users', users: 20_000, to: 'api' }],
    });
    const result = simulate(config, { maxEventsAtOneInstant: 10_000 });
    expect(result.stopped?.reason).toBe('zeno');
    const diagnosis = diagnose(config, result);
    expect(diagnosis.verdict).toBe('stopped');
    expect(diagnosis.stopped).toEqual({ reason: 'zeno', atMs: 0 });
    expect(diagnosis.reason).toBe(
      'stopped early (zeno) at 0 s of 10 s simulated: not diagnosed (a verdict needs the whole run)',
    );
    expect(diagnosis.sources).toEqual([]);
    expect(diagnosis.loop).toBeNull();
    expect([diagnosis.recoveryMs, diagnosis.stillDownMs]).toEqual([null, null]);
  });

  it('says a source that offered no call offered none, with no goodput ratios (not 100 % of offered calls)', () => {
    const config = resolveScenario({
      duration: '6s',
      services: { api: { serviceTime: '1ms' } },
      traffic: [{ name: 'users', to: 'api', rate: 0 }],
    });
    const diagnosis = diagnose(config, simulate(config));
    expect(diagnosis.verdict).toBe('stable');
    expect(diagnosis.reason).toBe('users: no call was offered');
    expect(diagnosis.stopped).toBeUndefined();
    // No goodput to measure: the ratios are null, not 100 %.
    const [users] = diagnosis.sources;
    expect([users?.referenceRatio, users?.minRatio, users?.finalRatio]).toEqual([null, null, null]);
  });

  it('refuses a result of another config, naming what differs (scenario name, seed, duration, mesh)', () => {
    const config = resolveScenario({
      name: 'small',
      duration: '2s',
      services: { api: { serviceTime: '1ms' } },
      traffic: [{ name: 'users', to: 'api', rate: 10 }],
    });
    const result = simulate(config);
    expect(() => diagnose({ ...config, seed: 7 }, result)).toThrow(
      new RangeError(
        'diagnose: the result is not a run of this config: its seed 1 (config: 7); pass the config that was simulated',
      ),
    );
    const other = resolveScenario({
      name: 'other',
      duration: '3s',
      mesh: 'linkerd',
      services: { api: { serviceTime: '1ms' } },
      traffic: [{ name: 'users', to: 'api', rate: 10 }],
    });
    expect(() => diagnose(other, result)).toThrow(
      "its scenario name 'small' (config: 'other'), duration [ms] 2000 (config: 3000), mesh 'none' (config: 'linkerd')",
    );
    expect(() => diagnose(config, result)).not.toThrow();
  });

  it('recovers when goodput stays in the band, not when a window holding seconds at 0 % pools into it', () => {
    // A newcomer's overlap.yaml: db +1 s 10–15 s under a ×3 slowdown 12–17 s; api tries 3 times. Nothing succeeds
    // 10–14 s, then the backlog completes at 15 s (more successes than calls offered in that second).
    const config = resolveScenario({
      name: 'x',
      duration: '30s',
      services: {
        api: { serviceTime: '5ms', calls: [{ to: 'db', retry: { attempts: 3 } }] },
        db: { serviceTime: '5ms' },
      },
      traffic: [{ to: 'api', rate: '100/s' }],
      faults: [
        { at: '10s', for: '5s', service: 'db', latency: '+1s' },
        { at: '12s', for: '5s', service: 'db', latency: 'x3' },
      ],
    });
    const [source] = diagnose(config, simulate(config)).sources;
    expect(source?.verdict).toBe('degraded-recovered');
    expect(source?.degradedAtMs).toBe(10_000);
    expect(source?.recoveredAtMs).toBe(15_000);
    expect(source?.recoveryMs).toBe(-2000);
    expect(source?.finalRatio).toBeLessThanOrEqual(1);
    expect(source?.reason).not.toContain('absorbed');
  });

  it('measures the reference after the warm-up: a slow healthy service is not judged by its first calls in flight', () => {
    // A newcomer's slow.yaml: ~2 s per call, so the first two seconds offer calls that have not completed yet.
    const config = resolveScenario({
      name: 'slow-but-healthy',
      seed: 1,
      duration: '40s',
      services: {
        api: {
          replicas: 2,
          concurrency: 2000,
          queue: 100,
          serviceTime: '10ms',
          calls: [{ to: 'batch', timeout: '10s' }],
        },
        batch: {
          replicas: 2,
          concurrency: 2000,
          queue: 100,
          serviceTime: { lognormal: { median: '2s', p99: '3s' } },
          serviceTimeCpu: 0,
        },
      },
      traffic: [{ to: 'api', rate: '200/s', timeout: '20s' }],
      faults: [{ at: '10s', for: '5s', service: 'batch', errorRate: 0.5 }],
    });
    const [source] = diagnose(config, simulate(config)).sources;
    // Pooled from 0 s the reference was 78.6 %, and the 50 % fault looked absorbed.
    expect(source?.referenceRatio).toBeGreaterThan(0.95);
    expect(source?.verdict).toBe('degraded-recovered');
    // Its goodput counts a call of ~2 s where it was offered (a grace of its normal latency): the calls offered in
    // the fault's last 2 s complete after it and succeed, so goodput is back 2 s before the fault ends.
    expect(source?.recoveryMs).toBe(-2000);
    expect(source?.reason).not.toContain('absorbed');
  });

  it('says a run shorter than one window is unresolved (too short to judge), not degraded', () => {
    // As `meshsim run incident.yaml --duration 50ms`: 70 s of scenario cut to 50 ms, calls still in flight.
    const scenario = resolveScenario({
      duration: '70s',
      services: { api: { serviceTime: '20ms', replicas: 2, concurrency: 8 } },
      traffic: [{ name: 'users', to: 'api', rate: 500 }],
      faults: [{ at: '10s', for: '30s', service: 'api', latency: '+200ms' }],
    });
    const config = applyOverrides(scenario, { durationMs: 50 });
    const diagnosis = diagnose(config, simulate(config));
    expect(diagnosis.verdict).toBe('unresolved');
    expect(diagnosis.reason).toBe(
      'users: the run (50 ms) is shorter than one 5 s window: too short to judge (run at least 5 s)',
    );
    expect(diagnosis.triggers).toEqual([]);
  });
});

describe('diagnose: a zone whose only node is powered off (crashNode)', () => {
  // A reviewer's zone.yaml: 3 zones of one node; backend-1 and frontend-1 share zone a's node.
  const zone = (crashNode: string, source = '', faultFor = '10s', duration = '30s'): string => `
name: zone
seed: 5
duration: ${duration}
mesh: istio-sidecar
clusters:
  - name: c1
    zones: [ { name: a, nodes: 1 }, { name: b, nodes: 1 }, { name: c, nodes: 1 } ]
services:
  frontend:
    replicas: 3
    concurrency: 64
    queue: 128
    serviceTime: 1ms
    calls:
      - to: backend
        timeout: 1s
        retry: { attempts: 3, retryOn: [connect-failure, reset] }
  backend:
    replicas: 6
    concurrency: 16
    queue: 64
    serviceTime: { exponential: { mean: 5ms } }
    destinationPolicy:
      loadBalancer: { locality-aware: { minHealthyPercent: 70 } }
traffic:
  - { to: frontend, rate: 600/s, ${source}retry: { attempts: 2, retryOn: [connect-failure, reset] } }
faults:
  - { at: 10s, for: ${faultFor}, service: backend, instances: 1, crashNode: ${crashNode} }
`;
  const run = (text: string) => {
    const config = parseScenario(text, 'zone.yaml');
    const result = simulate(config);
    const client = result.edges.find((e) => e.source === 'client');
    if (client === undefined) throw new Error('no client edge');
    return { result, client, diagnosis: diagnose(config, result) };
  };

  it('as the file says: nothing answers, so no call fails at once; calls to frontend-1 hang (the source has no timeout)', () => {
    const { client } = run(zone('true'));
    expect(client.failures['connect-failure'] + client.failures.reset).toBe(0);
    expect(client.failed).toBe(0);
    expect(client.inFlight).toBeGreaterThan(100);
  });

  it('a reachable node crash keeps the old clean kill: 113 connect failures, all within a second of the crash', () => {
    const { result, client } = run(zone('{ reachable: true }'));
    // 114 before its proxies crashed ahead of its pods (model revision 21); 112 until a restarted process came back
    // without its connections, so that its peers open new ones (model revision 26); 115 until a connection to a
    // process down on a live node was refused without a TLS handshake (model revision 34: fewer random draws).
    expect(client.failures['connect-failure']).toBe(113);
    const series = result.timeSeries.edges.find((e) => e.source === 'client');
    const intervalMs = result.timeSeries.intervalMs;
    const failing = (series?.failed ?? []).flatMap((n, i) => (n > 0 ? [i * intervalMs] : []));
    expect(failing.every((atMs) => atMs >= 10_000 && atMs < 12_000)).toBe(true);
  });

  it('with a 1 s timeout at the source, calls fail by timeouts until the node controller marks the pods NotReady (50 s), then recover', () => {
    const { client, diagnosis } = run(zone('true', 'timeout: 1s, ', '80s', '120s'));
    expect(client.failures.timeout).toBeGreaterThan(1000);
    expect(client.failures['connect-failure'] + client.failures.reset).toBe(0);
    // Down 10 s–90 s; NotReady at 60 s, out of the endpoints at 61 s: back while the node is still down.
    const [source] = diagnosis.sources;
    expect(source?.verdict).toBe('degraded-recovered');
    expect(source?.recoveredAtMs).toBeGreaterThanOrEqual(60_000);
    expect(source?.recoveredAtMs).toBeLessThanOrEqual(65_000);
    // An older cluster's 40 s grace period: 10 s sooner.
    const older = run(zone('{ nodeMonitorGracePeriod: 40s }', 'timeout: 1s, ', '80s', '120s'));
    expect(older.diagnosis.sources[0]?.recoveredAtMs).toBeGreaterThanOrEqual(50_000);
    expect(older.diagnosis.sources[0]?.recoveredAtMs).toBeLessThanOrEqual(55_000);
  });

  it('the trigger says what the node crash took down, and frontend, whose pod was on it, lost a pod rather than failed first', () => {
    const { result, diagnosis } = run(zone('true', 'timeout: 1s, ', '80s', '120s'));
    expect(result.nodeCrashes).toEqual([
      {
        fault: 0,
        atMs: 10_000,
        service: 'backend',
        reachable: false,
        nodes: ['c1/a/node-1'],
        services: [
          { service: 'frontend', pods: 1, of: 3 },
          { service: 'backend', pods: 2, of: 6 },
        ],
        sidecars: 3,
        proxies: [],
      },
    ]);
    expect(diagnosis.triggers[0]?.description).toBe(
      'crash-node fault on backend (1 instance): node c1/a/node-1 down with backend 2 of 6 pods, frontend 1 of 3 pods',
    );
    const frontend = diagnosis.cascade.find((step) => step.service === 'frontend');
    expect(frontend?.lostPods).toEqual({ pods: 1, of: 3, nodes: ['c1/a/node-1'] });
  });
});
