// The diagnosis renderers: text section, JSON field, verdicts CSV (as documented) and OpenMetrics families, on a
// hand-made diagnosis; and the replications' and paired differences' text.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { Diagnosis, ReplicationSummary } from '@meshsim/analysis';
import { describe, expect, it } from 'vitest';

import {
  renderComparisonCsv,
  renderComparisonJson,
  renderComparisonText,
  renderDiagnosisText,
  renderJson,
  renderOpenMetrics,
  renderReplicationsText,
  renderText,
  renderVerdictsCsv,
  summarizeComparison,
} from '../src/index.js';
import { figuresWith, makeDiagnosis, makeResult } from './__helpers__/fixtures.js';

const DIAGNOSIS: Diagnosis = makeDiagnosis();

/** The `Cascade:` line of a diagnosis text. */
function cascadeLine(text: string): string | undefined {
  return text.split('\n').find((line) => line.startsWith('Cascade:'));
}

const page = readFileSync(fileURLToPath(new URL('../../../docs/output-formats.md', import.meta.url)), 'utf8');

describe('diagnosis renderers', () => {
  const result = makeResult();

  it('prints the diagnosis section in the text report, and nothing without one', () => {
    const text = renderText(result, { diagnosis: DIAGNOSIS });
    expect(text).toContain('Verdict: metastable — client: goodput is still');
    expect(text).toContain('Triggers: latency fault on checkout (30 s–50 s)');
    expect(text).toContain('Sustaining loop (50 s–90 s): checkout saturated');
    expect(text).toContain(
      'Cascade: checkout slowed (+200 ms latency fault) at 30 s → checkout saturated at 30 s',
    );
    expect(text).toMatch(/client\s+metastable\s+99\.9\s+0\.0\s+0\.0\s+–\s+40 s/);
    expect(renderText(result)).not.toContain('Verdict:');
  });

  it('clips each trigger to the run: one scheduled past its end, or never ending, says so', () => {
    const past: Diagnosis = {
      ...DIAGNOSIS,
      triggers: [
        {
          kind: 'fault',
          description: 'latency fault on db',
          origin: 'db slowed (+100 ms latency fault)',
          startMs: 50_000,
          endMs: 350_000,
        },
        {
          kind: 'fault',
          description: 'error fault on db',
          origin: 'db erroring (10 % error fault)',
          startMs: 60_000,
          endMs: Infinity,
        },
        {
          kind: 'fault',
          description: 'crash fault on api',
          origin: 'api crashed (crash fault)',
          startMs: 10_000,
          endMs: 70_000,
        },
      ],
    };
    expect(renderDiagnosisText(past, { durationMs: 70_000 })).toContain(
      'Triggers: latency fault on db (50 s–70 s, ends after the run); error fault on db (60 s–70 s, never ends); ' +
        'crash fault on api (10 s–70 s)',
    );
  });

  it('says why the amplification has no "before" or "after" figure: a trigger from 0 s, one lasting to the end', () => {
    const row = { depth: 1, edges: ['client → api'], duringRatio: null, ratio: null };
    const whole: Diagnosis = {
      ...DIAGNOSIS,
      triggers: [
        {
          kind: 'load',
          description: 'client above 300 req/s',
          origin: 'client above 300 req/s (load spike)',
          startMs: 0,
          endMs: 90_000,
        },
        {
          kind: 'fault',
          description: 'latency fault on db',
          origin: 'db slowed (+100 ms latency fault)',
          startMs: 50_000,
          endMs: 70_000,
        },
      ],
      amplification: [{ ...row, baseline: null, during: 1.14, window: null }],
    };
    const text = renderDiagnosisText(whole, { durationMs: 90_000 });
    // "after" no longer repeats "during": – in both of its columns.
    expect(text).toMatch(/^\s+1\s+–\s+1\.14\s+–\s+–\s+–\s+client → api$/m);
    expect(text).toContain(
      'Work amplification: no figure before the first trigger: client above 300 req/s starts at 0 s (no time before ' +
        'it); none after the last trigger: client above 300 req/s lasts to the end of the run (its span is "during") — ' +
        "a source's rate schedule that is its normal load (a daily ramp) is no trigger with loadTrigger: false on the source",
    );
    const fault: Diagnosis = {
      ...DIAGNOSIS,
      triggers: [
        {
          kind: 'fault',
          description: 'error fault on db',
          origin: 'db erroring (10 % error fault)',
          startMs: 30_000,
          endMs: Infinity,
        },
      ],
      amplification: [{ ...row, baseline: 1, during: 3, window: null }],
    };
    expect(renderDiagnosisText(fault, { durationMs: 90_000 })).toContain(
      'Work amplification: no figure after the last trigger: error fault on db lasts to the end of the run (its span is "during")\n',
    );
    // With both figures, no note.
    expect(renderDiagnosisText(DIAGNOSIS, { durationMs: 90_000 })).not.toContain('Work amplification:');
  });

  it('says what a negative recovery is: back while the last trigger was still active, counted from its end', () => {
    const [client] = DIAGNOSIS.sources;
    if (client === undefined) throw new Error('no source');
    const early: Diagnosis = {
      ...DIAGNOSIS,
      verdict: 'degraded-recovered',
      triggers: [
        {
          kind: 'load',
          description: 'client above 300 req/s',
          origin: 'client above 300 req/s (load spike)',
          startMs: 0,
          endMs: 120_000,
        },
        {
          kind: 'fault',
          description: 'latency fault on db',
          origin: 'db slowed (+100 ms latency fault)',
          startMs: 50_000,
          endMs: 70_000,
        },
      ],
      lastTriggerEndMs: 120_000,
      recoveryMs: -50_000,
      sources: [
        {
          ...client,
          verdict: 'degraded-recovered',
          recoveredAtMs: 70_000,
          recoveryMs: -50_000,
          stillDownMs: null,
        },
      ],
    };
    expect(renderDiagnosisText(early, { durationMs: 120_000 })).toContain(
      '\nRecovery: counted from the end of the last trigger (client above 300 req/s, 120 s); negative: back within the ' +
        "band while it was still active — client at 70 s, 50 s before it ended (a source's rate schedule that is its " +
        'normal load is no trigger with loadTrigger: false on the source)\n',
    );
    // A recovery after the last trigger needs no note.
    expect(renderDiagnosisText(DIAGNOSIS, { durationMs: 90_000 })).not.toContain('Recovery:');
  });

  it('ends the JSON document with the diagnosis', () => {
    const doc = JSON.parse(renderJson(result, { diagnosis: DIAGNOSIS })) as Record<string, unknown>;
    expect(Object.keys(doc).at(-1)).toBe('diagnosis');
    expect(doc['diagnosis']).toMatchObject({ verdict: 'metastable', stillDownMs: 40_000, recoveryMs: null });
    expect(renderJson(result)).not.toContain('"diagnosis"');
  });

  it('writes the verdicts CSV with the documented header', () => {
    const csv = renderVerdictsCsv(DIAGNOSIS, { durationMs: 90_000 }).split('\n');
    const documented = page.split('<!-- columns: csv verdicts -->')[1]?.split('\n')[2];
    expect(csv[0]).toBe(documented);
    expect(csv[1]).toBe(
      'run,metastable,false,,,,,,,40000,,client: goodput is still 0.0 % of offered calls 40 s after the last trigger ended',
    );
    expect(csv[2]?.startsWith('client,metastable,false,0.999,0,0,31000,,,40000,')).toBe(true);
  });

  it('gives how the calls of a source piled up in the JSON (backlog) and the CSV (backlog_growth_ratio)', () => {
    const first = DIAGNOSIS.sources[0] as Diagnosis['sources'][number];
    const backlog = {
      fromMs: 150_000,
      inFlightFrom: 734,
      inFlightAtEnd: 1489,
      offered: 2255,
      growthRatio: 0.3348116,
      sinceMs: 1000,
      saturated: [{ service: 'srv', utilisation: 0.9999, waitingFrom: 733, waitingAtEnd: 1488 }],
      waitingAtSource: 0,
      throttled: [],
    };
    const piling: Diagnosis = {
      ...DIAGNOSIS,
      verdict: 'degraded',
      sources: [{ ...first, verdict: 'degraded', backlog }],
    };
    const doc = JSON.parse(renderJson(result, { diagnosis: piling })) as {
      diagnosis: { sources: { backlog: unknown }[] };
    };
    expect(doc.diagnosis.sources[0]?.backlog).toEqual({ ...backlog, growthRatio: 0.334812 });
    const csv = renderVerdictsCsv(piling, { durationMs: 90_000 }).split('\n');
    const column = csv[0]?.split(',').indexOf('backlog_growth_ratio') ?? -1;
    expect(csv[1]?.split(',')[column]).toBe('0.334812');
    expect(csv[2]?.split(',')[column]).toBe('0.334812');
  });

  it('starts the cascade from its trigger, not from the first service to saturate (a slowed leaf saturates last)', () => {
    const slowed: Diagnosis = {
      ...DIAGNOSIS,
      triggers: [
        {
          kind: 'fault',
          description: 'latency fault on orders-db',
          origin: 'orders-db slowed (+2 s latency fault)',
          startMs: 20_000,
          endMs: 35_000,
        },
        {
          kind: 'load',
          description: 'client above 100 req/s',
          origin: 'client above 100 req/s (load spike)',
          startMs: 22_000,
          endMs: 30_000,
        },
        // Scheduled after the time the (stopped) run reached: it never happened.
        {
          kind: 'fault',
          description: 'crash fault on api',
          origin: 'api crashed (crash fault)',
          startMs: 80_000,
          endMs: 85_000,
        },
      ],
      cascade: [
        { service: 'gateway', atMs: 20_000, depth: 1, signal: 'saturated' },
        { service: 'orders', atMs: 21_000, depth: 2, signal: 'saturated' },
        { service: 'orders-db', atMs: 23_000, depth: 3, signal: 'saturated' },
      ],
    };
    const stopped = {
      durationMs: 60_000,
      stopped: { reason: 'wall-time' as const, atMs: 60_000, limit: 5000, message: 'wall time ran out' },
    };
    expect(cascadeLine(renderDiagnosisText(slowed, stopped))).toBe(
      'Cascade: orders-db slowed (+2 s latency fault) at 20 s → gateway saturated at 20 s → orders saturated at 21 s → ' +
        'client above 100 req/s (load spike) at 22 s → orders-db saturated at 23 s',
    );
  });

  it('says an untriggered cascade is the order services saturated or failed in, not which caused which', () => {
    const untriggered: Diagnosis = {
      ...DIAGNOSIS,
      triggers: [],
      cascade: [
        { service: 'srv', atMs: 0, depth: 1, signal: 'saturated' },
        { service: 'db', atMs: 12_000, depth: 2, signal: 'failing' },
      ],
    };
    expect(cascadeLine(renderDiagnosisText(untriggered, { durationMs: 60_000 }))).toBe(
      'Cascade: srv saturated at 0 s → db failing at 12 s (nothing triggered the run: the order services saturated ' +
        'or failed in, not which caused which)',
    );
    expect(cascadeLine(renderDiagnosisText({ ...untriggered, cascade: [] }, { durationMs: 60_000 }))).toBe(
      'Cascade: no service failed',
    );
  });

  it('ends the cascade line with the nodes and proxies saturated over the run, not placed in time, and has them in the JSON', () => {
    const resources = {
      nodes: [],
      proxies: [
        {
          kind: 'cilium-envoy',
          count: 3,
          queued: 91_639,
          traversals: 320_683,
          cpuMs: 40_100,
          cpuWaitMs: 49_057.8,
          workerUtilisation: 0.134,
        },
      ],
      appCpuWaitMs: 30_000,
      proxyCpuWaitMs: 49_057.8,
    };
    const starved: Diagnosis = { ...DIAGNOSIS, resources };
    expect(cascadeLine(renderDiagnosisText(starved, { durationMs: 90_000 }))).toBe(
      'Cascade: checkout slowed (+200 ms latency fault) at 30 s → checkout saturated at 30 s; over the run, not ' +
        'placed in time: cilium-envoy saturated (3 proxies; workers 13.4 % busy; 91,639 of 320,683 traversals ' +
        'queued for a worker; waited 49.1 s for a core, 1.2× the CPU they ran)',
    );
    const doc = JSON.parse(renderJson(result, { diagnosis: starved })) as {
      diagnosis: { resources: unknown };
    };
    expect(doc.diagnosis.resources).toEqual(resources);
    expect(cascadeLine(renderDiagnosisText(DIAGNOSIS, { durationMs: 90_000 }))).not.toContain('over the run');
  });

  it('names the services already saturated before the first trigger after the cascade, in the text and the JSON', () => {
    const found: Diagnosis = { ...DIAGNOSIS, saturatedBeforeTrigger: [{ service: 'db', utilisation: 0.97 }] };
    expect(renderDiagnosisText(found, { durationMs: 90_000 })).toContain(
      'Cascade: checkout slowed (+200 ms latency fault) at 30 s → checkout saturated at 30 s; ' +
        'already saturated before the first trigger: db (utilisation 97.0 %)',
    );
    const doc = JSON.parse(renderJson(result, { diagnosis: found })) as {
      diagnosis: { saturatedBeforeTrigger: unknown };
    };
    expect(doc.diagnosis.saturatedBeforeTrigger).toEqual([{ service: 'db', utilisation: 0.97 }]);
  });

  it('says a service lost pods to a node crash instead of failing of its own, and gives what the crash took down in the JSON', () => {
    const nodeCrash = {
      fault: 0,
      atMs: 30_000,
      service: 'checkout',
      reachable: false,
      nodes: ['node-2'],
      services: [
        { service: 'checkout', pods: 1, of: 2 },
        { service: 'frontend', pods: 1, of: 3 },
      ],
      sidecars: 0,
      proxies: [{ kind: 'ztunnel', count: 1 }],
    };
    const crashed: Diagnosis = {
      ...DIAGNOSIS,
      triggers: [
        {
          kind: 'fault',
          description:
            'crash-node fault on checkout (1 instance): node node-2 down with checkout 1 of 2 pods',
          origin: "checkout's node node-2 down (crash-node fault, 1 instance)",
          startMs: 30_000,
          endMs: 50_000,
          nodeCrash,
        },
      ],
      cascade: [
        { service: 'checkout', atMs: 30_000, depth: 2, signal: 'failing' },
        {
          service: 'frontend',
          atMs: 31_000,
          depth: 1,
          signal: 'failing',
          lostPods: { pods: 1, of: 3, nodes: ['node-2'] },
        },
      ],
    };
    expect(renderDiagnosisText(crashed, { durationMs: 90_000 })).toContain(
      "Cascade: checkout's node node-2 down (crash-node fault, 1 instance) at 30 s → checkout failing at 30 s → " +
        'frontend lost 1 of 3 pods to the crash of node node-2 (failing at 31 s)',
    );
    const doc = JSON.parse(renderJson({ ...result, nodeCrashes: [nodeCrash] }, { diagnosis: crashed })) as {
      nodeCrashes: unknown;
      diagnosis: { triggers: { nodeCrash: unknown }[]; cascade: { lostPods?: unknown }[] };
    };
    expect(doc.nodeCrashes).toEqual([nodeCrash]);
    expect(doc.diagnosis.triggers[0]?.nodeCrash).toEqual(nodeCrash);
    expect(doc.diagnosis.cascade.map((step) => step.lostPods)).toEqual([
      undefined,
      { pods: 1, of: 3, nodes: ['node-2'] },
    ]);
    expect(renderJson(result)).not.toContain('"nodeCrashes"');
  });

  it('shows no goodput for a source that offered no call: – in text, null in JSON, empty CSV cells, no sample', () => {
    const first = DIAGNOSIS.sources[0] as Diagnosis['sources'][number];
    const idle: Diagnosis = {
      ...DIAGNOSIS,
      sources: [
        first,
        {
          ...first,
          source: 'batch',
          to: 'reports',
          verdict: 'stable',
          referenceRatio: null,
          minRatio: null,
          finalRatio: null,
          degradedAtMs: null,
          stillDownMs: null,
          reason: 'no call was offered',
        },
      ],
    };
    expect(renderText(result, { diagnosis: idle })).toMatch(/batch\s+stable\s+–\s+–\s+–\s+–\s+–/);
    const doc = JSON.parse(renderJson(result, { diagnosis: idle })) as {
      diagnosis: { sources: Record<string, unknown>[] };
    };
    expect(doc.diagnosis.sources[1]).toMatchObject({
      referenceRatio: null,
      minRatio: null,
      finalRatio: null,
    });
    const csv = renderVerdictsCsv(idle, { durationMs: 90_000 }).split('\n');
    expect(csv[3]).toBe('batch,stable,false,,,,,,,,,no call was offered');
    expect(renderOpenMetrics(result, { diagnosis: idle })).not.toContain(
      'meshsim_goodput_ratio{scope="batch"',
    );
  });

  it('shows a lossy verdict as `stable (lossy)` to people, and keeps the verdict and the flag apart for machines', () => {
    const first = DIAGNOSIS.sources[0] as Diagnosis['sources'][number];
    const lossy: Diagnosis = {
      ...DIAGNOSIS,
      verdict: 'stable',
      lossy: true,
      reason:
        'client: goodput stayed within 5.0 % of its reference, but lost 12.7 % of offered calls throughout',
      stillDownMs: null,
      loop: null,
      sources: [
        {
          ...first,
          verdict: 'stable',
          lossy: true,
          referenceRatio: 0.873,
          minRatio: 0.844,
          finalRatio: 0.871,
          degradedAtMs: null,
          stillDownMs: null,
        },
      ],
    };
    const text = renderText(result, { diagnosis: lossy });
    expect(text).toContain('Verdict: stable (lossy) — client: goodput stayed within');
    expect(text).toMatch(/^client\s+stable \(lossy\)\s+87\.3\s+84\.4\s+87\.1\s/m);
    const doc = JSON.parse(renderJson(result, { diagnosis: lossy })) as {
      diagnosis: { verdict: string; lossy: boolean; sources: { verdict: string; lossy: boolean }[] };
    };
    expect(doc.diagnosis).toMatchObject({ verdict: 'stable', lossy: true });
    expect(doc.diagnosis.sources[0]).toMatchObject({ verdict: 'stable', lossy: true });
    const csv = renderVerdictsCsv(lossy, { durationMs: 90_000 }).split('\n');
    expect(csv[1]?.startsWith('run,stable,true,')).toBe(true);
    expect(csv[2]?.startsWith('client,stable,true,0.873,')).toBe(true);
    expect(renderOpenMetrics(result, { diagnosis: lossy })).toContain(
      'meshsim_verdict_info{scope="client",verdict="stable",lossy="true"} 1',
    );
  });

  it('tells sources that share a name apart by their entry service (one load generator, many entries)', () => {
    const first = DIAGNOSIS.sources[0] as Diagnosis['sources'][number];
    const shared: Diagnosis = {
      ...DIAGNOSIS,
      sources: [first, { ...first, to: 'backoffice' }, { ...first, source: 'batch', to: 'reports' }],
    };
    const rows = renderVerdictsCsv(shared, { durationMs: 90_000 })
      .split('\n')
      .slice(2, 5)
      .map((line) => line.split(',')[0]);
    expect(rows).toEqual(['client → frontend', 'client → backoffice', 'batch']);
  });

  it("never gives a source the run's scope, nor two sources one scope, in CSV and OpenMetrics", () => {
    const first = DIAGNOSIS.sources[0] as Diagnosis['sources'][number];
    const clashing: Diagnosis = {
      ...DIAGNOSIS,
      sources: [
        { ...first, source: 'run', to: 'api' },
        { ...first, source: 'a', to: 'api' },
        { ...first, source: 'a', to: 'api' },
        { ...first, source: 'a → api', to: 'web' },
      ],
    };
    const scopes = renderVerdictsCsv(clashing, { durationMs: 90_000 })
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    expect(scopes).toEqual(['run', 'run → api', 'a → api', 'a → api #2', 'a → api #3']);
    const info = renderOpenMetrics(result, { diagnosis: clashing })
      .split('\n')
      .filter((line) => line.startsWith('meshsim_verdict_info{'))
      .map((line) => /scope="([^"]*)"/.exec(line)?.[1]);
    expect(info).toEqual(scopes);
  });

  it('adds the diagnosis families to OpenMetrics', () => {
    const metrics = renderOpenMetrics(result, { diagnosis: DIAGNOSIS });
    expect(metrics).toContain('meshsim_verdict_info{scope="run",verdict="metastable",lossy="false"} 1');
    expect(metrics).toContain('meshsim_still_down_milliseconds{scope="client"} 40000');
    expect(metrics).toContain('meshsim_goodput_ratio{scope="client",window="reference"} 0.999');
    expect(metrics).toContain('meshsim_attempts_per_request{depth="1",window="analysis"} 2.98');
    expect(metrics.endsWith('# EOF\n')).toBe(true);
    // OpenMetrics: a family with a UNIT must have a name ending in `_<unit>` (parsers refuse it otherwise).
    const units = [...metrics.matchAll(/^# UNIT (\S+) (\S+)$/gm)];
    expect(units.length).toBeGreaterThan(0);
    for (const [, name, unit] of units)
      expect(name, `# UNIT ${name} ${unit}`).toMatch(new RegExp(`_${unit}$`));
    for (const family of ['meshsim_verdict', 'meshsim_recovery_milliseconds', 'meshsim_goodput_ratio']) {
      expect(page, `${family} documented`).toContain(`\`${family}`);
    }
  });

  it("puts each shape's verdict in the comparison CSV, an empty cell without diagnoses", () => {
    const other = { ...result, scenario: { ...result.scenario, mesh: 'istio-sidecar' } };
    const base = { ...result, scenario: { ...result.scenario, mesh: 'none' } };
    const column = (csv: string): string[] => {
      const [header, ...rows] = csv
        .trimEnd()
        .split('\n')
        .map((line) => line.split(','));
      const index = header?.indexOf('verdict') ?? -1;
      expect(index).toBeGreaterThan(0);
      return rows.map((row) => row[index] ?? '?');
    };
    const diagnosed = summarizeComparison([base, other], { diagnoses: [DIAGNOSIS, DIAGNOSIS] });
    expect(column(renderComparisonCsv(diagnosed))).toEqual(['metastable', 'metastable']);
    expect(column(renderComparisonCsv(summarizeComparison([base, other])))).toEqual(['', '']);
  });

  it("shows a shape's lossy verdict as stable (lossy) in the comparison text, and a lossy flag in its JSON and CSV", () => {
    const other = { ...result, scenario: { ...result.scenario, mesh: 'istio-sidecar' } };
    const base = { ...result, scenario: { ...result.scenario, mesh: 'none' } };
    const lossy: Diagnosis = { ...DIAGNOSIS, verdict: 'stable', lossy: true };
    const summary = summarizeComparison([base, other], { diagnoses: [DIAGNOSIS, lossy] });
    expect(renderComparisonText(summary)).toMatch(/^verdict\s+metastable\s+stable \(lossy\)$/m);
    const json = JSON.parse(renderComparisonJson(summary)) as { shapes: Record<string, unknown>[] };
    expect(json.shapes.map((s) => [s['verdict'], s['lossy']])).toEqual([
      ['metastable', false],
      ['stable', true],
    ]);
    const [header, ...rows] = renderComparisonCsv(summary)
      .trimEnd()
      .split('\n')
      .map((line) => line.split(','));
    const at = header?.indexOf('verdict') ?? -1;
    expect(header?.[at + 1]).toBe('lossy');
    expect(rows.map((row) => row.slice(at, at + 2))).toEqual([
      ['metastable', 'false'],
      ['stable', 'true'],
    ]);
  });

  it('prints replications as mean ± 95 % CI with the verdict counts', () => {
    const summary: ReplicationSummary = {
      n: 3,
      seeds: [42, 1, 2],
      verdicts: { stable: 0, 'degraded-recovered': 1, unresolved: 0, degraded: 0, metastable: 2, stopped: 0 },
      lossy: { stable: 0, 'degraded-recovered': 1, unresolved: 0, degraded: 0, metastable: 0, stopped: 0 },
      figures: [{ key: 'successRatio', n: 3, mean: 0.5, halfWidth: 0.1, min: 0.4, max: 0.6 }],
    };
    const text = renderReplicationsText(summary);
    expect(text).toContain('Replications: 3 (seeds 42, 1, 2); mean ± 95 % CI (Student t)');
    // The recovered run lost calls throughout: the count says so.
    expect(text).toContain('Verdicts: degraded-recovered 1/3 (1 lossy), metastable 2/3');
    expect(text).toMatch(/success \(%\)\s+50\.00\s+± 10\.00\s+40\.00\s+60\.00/);
  });

  it('prints a small interval with the decimals it needs (as the paired differences), min and max alike', () => {
    const summary: ReplicationSummary = {
      n: 5,
      seeds: [42, 1, 2, 3, 4],
      verdicts: { stable: 5, 'degraded-recovered': 0, unresolved: 0, degraded: 0, metastable: 0, stopped: 0 },
      lossy: { stable: 0, 'degraded-recovered': 0, unresolved: 0, degraded: 0, metastable: 0, stopped: 0 },
      figures: [{ key: 'workPerRequest', n: 5, mean: 0.0012, halfWidth: 0.0003, min: 0.0009, max: 0.0016 }],
    };
    // At the figure's 2 decimals: 0.00 ± 0.00, 0.00, 0.00.
    expect(renderReplicationsText(summary)).toMatch(
      /work per request \(server calls\)\s+0\.0012\s+± 0\.0003\s+0\.0009\s+0\.0016\n?/,
    );
  });

  it('groups the thousands of a replicated figure, as the other tables', () => {
    const summary: ReplicationSummary = {
      n: 2,
      seeds: [42, 1],
      verdicts: { stable: 2, 'degraded-recovered': 0, unresolved: 0, degraded: 0, metastable: 0, stopped: 0 },
      lossy: { stable: 0, 'degraded-recovered': 0, unresolved: 0, degraded: 0, metastable: 0, stopped: 0 },
      figures: [{ key: 'endToEndP99Ms', n: 2, mean: 1418.7, halfWidth: 1200.5, min: 1300, max: 1537.4 }],
    };
    expect(renderReplicationsText(summary)).toMatch(
      /end-to-end p99 \(ms\)\s+1,418\.70\s+± 1,200\.50\s+1,300\.00\s+1,537\.40/,
    );
  });

  it('prints paired differences and marks the ones that are not significant', () => {
    const other = { ...result, scenario: { ...result.scenario, mesh: 'istio-sidecar' } };
    const base = { ...result, scenario: { ...result.scenario, mesh: 'none' } };
    const summary = summarizeComparison([base, other], {
      replications: [
        [figuresWith(10, 0.9), figuresWith(20, 0.8), figuresWith(15, 0.95)],
        [figuresWith(12, 0.91), figuresWith(22, 0.79), figuresWith(17, 0.96)],
      ],
    });
    const text = renderComparisonText(summary);
    expect(text).toContain('Paired differences vs none over 3 replications');
    // The shape table is the first replication's: the head says so.
    expect(text).toContain(
      `\nThe table: the first of 3 replications (seed ${String(result.scenario.seed)}); the intervals per shape and the paired differences below: all of them\n`,
    );
    expect(renderComparisonText(summarizeComparison([base, other]))).not.toContain('The table: the first of');
    expect(text).toMatch(/end-to-end p99 \(ms\)\s+\+2\.00 ± 0\.00\n/);
    expect(text).toMatch(/success \(%\)\s+\+0\.33 ± [\d.]+ n\.s\./);
    const json = JSON.parse(renderComparisonJson(summary)) as {
      paired: { differences: { key: string }[] }[];
    };
    expect(json.paired[0]?.differences.map((d) => d.key)).toContain('endToEndP99Ms');
  });
});
