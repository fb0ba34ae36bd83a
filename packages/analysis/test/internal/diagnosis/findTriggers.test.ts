// Load triggers: the stretches in which a source's scheduled rate is above its base rate — its final rate, or for a
// schedule that ends at 0 (the source stops), its lowest non-zero rate — so a ramp 0 → 400 → 0 is no trigger.

import { resolveScenario } from '@meshsim/scenario';
import { describe, expect, it } from 'vitest';

import { baseRate, findTriggers, restartAfterEnd } from '../../../src/internal/diagnosis/findTriggers.js';

/** The triggers of a 100 s run of one source with this rate schedule. */
function triggersOf(rate: { at: string; rps: number; ramp?: boolean }[]): ReturnType<typeof findTriggers> {
  return findTriggers(
    resolveScenario({
      duration: '100s',
      services: { api: { serviceTime: '1ms' } },
      traffic: [{ name: 'client', to: 'api', rate }],
    }),
  );
}

describe('findTriggers', () => {
  it("ends a crash loop's trigger at its containers' restart after the fault (the kubelet's backoff), keeping the fault's end", () => {
    const config = resolveScenario({
      duration: '150s',
      services: { api: { serviceTime: '1ms' } },
      traffic: [{ name: 'client', to: 'api', rate: 10 }],
      faults: [
        { at: '20s', for: '100s', service: 'api', crashLoop: true },
        { at: '20s', for: '60s', service: 'api', crashLoop: { runsFor: '2s' } },
      ],
    });
    const triggers = findTriggers(config);
    expect(triggers.map((t) => [t.startMs, t.endMs, t.faultEndMs, t.description])).toEqual([
      [20_000, 170_000, 120_000, 'crash-loop fault on api, 20 s–120 s, down until its restart at 170 s'],
      [20_000, 96_000, 80_000, 'crash-loop fault on api, 20 s–80 s, down until its restart at 96 s'],
    ]);
    // Only the restart at 170 s, after the run's end, is still awaited then; a fault itself outlasting the run is not.
    expect(restartAfterEnd(triggers, 150_000)).toBe(170_000);
    expect(restartAfterEnd(triggers, 200_000)).toBeNull();
    expect(restartAfterEnd(triggers, 100_000)).toBeNull();
  });

  it('says which proxy a crash-proxy fault crashes (one scenario may crash a sidecar and a ztunnel)', () => {
    const config = resolveScenario({
      duration: '60s',
      mesh: 'istio-ambient',
      services: { api: { serviceTime: '1ms' } },
      traffic: [{ name: 'client', to: 'api', rate: 10 }],
      faults: [
        { at: '10s', for: '20s', service: 'api', instances: 1, crashProxy: 'ztunnel' },
        { at: '10s', for: '20s', service: 'api', instances: 1, crashProxy: 'sidecar' },
      ],
    });
    expect(findTriggers(config).map((t) => t.description)).toEqual([
      'crash-proxy (ztunnel) fault on api (1 instance)',
      'crash-proxy (sidecar) fault on api (1 instance)',
    ]);
  });

  it("shows a percentage of pods with the count it resolved to (the service's replicas, rounded down)", () => {
    const config = resolveScenario({
      duration: '60s',
      services: { api: { replicas: 7, serviceTime: '1ms' } },
      traffic: [{ name: 'client', to: 'api', rate: 10 }],
      faults: [{ at: '10s', for: '20s', service: 'api', instances: '30%', crash: true }],
    });
    expect(findTriggers(config).map((t) => t.description)).toEqual([
      'crash fault on api (2 instances: 30 % of its 7 pods)',
    ]);
  });

  it("names each trigger as the cascade's first link: the faulted service and what the fault did to it", () => {
    const config = resolveScenario({
      duration: '60s',
      services: { api: { replicas: 3, serviceTime: '1ms' } },
      traffic: [{ name: 'client', to: 'api', rate: 10 }],
      faults: [
        { at: '1s', for: '1s', service: 'api', latency: '+2s' },
        { at: '2s', for: '1s', service: 'api', instances: 1, latency: '+150ms' },
        { at: '3s', for: '1s', service: 'api', latency: 'x3' },
        { at: '4s', for: '1s', service: 'api', latency: { exponential: { mean: '5ms' } } },
        { at: '5s', for: '1s', service: 'api', errorRate: 0.25 },
        { at: '6s', for: '1s', service: 'api', instances: 2, crash: true },
        { at: '7s', for: '1s', service: 'api', crashProxy: 'node-proxy' },
        { at: '8s', for: '1s', service: 'api', instances: 1, crashNode: true },
        { at: '9s', for: '1s', controlPlaneOutage: true },
        { at: '10s', for: '1s', service: 'api', instances: 1, crashLoop: true },
        // Its restart after an immediate one at 20 s and a crash is at 30 s, the fault's end: nothing to add.
        { at: '20s', for: '10s', service: 'api', crashLoop: true },
      ],
    });
    expect(findTriggers(config).map((t) => t.origin)).toEqual([
      'api slowed (+2 s latency fault)',
      'api slowed (+150 ms latency fault, 1 instance)',
      'api slowed (x3 latency fault)',
      'api slowed (latency fault: + an exponential draw)',
      'api erroring (25 % error fault)',
      'api crashed (crash fault, 2 instances)',
      "api's node proxies crashed (crash-proxy fault)",
      "api's node down (crash-node fault, 1 instance)",
      'control plane down (control-plane-outage fault)',
      // Back only at its restart, 10 s after its second crash at 10 s.
      'api crash-looping 10 s–11 s, down until its restart at 20 s (crash-loop fault, 1 instance)',
      'api crash-looping (crash-loop fault)',
    ]);
    expect(
      triggersOf([
        { at: '0s', rps: 400 },
        { at: '30s', rps: 800 },
        { at: '45s', rps: 400 },
      ])[0]?.origin,
    ).toBe('client above 400 req/s (load spike)');
  });

  it('finds a spike above the rate the schedule ends at', () => {
    expect(
      triggersOf([
        { at: '0s', rps: 400 },
        { at: '30s', rps: 800 },
        { at: '45s', rps: 400 },
      ]),
    ).toEqual([
      {
        kind: 'load',
        description: 'client above 400 req/s',
        origin: 'client above 400 req/s (load spike)',
        startMs: 30_000,
        endMs: 45_000,
      },
    ]);
  });

  it('finds no trigger in a ramp from 0 up and back down to 0 (was the whole run, above 0 req/s)', () => {
    expect(
      triggersOf([
        { at: '0s', rps: 0 },
        { at: '50s', rps: 400, ramp: true },
        { at: '100s', rps: 0, ramp: true },
      ]),
    ).toEqual([]);
  });

  it('finds no load trigger for a source whose schedule is its normal load (loadTrigger: false); faults stay triggers', () => {
    const dailyRamp = [
      { at: '0s', rps: 300 },
      { at: '40s', rps: 1500, ramp: true },
      { at: '80s', rps: 1500 },
      { at: '100s', rps: 300, ramp: true },
    ];
    const config = resolveScenario({
      duration: '100s',
      services: { api: { serviceTime: '1ms' }, db: { serviceTime: '1ms' } },
      traffic: [
        { name: 'daily', to: 'api', rate: dailyRamp, loadTrigger: false },
        { name: 'spiky', to: 'api', rate: dailyRamp },
      ],
      faults: [{ at: '50s', for: '20s', service: 'db', latency: 'x4' }],
    });
    expect(findTriggers(config).map((t) => `${t.kind}: ${t.description} ${t.startMs}–${t.endMs}`)).toEqual([
      'load: spiky above 300 req/s 0–100000',
      'fault: latency fault on db 50000–70000',
    ]);
  });

  it('measures a spike of a source that stops from its lowest non-zero rate', () => {
    expect(
      triggersOf([
        { at: '0s', rps: 100 },
        { at: '30s', rps: 500 },
        { at: '60s', rps: 0 },
      ]),
    ).toEqual([
      {
        kind: 'load',
        description: 'client above 100 req/s',
        origin: 'client above 100 req/s (load spike)',
        startMs: 30_000,
        endMs: 60_000,
      },
    ]);
    // Ramping down to the stop, the spike ends where the rate crosses its base.
    expect(
      triggersOf([
        { at: '0s', rps: 100 },
        { at: '10s', rps: 500 },
        { at: '20s', rps: 0, ramp: true },
      ]),
    ).toEqual([
      {
        kind: 'load',
        description: 'client above 100 req/s',
        origin: 'client above 100 req/s (load spike)',
        startMs: 10_000,
        endMs: 18_000,
      },
    ]);
  });

  it('finds no trigger in a ramp up to the final rate, or a source that only stops', () => {
    expect(
      triggersOf([
        { at: '0s', rps: 300 },
        { at: '60s', rps: 600, ramp: true },
      ]),
    ).toEqual([]);
    expect(
      triggersOf([
        { at: '0s', rps: 100 },
        { at: '50s', rps: 0 },
      ]),
    ).toEqual([]);
  });
});

describe('baseRate', () => {
  it('is the final rate, or the lowest non-zero one for a schedule ending at 0, or 0', () => {
    const point = (rps: number): { atMs: number; rps: number; rampToNext: boolean } => ({
      atMs: 0,
      rps,
      rampToNext: false,
    });
    expect(baseRate([point(400), point(800), point(400)])).toBe(400);
    expect(baseRate([point(0), point(400), point(0)])).toBe(400);
    expect(baseRate([point(200), point(100), point(500), point(0)])).toBe(100);
    expect(baseRate([point(0)])).toBe(0);
  });

  it('finds the lowest sending rate of a schedule of 500,000 points that ends at 0', () => {
    const points = Array.from({ length: 500_000 }, (_, i) => ({
      atMs: i,
      rps: i === 499_999 ? 0 : 1 + (i % 7),
      rampToNext: false,
    }));
    expect(baseRate(points)).toBe(1);
  });
});
