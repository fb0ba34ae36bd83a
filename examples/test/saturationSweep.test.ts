// The saturation sweep as a contract: every mesh shape saturates the nodes before `none` does, and past
// that point its goodput falls and its added latency grows; below it the shapes' CPU per request decides
// how soon. A reduced sweep (three loads, 5 s runs) of the one in docs/scenarios/kinvolk-emojivoto.md.
// Ambient runs twice: L4 only (ztunnels), and with a waypoint per app namespace (L7 parity).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import {
  AMBIENT_WITH_WAYPOINTS,
  DEFAULT_SWEEP,
  saturationSweep,
  shapeSeries,
  sweepTable,
} from '../sweep/saturationSweep.js';
import type { SweepPoint } from '../sweep/saturationSweep.js';
import { entryMedianMs } from '../calibration/entryMedianMs.js';
import { applyOverrides, generateKinvolkEmojivoto, resolveScenario, simulate } from 'meshsim';

const SHAPES = ['none', 'linkerd', 'istio-ambient', 'istio-sidecar'] as const;
const WAYPOINTS = AMBIENT_WITH_WAYPOINTS.name;

describe('saturation sweep (4 × emojivoto on 2 nodes of 2 cores)', () => {
  let points: SweepPoint[];
  const at = (load: number, shape: string): SweepPoint => {
    const point = points.find((p) => p.offeredRps === load && p.series === shape);
    if (point === undefined) throw new Error(`no point ${shape} at ${load}`);
    return point;
  };
  beforeAll(() => {
    points = saturationSweep({
      loadsRps: [1000, 5000, 6000],
      series: [...SHAPES.map(shapeSeries), AMBIENT_WITH_WAYPOINTS],
      durationMs: 5000,
    });
  }, 180_000);

  it('below saturation every shape serves the offered load and adds latency over none; sidecars the most', () => {
    for (const shape of SHAPES) expect(at(1000, shape).goodputRps).toBeGreaterThan(950);
    for (const shape of SHAPES.slice(1)) expect(at(1000, shape).addedP50Ms).toBeGreaterThan(0);
    expect(at(1000, 'istio-sidecar').addedP50Ms).toBeGreaterThan(at(1000, 'linkerd').addedP50Ms);
    expect(at(1000, 'istio-sidecar').addedP50Ms).toBeGreaterThan(at(1000, 'istio-ambient').addedP50Ms);
    // The order none < linkerd < istio-ambient < istio-sidecar holds below saturation.
    expect(at(1000, 'linkerd').addedP50Ms).toBeLessThan(at(1000, 'istio-ambient').addedP50Ms);
  });

  it('the sidecar shapes use more node CPU than ambient, which uses more than none', () => {
    for (const load of [1000, 5000]) {
      expect(at(load, 'istio-ambient').nodeCpu).toBeGreaterThan(at(load, 'none').nodeCpu);
      expect(at(load, 'linkerd').nodeCpu).toBeGreaterThan(at(load, 'istio-ambient').nodeCpu);
      expect(at(load, 'istio-sidecar').nodeCpu).toBeGreaterThanOrEqual(at(load, 'istio-ambient').nodeCpu);
    }
  });

  it('at 6000 req/s the sidecar shapes saturate the nodes: goodput falls below the offered load and added latency grows', () => {
    expect(at(6000, 'none').goodputRps).toBeGreaterThan(5800);
    for (const shape of ['linkerd', 'istio-sidecar']) {
      // Saturated: wrk2's 128 shared connections keep the nodes all but always busy (98–99 %).
      expect(at(6000, shape).nodeCpu).toBeGreaterThan(0.98);
      // wrk2's 128 connections bound the requests in flight: goodput levels off at what the nodes serve.
      expect(at(6000, shape).goodputRps).toBeLessThan(0.9 * 6000);
      expect(at(6000, shape).addedP50Ms).toBeGreaterThan(10 * at(1000, shape).addedP50Ms);
    }
    // Istio's sidecar saturates first: already at 5000 req/s, and it serves the least at 6000.
    expect(at(5000, 'istio-sidecar').nodeCpu).toBeGreaterThan(0.98);
    expect(at(5000, 'istio-sidecar').goodputRps).toBeLessThan(0.9 * 5000);
    expect(at(6000, 'istio-sidecar').goodputRps).toBeLessThan(at(6000, 'linkerd').goodputRps);
    expect(at(6000, 'istio-ambient').addedP50Ms).toBeGreaterThan(at(1000, 'istio-ambient').addedP50Ms);
  });

  it('with a waypoint per app (L7 parity), ambient adds more than Linkerd at every load, and uses more CPU than L4 ambient', () => {
    for (const load of [1000, 5000, 6000]) {
      expect(at(load, WAYPOINTS).addedP50Ms).toBeGreaterThan(at(load, 'linkerd').addedP50Ms);
      expect(at(load, 'linkerd').addedP50Ms).toBeGreaterThan(at(load, 'none').addedP50Ms);
    }
    for (const load of [1000, 5000]) {
      expect(at(load, WAYPOINTS).nodeCpu).toBeGreaterThan(at(load, 'istio-ambient').nodeCpu);
    }
    // L4 only, ambient's ztunnels cost about half a Linkerd proxy's CPU per request: past half the nodes'
    // capacity it adds less than Linkerd (at 1000 req/s it adds more, see the first test).
    expect(at(5000, 'istio-ambient').addedP50Ms).toBeLessThan(at(5000, 'linkerd').addedP50Ms);
  });
});

describe('the saturation sweep in docs/scenarios/kinvolk-emojivoto.md', () => {
  it('is what the full sweep prints today (regenerate: npx -y pnpm@10 --filter @meshsim/examples saturation-sweep)', () => {
    const doc = readFileSync(
      fileURLToPath(new URL('../../docs/scenarios/kinvolk-emojivoto.md', import.meta.url)),
      'utf8',
    );
    expect(doc).toContain(sweepTable(saturationSweep(DEFAULT_SWEEP), DEFAULT_SWEEP.series));
  }, 180_000);
});

describe("Linkerd's proxies on busy nodes: no CPU request by default, so the smallest weight", () => {
  /** One 5 s run of the sweep's app at 3000 req/s under `mesh`: the proxies' CPU wait and the added median. */
  function run(mesh: unknown): { waitMs: number; p50Ms: number } {
    const generated = generateKinvolkEmojivoto({
      apps: 4,
      totalRps: 3000,
      nodes: 2,
      nodeCpu: 2,
      timeout: '1s',
      loadGeneratorConnections: 128,
    });
    const result = simulate(
      applyOverrides(resolveScenario({ ...generated, mesh }, 'sweep'), { durationMs: 5000 }),
    );
    const waitMs = result.proxies.byKind.reduce((sum, kind) => sum + (kind.cpuWaitMs ?? 0), 0);
    return { waitMs, p50Ms: entryMedianMs(result) };
  }

  it('wait for a core less, and add less latency, when they request 100m like Istio’s', () => {
    const none = run('none').p50Ms;
    const unrequested = run('linkerd');
    const requested = run({ shape: 'linkerd', linkerdProxy: { cpuRequest: '100m' } });
    expect(requested.waitMs).toBeLessThan(0.5 * unrequested.waitMs);
    expect(requested.p50Ms - none).toBeLessThan(unrequested.p50Ms - none);
    // Still more than ambient's ztunnels at this load: the weights are not the whole difference.
    expect(requested.p50Ms).toBeGreaterThan(run('istio-ambient').p50Ms);
  });
});
