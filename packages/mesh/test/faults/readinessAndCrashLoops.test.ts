// Readiness probes and crash loops: without a probe a restarted instance is Ready at once (Kubernetes' default
// state is Success); with one it gets traffic only once the probe has passed, and a saturated one goes NotReady after
// failureThreshold failed probes; a crash loop restarts on the kubelet's backoff and stays down past its fault.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, crashLoopRestartMs, simulate } from '../../src/index.js';
import type { FaultConfig, ReadinessProbeConfig, SimulationConfig } from '../../src/index.js';
import { assertConservation } from '../__helpers__/assertions.js';
import { call, config, poisson, service } from '../__helpers__/configs.js';

const PROBE: ReadinessProbeConfig = {
  initialDelayMs: 5000,
  periodMs: 10_000,
  failureThreshold: 3,
  successThreshold: 1,
};

/** a ×2 → b ×4 at `rps`, b's first instance hit by `fault`. */
function pair(
  fault: FaultConfig['effect'],
  options: { probe?: ReadinessProbeConfig; durationMs?: number; faultMs?: number; rps?: number } = {},
): SimulationConfig {
  return config(
    [
      service('a', { replicas: 2, concurrency: 64, calls: [[call('b')]] }),
      service('b', { replicas: 4, concurrency: 64, readinessProbe: options.probe ?? null }),
    ],
    [poisson('a', options.rps ?? 20)],
    {
      shape: 'none',
      durationMs: options.durationMs ?? 40_000,
      faults: [
        { atMs: 2000, durationMs: options.faultMs ?? 4000, service: 'b', instances: 1, effect: fault },
      ],
    },
  );
}

interface Change {
  atMs: number;
  up: boolean;
  ready: boolean;
  /** In the endpoints callers see. */
  listed: boolean;
  startedMs: number;
}

/** b-1's state each time it changes, stepping the run by `stepMs`. */
function timeline(cfg: SimulationConfig, stepMs = 50): Change[] {
  const sim = new Simulation(cfg);
  const [b1] = sim.instancesOf('b');
  if (b1 === undefined) throw new Error('placement');
  const endpoints = (): readonly unknown[] => (b1.service as unknown as { endpoints: unknown[] }).endpoints;
  const changes: Change[] = [];
  for (let t = 0; t <= cfg.durationMs; t += stepMs) {
    sim.engine.run({ untilMs: t });
    const now: Change = {
      atMs: t,
      up: b1.up,
      ready: b1.ready,
      listed: endpoints().includes(b1),
      startedMs: b1.startedMs,
    };
    const last = changes[changes.length - 1];
    if (
      last === undefined ||
      last.up !== now.up ||
      last.ready !== now.ready ||
      last.listed !== now.listed ||
      last.startedMs !== now.startedMs
    )
      changes.push(now);
  }
  return changes;
}

/** b-1's state at `atMs` (the last change at or before it). */
function stateAt(changes: readonly Change[], atMs: number): Change {
  const found = changes.filter((c) => c.atMs <= atMs).pop();
  if (found === undefined) throw new Error('before the start');
  return found;
}

/** The first time of `changes` where `pick` holds from `afterMs` on. */
function firstAfter(changes: readonly Change[], afterMs: number, pick: (c: Change) => boolean): number {
  const found = changes.find((c) => c.atMs >= afterMs && pick(c));
  if (found === undefined) throw new Error('never');
  return found.atMs;
}

describe('readiness probes', () => {
  it('without a probe a restarted instance is Ready at its restart and listed the endpoint update delay later (unchanged)', () => {
    const changes = timeline(pair({ kind: 'crash' }));
    expect(firstAfter(changes, 0, (c) => !c.up)).toBe(2000);
    expect(firstAfter(changes, 2000, (c) => c.up)).toBe(6000);
    expect(firstAfter(changes, 2000, (c) => c.up && c.ready)).toBe(6000);
    expect(firstAfter(changes, 6000, (c) => c.listed)).toBe(7000);
  });

  it('with a probe a restarted instance is NotReady until the first probe after its initial delay passes', () => {
    const changes = timeline(pair({ kind: 'crash' }, { probe: PROBE }));
    // Up at 6 s; not probed before 11 s; probed every 10 s at a phase of its own: Ready in [11 s, 21 s).
    const readyMs = firstAfter(changes, 6000, (c) => c.ready);
    expect(changes.find((c) => c.atMs === 6000)).toMatchObject({ up: true, ready: false });
    expect(readyMs).toBeGreaterThanOrEqual(11_000);
    expect(readyMs).toBeLessThan(21_000);
    // Callers take it back the endpoint update delay (1 s) after it turned Ready, not before.
    expect(firstAfter(changes, 6000, (c) => c.listed)).toBe(readyMs + 1000);
  });

  it('successThreshold passes in a row are needed: each one more waits a period more', () => {
    const readyAt = (successThreshold: number): number =>
      firstAfter(
        timeline(pair({ kind: 'crash' }, { probe: { ...PROBE, successThreshold }, durationMs: 60_000 })),
        6000,
        (c) => c.ready,
      );
    const one = readyAt(1);
    expect(readyAt(2)).toBe(one + 10_000);
    expect(readyAt(3)).toBe(one + 20_000);
  });

  it('a restarted instance with a probe gets no traffic before it is Ready, so it fails nothing more than without', () => {
    const cfg = pair({ kind: 'crash' }, { probe: PROBE, rps: 200 });
    const result = simulate(cfg);
    assertConservation(result);
    const without = simulate(pair({ kind: 'crash' }, { rps: 200 }));
    const failed = (r: typeof result) =>
      r.edges.find((e) => e.source === 'a' && e.destination === 'b')?.failed;
    expect(failed(result)).toBe(failed(without));
  });

  it('a saturated instance (workers busy, queue full) fails its probe and goes NotReady after failureThreshold failures; Ready again once it passes', () => {
    // b-1 slowed 1000×: its 2 workers and 2 queue places fill at once, so every probe fails while the fault lasts.
    const cfg = config(
      [
        service('a', { replicas: 2, concurrency: 64, calls: [[call('b')]] }),
        service('b', {
          replicas: 4,
          concurrency: 2,
          queueCapacity: 2,
          serviceTimeMs: { kind: 'constant', value: 5 },
          readinessProbe: { initialDelayMs: 0, periodMs: 1000, failureThreshold: 3, successThreshold: 2 },
        }),
      ],
      [poisson('a', 400)],
      {
        shape: 'none',
        durationMs: 20_000,
        faults: [
          {
            atMs: 2000,
            durationMs: 6000,
            service: 'b',
            instances: 1,
            effect: { kind: 'latency', addMs: null, multiply: 1000 },
          },
        ],
      },
    );
    const changes = timeline(cfg);
    const notReadyMs = firstAfter(changes, 0, (c) => !c.ready);
    // Three failed probes, a second apart, the first within a second of the saturation.
    expect(notReadyMs).toBeGreaterThanOrEqual(4000);
    expect(notReadyMs).toBeLessThan(5100);
    expect(changes.find((c) => c.atMs === notReadyMs)?.up).toBe(true);
    expect(firstAfter(changes, notReadyMs, (c) => !c.listed)).toBe(notReadyMs + 1000);
    // Out of the endpoints its queue drains (5 s requests, at most 4 held) and two probes pass in a row.
    const readyAgainMs = firstAfter(changes, notReadyMs, (c) => c.ready);
    expect(readyAgainMs).toBeGreaterThan(notReadyMs + 1000);
    // Without a probe it stays Ready (and listed) throughout: Kubernetes counts a running container Ready.
    const unprobed = timeline({
      ...cfg,
      services: cfg.services.map((s) => (s.name === 'b' ? { ...s, readinessProbe: null } : s)),
    });
    expect(unprobed.every((c) => c.ready && c.listed)).toBe(true);
  });
});

describe('crash loops (CrashLoopBackOff)', () => {
  it('restarts at once after the initial crash, then after 10 s, 20 s, 40 s…, and the first restart after the fault stays up', () => {
    // Crashes as it starts while the fault lasts (2 s to 62 s).
    const changes = timeline(
      pair({ kind: 'crash-loop', runsForMs: 0 }, { faultMs: 60_000, durationMs: 90_000 }),
      500,
    );
    const starts = [...new Set(changes.map((c) => c.startedMs))].filter((ms) => ms > 0);
    // 2 s (at once), 12 s, 32 s, 72 s (40 s after the crash at 32 s): the fault ended at 62 s, so it stays up.
    expect(starts).toEqual([2000, 12_000, 32_000, 72_000]);
    expect(changes.filter((c) => c.atMs < 72_000 && c.atMs >= 2000).every((c) => !c.up)).toBe(true);
    expect(changes[changes.length - 1]).toMatchObject({ up: true, ready: true, listed: true });
    expect(crashLoopRestartMs(2000, 60_000, 0)).toBe(72_000);
  });

  it('comes back for good at crashLoopRestartMs, the schedule the diagnosis reads from the config (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom(0, 500, 3000, 12_000),
        (faultS, runsForMs) => {
          const faultMs = faultS * 1000;
          const cfg = pair(
            { kind: 'crash-loop', runsForMs },
            { faultMs, durationMs: faultMs + 320_000, rps: 1 },
          );
          const sim = new Simulation(cfg);
          const [b1] = sim.instancesOf('b');
          sim.engine.run({ untilMs: cfg.durationMs });
          expect(b1?.up).toBe(true);
          expect(b1?.startedMs).toBe(crashLoopRestartMs(2000, faultMs, runsForMs));
        },
      ),
      { numRuns: 12, seed: 28 },
    );
  });

  it('a container started while the fault lasts runs runsFor, then crashes; Ready (no probe) in between, so it gets traffic', () => {
    const changes = timeline(pair({ kind: 'crash-loop', runsForMs: 3000 }, { faultMs: 20_000 }));
    // Crash at 2 s, at once up again (2 s), crash at 5 s, up at 15 s, crash at 18 s, up at 38 s (past the 22 s end).
    expect([...new Set(changes.map((c) => c.startedMs))].filter((ms) => ms > 0)).toEqual([
      2000, 15_000, 38_000,
    ]);
    // Restarted at once at 2 s, it never left the endpoints: listed until the update after its crash at 5 s.
    expect(stateAt(changes, 4000)).toMatchObject({ up: true, listed: true });
    expect(stateAt(changes, 6000)).toMatchObject({ up: false, listed: false });
    expect(stateAt(changes, 17_000)).toMatchObject({ up: true, listed: true });
    expect(crashLoopRestartMs(2000, 20_000, 3000)).toBe(38_000);
  });

  it('with a probe whose initial delay outlasts runsFor the crash-looping instance never gets traffic', () => {
    const failed = (probe: ReadinessProbeConfig | undefined): number => {
      const result = simulate(
        pair({ kind: 'crash-loop', runsForMs: 3000 }, { faultMs: 20_000, rps: 200, ...(probe && { probe }) }),
      );
      assertConservation(result);
      return result.edges.find((e) => e.source === 'a' && e.destination === 'b')?.failed ?? -1;
    };
    const probed = failed(PROBE);
    const unprobed = failed(undefined);
    // Unprobed, each crash after a run it was listed for fails what it held and ~1/4 of 200/s until the endpoint update
    // (1 s) takes it out: ~50 each, at 5 s and 18 s.
    expect(unprobed).toBeGreaterThan(70);
    expect(probed).toBeLessThan(unprobed / 4);
  });
});
