// The sweep's text and JSON: the head line counts the runs made now and those found in the store, and names the
// runs of another model revision the store held and the sweep did not reuse; runs a guard stopped early are listed;
// a boundary whose probe was stopped or unresolved is unknown; the strip of a whole-number range gives each value
// its band.

import { findBoundaries, parseSetOption, readScenarioSource, scenarioSource, sweep } from '@meshsim/analysis';
import type { Boundary, BoundaryMap, SweepResult } from '@meshsim/analysis';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  renderBoundaryMapJson,
  renderBoundaryMapText,
  renderSweepJson,
  renderSweepText,
} from '../src/index.js';

/** Zero-latency calls: at 20,000 req/s a 5 s run passes 20,000 events, under 20,000 at 100 req/s. */
const FAST = scenarioSource(
  'fast.yaml',
  `duration: 5s
network: { sameNode: 0ms, sameZone: 0ms, crossZone: 0ms, crossCluster: 0ms }
services:
  api: { serviceTime: 1ms, concurrency: 4 }
traffic:
  - { name: users, rate: 100, to: api }
`,
);

let result: SweepResult;

beforeAll(async () => {
  result = await sweep(readScenarioSource('steady-3tier'), {
    fixed: [{ path: 'duration', value: '500ms' }],
    workers: 0,
  });
});

describe('renderSweepText', () => {
  it('says what ran, and nothing of other model revisions when the store held none', () => {
    expect(result.outdated).toBe(0);
    const head = renderSweepText(result).split('\n')[0];
    expect(head).toBe('Sweep: 1 point × 1 replication = 1 run: 1 run now, 0 already in the store');
  });

  it('prints a small interval with the decimals it needs (as the paired differences), not 1.000 ± 0.000', () => {
    const [point] = result.summary;
    if (point === undefined) throw new Error('no point');
    const small = {
      ...result,
      summary: [
        {
          ...point,
          figures: [
            {
              key: 'attemptsPerCall' as const,
              n: 3,
              mean: 1.00012,
              halfWidth: 0.00004,
              min: 1.0001,
              max: 1.0002,
            },
          ],
        },
      ],
    };
    expect(renderSweepText(small)).toMatch(/\s1\.00012 ± 0\.00004\n/);
    // The JSON keeps the numbers (rounded to 6 decimals).
    expect(JSON.parse(renderSweepJson(small))).toMatchObject({
      summary: [{ figures: { attemptsPerCall: { mean: 1.00012, halfWidth: 0.00004 } } }],
    });
  });

  it("gives each point's cascade figures some point has, as mean ± 95 % CI in their units, and all in the JSON", () => {
    const [point] = result.summary;
    if (point === undefined) throw new Error('no point');
    const interval = (key: 'recoveryMs' | 'minGoodputRatio', mean: number, halfWidth: number) => ({
      key,
      n: 3,
      mean,
      halfWidth,
      min: mean - halfWidth,
      max: mean + halfWidth,
    });
    const cascaded = {
      ...result,
      summary: [
        {
          ...point,
          cascade: [interval('recoveryMs', 4_250, 1_500), interval('minGoodputRatio', 0.375, 0.05)],
        },
        { ...point, point: 1, cascade: [interval('minGoodputRatio', 0.9, 0.01)] },
      ],
    };
    const lines = renderSweepText(cascaded).split('\n');
    const header = lines.find((line) => line.includes('verdicts')) ?? '';
    expect(header).toMatch(/ recovery \(s\) {2}lowest goodput \(%\)$/);
    expect(header).not.toContain('peak attempts per request');
    expect(lines).toContainEqual(expect.stringMatching(/ 4\.3 ± 1\.5 {2,}37\.5 ± 5\.0$/));
    expect(lines).toContainEqual(expect.stringMatching(/ – {2,}90\.0 ± 1\.0$/));
    expect(JSON.parse(renderSweepJson(cascaded))).toMatchObject({
      summary: [
        {
          cascade: {
            recoveryMs: { n: 3, mean: 4250, halfWidth: 1500 },
            minGoodputRatio: { mean: 0.375, halfWidth: 0.05 },
          },
        },
        { cascade: { minGoodputRatio: { mean: 0.9 } } },
      ],
    });
  });

  it('explains a negative recovery under the table, as run does; no note when every recovery is after the trigger', () => {
    const [point] = result.summary;
    if (point === undefined) throw new Error('no point');
    const recovery = (min: number) => ({
      key: 'recoveryMs' as const,
      n: 1,
      mean: min,
      halfWidth: null,
      min,
      max: min,
    });
    const early = { ...result, summary: [{ ...point, cascade: [recovery(-1_000)] }] };
    expect(renderSweepText(early).trimEnd().split('\n').at(-1)).toBe(
      'recovery (s): counted from the end of the last trigger; negative: back within the band while the trigger was still ' +
        'active (a policy or the endpoint updates worked around it, though goodput left the band first)',
    );
    const late = { ...result, summary: [{ ...point, cascade: [recovery(2_000)] }] };
    expect(renderSweepText(late)).not.toContain('negative');
  });

  it('right-aligns the mean ± CI columns, as every numeric column; the verdicts stay left-aligned', () => {
    const [point] = result.summary;
    if (point === undefined) throw new Error('no point');
    const goodput = (mean: number, halfWidth: number) => ({
      key: 'goodputRps' as const,
      n: 3,
      mean,
      halfWidth,
      min: mean - halfWidth,
      max: mean + halfWidth,
    });
    const wide = {
      ...result,
      summary: [
        { ...point, figures: [goodput(5, 0.1)], cascade: [] },
        { ...point, point: 1, figures: [goodput(1234.5, 10)], cascade: [] },
      ],
    };
    const lines = renderSweepText(wide).trimEnd().split('\n');
    const start = lines.findIndex((line) => line.includes('verdicts'));
    const table = lines.slice(start, start + 4);
    // Right-aligned, the last column ends where its header and rule end, whatever the width of the cell.
    expect(table[0]).toMatch(/ goodput \(req\/s\)$/);
    expect(table[2]).toMatch(/ {2,}5\.0 ± 0\.1$/);
    expect(table[3]).toMatch(/ 1,234\.5 ± 10\.0$/);
    expect(new Set(table.map((line) => line.length)).size).toBe(1);
    // The verdicts start right after the runs column.
    expect(table[2]).toMatch(/^ +1 {2}[a-z-]+ 1\/1 /);
  });

  it("adds the proxies' CPU and memory when the grid varies the mesh, and only then", async () => {
    const meshes = await sweep(FAST, {
      axes: [parseSetOption('mesh=none,istio-sidecar')],
      workers: 0,
    });
    const header = (r: SweepResult) =>
      renderSweepText(r)
        .split('\n')
        .find((line) => line.includes('verdicts')) ?? '';
    expect(header(meshes)).toMatch(/proxy CPU \(cores\) +proxy memory \(MiB\) +proxy cost \(USD\/month\)/);
    const sidecarRow = renderSweepText(meshes)
      .split('\n')
      .find((line) => line.startsWith('istio-sidecar'));
    // Its proxy CPU (cores), memory (MiB) and cost (USD/month), before the cascade figure.
    expect(sidecarRow).toMatch(/ 0\.0\d\d +\d+\.\d +\d+\.\d\d +100\.0$/);
    // A grid over something else keeps its table as it was.
    expect(header(result)).not.toMatch(/proxy/);
  });

  it('says how many runs of a verdict were lossy in the verdicts column, and gives the counts in the JSON', () => {
    const [point] = result.summary;
    if (point === undefined) throw new Error('no point');
    const none = {
      stable: 0,
      'degraded-recovered': 0,
      unresolved: 0,
      degraded: 0,
      metastable: 0,
      stopped: 0,
    };
    const lossy = {
      ...result,
      summary: [
        {
          ...point,
          runs: 3,
          verdicts: { ...none, stable: 2, 'degraded-recovered': 1 },
          lossy: { ...none, stable: 2 },
        },
      ],
    };
    expect(renderSweepText(lossy)).toContain(' stable 2/3 (2 lossy), degraded-recovered 1/3 ');
    expect(renderSweepText(result)).not.toContain('lossy');
    expect(JSON.parse(renderSweepJson(lossy))).toMatchObject({
      summary: [
        { verdicts: { stable: 2, 'degraded-recovered': 1 }, lossy: { stable: 2, 'degraded-recovered': 0 } },
      ],
    });
  });

  it('names the shard that ran and how many of the runs it has, when there is one', () => {
    expect(renderSweepText({ ...result, shard: { index: 3, count: 4 } }).split('\n')[0]).toBe(
      'Sweep: 1 point × 1 replication = 1 run; shard 3/4 has 1 of them: 1 run now, 0 already in the store',
    );
  });

  it('names the runs of another model revision that were not reused', () => {
    expect(renderSweepText({ ...result, outdated: 1 }).split('\n')[0]).toMatch(
      /0 already in the store \(1 run of this scenario stored by another meshsim model not reused\)$/,
    );
    expect(renderSweepText({ ...result, outdated: 12 })).toContain(
      '(12 runs of this scenario stored by another meshsim model not reused)',
    );
    expect(JSON.parse(renderSweepJson({ ...result, outdated: 12 }))).toMatchObject({
      ran: 1,
      skipped: 0,
      outdated: 12,
    });
  });

  it('counts the stopped runs run again among the runs run now', () => {
    expect(renderSweepText({ ...result, rerun: 1 }).split('\n')[0]).toBe(
      'Sweep: 1 point × 1 replication = 1 run: 1 run now (1 stopped run run again), 0 already in the store',
    );
    expect(renderSweepText({ ...result, ran: 2, rerun: 2 })).toContain(
      '2 run now (2 stopped runs run again), 0 already',
    );
    expect(JSON.parse(renderSweepJson({ ...result, rerun: 1 }))).toMatchObject({ ran: 1, rerun: 1 });
  });

  it('says how many stopped runs were kept as stored (the same guards would stop them again), and the JSON why each other ran again', () => {
    const kept = { ...result, ran: 0, skipped: 1, stoppedRuns: { ...result.stoppedRuns, kept: 1 } };
    expect(renderSweepText(kept).split('\n')[0]).toBe(
      'Sweep: 1 point × 1 replication = 1 run: 0 run now, 1 already in the store (1 stopped by a guard, kept: the same guards would stop it again)',
    );
    expect(renderSweepText({ ...kept, stoppedRuns: { ...kept.stoppedRuns, kept: 3 } })).toContain(
      '(3 stopped by a guard, kept: the same guards would stop them again)',
    );
    expect(renderSweepText(result)).not.toContain('kept');
    const rerun = {
      ...result,
      rerun: 1,
      stoppedRuns: {
        kept: 2,
        rerun: { 'guards-changed': 1, 'guards-not-recorded': 0, 'machine-dependent': 0 },
      },
    };
    expect(JSON.parse(renderSweepJson(rerun))).toMatchObject({
      rerun: 1,
      stoppedRuns: {
        kept: 2,
        rerun: { 'guards-changed': 1, 'guards-not-recorded': 0, 'machine-dependent': 0 },
      },
    });
  });
});

describe("the runs' warnings", () => {
  it('are in the JSON, each once with how many runs gave it and an example point', () => {
    const warnings = [
      { message: 'fault x starts after the end', runs: 2, example: [{ path: 'traffic.0.rate', value: 100 }] },
    ];
    expect(JSON.parse(renderSweepJson(result)).warnings).toEqual([]);
    expect(JSON.parse(renderSweepJson({ ...result, warnings })).warnings).toEqual([
      { message: 'fault x starts after the end', runs: 2, example: { 'traffic.0.rate': 100 } },
    ]);
    expect(JSON.parse(renderBoundaryMapJson({ ...mapOf(1, 5, {}), warnings })).warnings).toEqual([
      { message: 'fault x starts after the end', runs: 2, example: { 'traffic.0.rate': 100 } },
    ]);
    // How many runs found in the store had no warnings recorded (a store of an earlier meshsim).
    expect(JSON.parse(renderSweepJson({ ...result, warningsNotRecorded: 3 })).warningsNotRecorded).toBe(3);
    expect(
      JSON.parse(renderBoundaryMapJson({ ...mapOf(1, 5, {}), warningsNotRecorded: 2 })).warningsNotRecorded,
    ).toBe(2);
  });
});

describe('runs a guard stopped early', () => {
  it('are counted as stopped, listed under the table with their stop, and in the JSON', async () => {
    const stopped = await sweep(FAST, {
      axes: [parseSetOption('traffic.0.rate=100,20000')],
      workers: 0,
      guards: { maxEvents: 20_000 },
    });
    const text = renderSweepText(stopped);
    expect(text).toMatch(/^20000 +1 +stopped 1\/1 /m);
    expect(text).toMatch(
      /\n\nStopped early by a guard \(1 run; not diagnosed, their figures cover only the simulated time reached\):\n {2}point 1 \(traffic\.0\.rate=20000\), replication 0: max-events at [\d.]+ ms\n$/,
    );
    expect(renderSweepText(result)).not.toContain('Stopped early');
    const json = JSON.parse(renderSweepJson(stopped)) as {
      summary: { verdict: string; stopped: { replication: number; reason: string; atMs: number }[] }[];
    };
    expect(json.summary.map((p) => [p.verdict, p.stopped.map((s) => s.reason)])).toEqual([
      ['stable', []],
      ['stopped', ['max-events']],
    ]);
  });

  it('leave a boundary unknown, not recovered or failed', async () => {
    const map = await findBoundaries(FAST, {
      axes: [parseSetOption('traffic.0.rate=100..20000')],
      workers: 0,
      guards: { maxEvents: 20_000 },
    });
    const text = renderBoundaryMapText(map);
    expect(text).toContain('unknown: a run at 20000 stopped early');
    expect(text).toContain('A guard stopped a run early where the boundary says unknown');
    expect(JSON.parse(renderBoundaryMapJson(map))).toMatchObject({
      boundaries: [{ status: 'stopped', stoppedAt: 20_000, low: null, high: null }],
    });
    // Resumed under the same guards: the stopped probe is kept, and the head line and the JSON say so.
    const kept = { ...map, ran: 0, skipped: 2, stoppedRuns: { ...map.stoppedRuns, kept: 1 } };
    expect(renderBoundaryMapText(kept).split('\n')[0]).toMatch(
      /0 runs, 2 already in the store \(1 stopped by a guard, kept: the same guards would stop it again\)$/,
    );
    expect(JSON.parse(renderBoundaryMapJson(kept))).toMatchObject({ stoppedRuns: { kept: 1 } });
  });
});

describe('an unresolved probe', () => {
  it('leaves a boundary unknown, says why, and draws no # for it', async () => {
    const map = await findBoundaries(readScenarioSource('retry-storm'), {
      axes: [parseSetOption('traffic.0.rate=100..600')],
      fixed: [
        { path: 'duration', value: '5s' },
        { path: 'faults.0.at', value: '1s' },
        { path: 'faults.0.for', value: '2s' },
        { path: 'services.frontend.calls.0.retry.attempts', value: 1 },
      ],
      workers: 0,
    });
    const text = renderBoundaryMapText(map);
    expect(text).toContain('unknown: a run at 100 was too short to tell (unresolved): run longer');
    expect(text).not.toContain('below 100');
    expect(text).toContain(
      'A run was too short to judge (unresolved: too short for a verdict, or too soon after its trigger to tell recovery from metastability)',
    );
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/ \?{40}$/);
    expect(JSON.parse(renderBoundaryMapJson(map))).toMatchObject({
      boundaries: [{ status: 'unresolved', unresolvedAt: 100, stoppedAt: null, low: null, high: null }],
    });
  });
});

/** A boundary map of one row over `lowEnd..highEnd`, with `boundary`'s fields over a bracket found `between`. */
function mapOf(lowEnd: number, highEnd: number, boundary: Partial<Boundary>): BoundaryMap {
  return {
    path: 'services.orders.calls.0.retry.attempts',
    lowEnd,
    highEnd,
    unit: '',
    axes: [],
    boundaries: [
      {
        values: [],
        status: 'between',
        low: null,
        high: null,
        stoppedAt: null,
        unresolvedAt: null,
        probes: [],
        ...boundary,
      },
    ],
    ran: 4,
    skipped: 0,
    rerun: 0,
    stoppedRuns: {
      kept: 0,
      rerun: { 'guards-changed': 0, 'guards-not-recorded': 0, 'machine-dependent': 0 },
    },
    outdated: 0,
    warnings: [],
    warningsNotRecorded: 0,
  };
}

/** The strip of the map's only row. */
function strip(map: BoundaryMap): string {
  return renderBoundaryMapText(map).trimEnd().split('\n').at(-1)?.split(/\s+/).at(-1) ?? '';
}

describe('the boundary strip', () => {
  it('on a range of whole numbers, draws each value in its own band: 1 recovers, 2 does not, nothing between', () => {
    const map = mapOf(1, 5, { low: 1, high: 2 });
    expect(renderBoundaryMapText(map)).toMatch(/^1 – 2 {5}\.{8}#{32}$/m);
    expect(strip(mapOf(1, 5, { low: 3, high: 4 }))).toBe('.'.repeat(24) + '#'.repeat(16));
    // Two values: half and half.
    expect(strip(mapOf(0, 1, { low: 0, high: 1 }))).toBe('.'.repeat(20) + '#'.repeat(20));
    // A bracket with a value inside (a probe there stopped): that value's band is unknown.
    expect(strip(mapOf(1, 5, { status: 'stopped', low: 1, high: 3, stoppedAt: 2 }))).toBe(
      '.'.repeat(8) + '?'.repeat(8) + '#'.repeat(24),
    );
  });

  it('on a wide range, each cell stands for the value in its middle', () => {
    // 100..3000 in 40 cells of about 72.5 values: recovers up to 1000 (cells 0–11, up to 934), not from 1010 on
    // (cells 13–, from 1079); cell 12 stands for 1006, inside the bracket: unknown.
    const wide = strip(mapOf(100, 3000, { low: 1000, high: 1010 }));
    expect(wide).toBe('.'.repeat(12) + '?' + '#'.repeat(27));
    // Not whole numbers: the middle of each cell's span, '?' inside the bracket.
    expect(strip(mapOf(0.5, 1.5, { low: 0.7, high: 0.8 }))).toBe(
      '.'.repeat(8) + '?'.repeat(4) + '#'.repeat(28),
    );
  });
});
