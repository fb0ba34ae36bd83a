// Renders a Diagnosis: the text section of `meshsim run`, its JSON document, the verdicts CSV table and
// its OpenMetrics families — all laid out from the verdict and amplification column tables.

import type { Diagnosis } from '@meshsim/analysis';

import { AMPLIFICATION_COLUMNS } from './columns/amplificationColumns.js';
import type { ColumnContext } from './columns/Column.js';
import { VERDICT, VERDICT_COLUMNS, verdictRows } from './columns/verdictColumns.js';
import { csvTable } from './internal/csvTable.js';
import { duration, round } from './internal/format.js';
import { metricSamples } from './internal/metricSamples.js';
import type { FamilySamples } from './internal/metricSamples.js';
import { textTable } from './internal/textTable.js';
import type { JsonValue } from './JsonValue.js';

const VERDICT_KEYS = [
  'scope',
  'verdict',
  'referenceRatio',
  'minRatio',
  'finalRatio',
  'recoveryMs',
  'stillDownMs',
];
const AMPLIFICATION_KEYS = ['depth', 'baseline', 'window', 'ratio', 'edges'];

function span(fromMs: number, toMs: number): string {
  return `${duration(fromMs)}–${Number.isFinite(toMs) ? duration(toMs) : 'end'}`;
}

/**
 * The diagnosis as a text section: the verdict and why, the triggers, a row per source, the sustaining
 * loop, amplification per call depth and the cascade.
 *
 * @param diagnosis - The output of `diagnose(config, result)`.
 * @param context - The span the run's metrics cover: `{ durationMs: result.scenario.durationMs }` for a run that
 *   ran to its duration; for one a guard stopped, `{ durationMs: result.stopped.atMs, stopped: result.stopped }`.
 *   `renderText(result, { diagnosis })` builds it from the result and includes this section.
 */
export function renderDiagnosisText(diagnosis: Diagnosis, context: ColumnContext): string {
  const lines: string[] = [`Verdict: ${diagnosis.verdict} — ${diagnosis.reason}`];
  lines.push(
    diagnosis.triggers.length === 0
      ? 'Triggers: none'
      : `Triggers: ${diagnosis.triggers.map((t) => `${t.description} (${span(t.startMs, t.endMs)})`).join('; ')}`,
  );
  const sections = [lines.join('\n')];
  sections.push(
    textTable(VERDICT_COLUMNS, VERDICT_KEYS, verdictRows(diagnosis).slice(1), context, {
      title: 'Goodput per traffic source (successful ÷ offered calls)',
    }).trimEnd(),
  );
  if (diagnosis.loop !== null) {
    const loop = diagnosis.loop;
    sections.push(`Sustaining loop (${span(loop.fromMs, loop.toMs)}): ${loop.summary}`);
  }
  if (diagnosis.amplification.length > 0) {
    sections.push(
      textTable(AMPLIFICATION_COLUMNS, AMPLIFICATION_KEYS, diagnosis.amplification, context, {
        title: 'Work amplification per call depth (before the first trigger → after the last one)',
      }).trimEnd(),
    );
  }
  sections.push(
    diagnosis.cascade.length === 0
      ? 'Cascade: no service failed'
      : `Cascade: ${diagnosis.cascade.map((s) => `${s.service} ${s.signal} at ${duration(s.atMs)}`).join(' → ')}`,
  );
  return sections.join('\n\n');
}

function num(value: number | null): number | null {
  return value === null ? null : round(value, 6);
}

/** The diagnosis as a JSON value (docs/output-formats.md#diagnosis); infinite times are null. */
export function diagnosisJson(diagnosis: Diagnosis): JsonValue {
  return {
    verdict: diagnosis.verdict,
    reason: diagnosis.reason,
    triggers: diagnosis.triggers.map((t) => ({
      kind: t.kind,
      description: t.description,
      startMs: num(t.startMs),
      endMs: num(t.endMs),
    })),
    lastTriggerEndMs: num(diagnosis.lastTriggerEndMs),
    recoveryMs: num(diagnosis.recoveryMs),
    stillDownMs: num(diagnosis.stillDownMs),
    sources: diagnosis.sources.map((s) => ({
      source: s.source,
      to: s.to,
      verdict: s.verdict,
      referenceRatio: num(s.referenceRatio),
      minRatio: num(s.minRatio),
      finalRatio: num(s.finalRatio),
      degradedAtMs: num(s.degradedAtMs),
      recoveredAtMs: num(s.recoveredAtMs),
      recoveryMs: num(s.recoveryMs),
      stillDownMs: num(s.stillDownMs),
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
      window: num(a.window),
      ratio: num(a.ratio),
    })),
    cascade: diagnosis.cascade.map((s) => ({
      service: s.service,
      atMs: num(s.atMs),
      depth: s.depth,
      signal: s.signal,
    })),
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
      ],
      value: 1,
    }));
  }
  return [...families, ...metricSamples(AMPLIFICATION_COLUMNS, diagnosis.amplification, context)];
}
