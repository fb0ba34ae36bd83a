// Renders a Diagnosis: the text section of `meshsim run`, its JSON document, the verdicts CSV table and
// its OpenMetrics families — all laid out from the verdict and amplification column tables.

import type { Diagnosis } from '@meshsim/analysis';
import type { NodeCrashRecord } from '@meshsim/mesh';

import { AMPLIFICATION_COLUMNS } from './columns/amplificationColumns.js';
import type { ColumnContext } from './columns/Column.js';
import { VERDICT, VERDICT_COLUMNS, verdictRows } from './columns/verdictColumns.js';
import { csvTable } from './internal/csvTable.js';
import { diagnosisBlocks } from './internal/diagnosisLayout.js';
import { round } from './internal/format.js';
import { metricSamples } from './internal/metricSamples.js';
import type { FamilySamples } from './internal/metricSamples.js';
import { escapeControls } from './internal/formatTable.js';
import { textTable } from './internal/textTable.js';
import type { JsonValue } from './JsonValue.js';

/**
 * The diagnosis as a text section: the verdict and why, the triggers, a row per source, the sustaining
 * loop, amplification per call depth and the cascade (the blocks the HTML report's Diagnosis section shows too).
 *
 * @param diagnosis - The output of `diagnose(config, result)`.
 * @param context - The span the run's metrics cover: `{ durationMs: result.scenario.durationMs }` for a run that
 *   ran to its duration; for one a guard stopped, `{ durationMs: result.stopped.atMs, stopped: result.stopped }`.
 *   `renderText(result, { diagnosis })` builds it from the result and includes this section.
 */
export function renderDiagnosisText(diagnosis: Diagnosis, context: ColumnContext): string {
  return diagnosisBlocks(diagnosis, context)
    .map((block) =>
      block.kind === 'facts'
        ? block.facts.map(([label, text]) => `${label}: ${escapeControls(text)}`).join('\n')
        : block.layOut((table, keys, rows, title) =>
            textTable(table, keys, rows, context, { title }).trimEnd(),
          ),
    )
    .join('\n\n');
}

function num(value: number | null): number | null {
  return value === null ? null : round(value, 6);
}

/** What a node crash took down, as JSON (docs/output-formats.md#diagnosis). */
export function nodeCrashJson(crash: NodeCrashRecord): JsonValue {
  return {
    fault: crash.fault,
    atMs: num(crash.atMs),
    service: crash.service,
    reachable: crash.reachable,
    nodes: [...crash.nodes],
    services: crash.services.map((s) => ({ service: s.service, pods: s.pods, of: s.of })),
    sidecars: crash.sidecars,
    proxies: crash.proxies.map((p) => ({ kind: p.kind, count: p.count })),
  };
}

/** The diagnosis as a JSON value (docs/output-formats.md#diagnosis); infinite times are null. */
export function diagnosisJson(diagnosis: Diagnosis): JsonValue {
  return {
    verdict: diagnosis.verdict,
    lossy: diagnosis.lossy,
    reason: diagnosis.reason,
    triggers: diagnosis.triggers.map((t) => ({
      kind: t.kind,
      description: t.description,
      origin: t.origin,
      startMs: num(t.startMs),
      endMs: num(t.endMs),
      ...(t.nodeCrash !== undefined && { nodeCrash: nodeCrashJson(t.nodeCrash) }),
    })),
    lastTriggerEndMs: num(diagnosis.lastTriggerEndMs),
    recoveryMs: num(diagnosis.recoveryMs),
    stillDownMs: num(diagnosis.stillDownMs),
    sources: diagnosis.sources.map((s) => ({
      source: s.source,
      to: s.to,
      verdict: s.verdict,
      lossy: s.lossy,
      referenceRatio: num(s.referenceRatio),
      minRatio: num(s.minRatio),
      finalRatio: num(s.finalRatio),
      degradedAtMs: num(s.degradedAtMs),
      recoveredAtMs: num(s.recoveredAtMs),
      recoveryMs: num(s.recoveryMs),
      stillDownMs: num(s.stillDownMs),
      backlog:
        s.backlog === null
          ? null
          : {
              fromMs: num(s.backlog.fromMs),
              inFlightFrom: s.backlog.inFlightFrom,
              inFlightAtEnd: s.backlog.inFlightAtEnd,
              offered: s.backlog.offered,
              growthRatio: num(s.backlog.growthRatio),
              sinceMs: num(s.backlog.sinceMs),
              saturated: s.backlog.saturated.map((x) => ({
                service: x.service,
                utilisation: num(x.utilisation),
                waitingFrom: x.waitingFrom,
                waitingAtEnd: x.waitingAtEnd,
              })),
              waitingAtSource: s.backlog.waitingAtSource,
              throttled: s.backlog.throttled.map((x) => ({
                service: x.service,
                appThrottledMs: num(x.appThrottledMs),
                sidecarThrottledMs: num(x.sidecarThrottledMs),
              })),
            },
      reason: s.reason,
    })),
    loop:
      diagnosis.loop === null
        ? null
        : {
            fromMs: num(diagnosis.loop.fromMs),
            toMs: num(diagnosis.loop.toMs),
            saturated: diagnosis.loop.saturated,
            edges: diagnosis.loop.edges.map((e) => ({
              source: e.source,
              destination: e.destination,
              depth: e.depth,
              mechanisms: e.mechanisms,
              attemptsPerCall: num(e.attemptsPerCall),
              attemptsRps: num(e.attemptsRps),
              calleeUtilisation: num(e.calleeUtilisation),
              calleeQueueLength: num(e.calleeQueueLength),
            })),
            wastedShare: Object.fromEntries(
              Object.entries(diagnosis.loop.wastedShare).map(([k, v]) => [k, num(v)]),
            ),
            summary: diagnosis.loop.summary,
          },
    amplification: diagnosis.amplification.map((a) => ({
      depth: a.depth,
      edges: a.edges,
      baseline: num(a.baseline),
      during: num(a.during),
      duringRatio: num(a.duringRatio),
      window: num(a.window),
      ratio: num(a.ratio),
    })),
    cascade: diagnosis.cascade.map((s) => ({
      service: s.service,
      atMs: num(s.atMs),
      depth: s.depth,
      signal: s.signal,
      ...(s.lostPods !== undefined && {
        lostPods: { pods: s.lostPods.pods, of: s.lostPods.of, nodes: [...s.lostPods.nodes] },
      }),
    })),
    saturatedBeforeTrigger: diagnosis.saturatedBeforeTrigger.map((s) => ({
      service: s.service,
      utilisation: num(s.utilisation),
    })),
    // Only when a node or proxy saturated over the run (docs/analysis.md#node-cpu-and-proxies).
    ...(diagnosis.resources !== undefined && {
      resources: {
        nodes: diagnosis.resources.nodes.map((n) => ({
          node: n.node,
          cores: num(n.cores),
          utilisation: num(n.utilisation),
        })),
        proxies: diagnosis.resources.proxies.map((p) => ({
          kind: p.kind,
          count: p.count,
          queued: p.queued,
          traversals: p.traversals,
          cpuMs: num(p.cpuMs),
          cpuWaitMs: num(p.cpuWaitMs),
          workerUtilisation: num(p.workerUtilisation),
        })),
        appCpuWaitMs: num(diagnosis.resources.appCpuWaitMs),
        proxyCpuWaitMs: num(diagnosis.resources.proxyCpuWaitMs),
      },
    }),
  };
}

/**
 * The verdicts as CSV: the run's row, then one per traffic source.
 *
 * @param diagnosis - The output of `diagnose(config, result)`.
 * @param context - The span the run's metrics cover, as for {@link renderDiagnosisText}.
 */
export function renderVerdictsCsv(diagnosis: Diagnosis, context: ColumnContext): string {
  return csvTable(VERDICT_COLUMNS, verdictRows(diagnosis), context);
}

/** The OpenMetrics families of a diagnosis (verdicts, recovery, goodput ratios, attempts per request). */
export function diagnosisFamilies(diagnosis: Diagnosis, context: ColumnContext): FamilySamples[] {
  const families = metricSamples(VERDICT_COLUMNS, verdictRows(diagnosis), context);
  // The verdict is an info metric: its value is the label, the sample is 1.
  const info = families.find((f) => f.family === VERDICT);
  if (info !== undefined) {
    info.samples = verdictRows(diagnosis).map((row) => ({
      name: 'meshsim_verdict_info',
      labels: [
        ['scope', row.scope],
        ['verdict', row.verdict],
        ['lossy', String(row.lossy)],
      ],
      value: 1,
    }));
  }
  return [...families, ...metricSamples(AMPLIFICATION_COLUMNS, diagnosis.amplification, context)];
}
