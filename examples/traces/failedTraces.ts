// Tail sampling in a script: run a cascade scenario keeping a share of the failed requests' traces, then read
// them — what failed first in each, how many tries and spans each took, and one of them as a tree.

import { applyOverrides, loadScenario, simulate } from 'meshsim';
import type { SimulationResult, TraceSpan } from 'meshsim';

/** What to run and keep. */
export interface FailedTracesOptions {
  /** A bundled scenario. */
  scenario: string;
  durationMs: number;
  /** Share of the failed requests' traces kept, in (0, 1]. */
  share: number;
  /** Lines of the one trace drawn as a tree (the rest is summarised). */
  treeLines: number;
}

/** The run of `npx -y pnpm@10 --filter @meshsim/examples failed-traces`. */
export const DEFAULT_FAILED_TRACES: FailedTracesOptions = {
  scenario: 'retry-storm',
  durationMs: 40_000,
  share: 0.01,
  treeLines: 16,
};

/** Runs the scenario with `traceKeep: { errors: true, share }` and no head sample. */
export function runFailedTraces(options: FailedTracesOptions): SimulationResult {
  const config = applyOverrides(loadScenario(options.scenario), { durationMs: options.durationMs });
  return simulate(config, {
    telemetry: { traceSampleRate: 0, traceKeep: { errors: true, share: options.share } },
  });
}

/** The report: what was kept, the kept traces by failure of their request, and one trace as a tree. */
export function failedTracesReport(result: SimulationResult, options: FailedTracesOptions): string {
  const traces = result.telemetry?.traces;
  const tail = traces?.tail;
  if (traces === undefined || tail === undefined) throw new Error('the run recorded no tail-sampled traces');
  const count = (n: number): string => n.toLocaleString('en-US');
  const byTrace = new Map<string, TraceSpan[]>();
  for (const span of traces.spans) {
    const spans = byTrace.get(span.traceId) ?? [];
    spans.push(span);
    byTrace.set(span.traceId, spans);
  }
  const lines = [
    `${options.scenario}, ${options.durationMs / 1000} s simulated: kept ${count(tail.keptForError)} of the ` +
      `${count(tail.picked)} failed requests' traces (${options.share * 100} %), of ${count(tail.requests)} requests`,
    '',
    'first failure (span: cause)                  traces   tries (mean)   spans (mean)',
  ];
  // What failed first in each trace: the failed span that ended earliest (the root cause, before the
  // failures it caused upstream), e.g. an attempt that hit its per-try timeout.
  const byCause = new Map<string, { traces: number; tries: number; spans: number }>();
  for (const spans of byTrace.values()) {
    const root = spans.find((s) => s.parentSpanId === null);
    const failed = spans.filter((s) => s.status === 'error');
    if (root === undefined || failed.length === 0) continue;
    const first = failed.reduce((a, b) => (b.endMs < a.endMs ? b : a));
    const cause = `${first.name}: ${first.statusMessage}`;
    const row = byCause.get(cause) ?? { traces: 0, tries: 0, spans: 0 };
    row.traces++;
    row.tries += Number(root.attributes['meshsim.attempts'] ?? 1);
    row.spans += spans.length;
    byCause.set(cause, row);
  }
  const rows = [...byCause].sort((a, b) => b[1].traces - a[1].traces || (a[0] < b[0] ? -1 : 1));
  for (const [cause, row] of rows) {
    lines.push(
      `${cause.padEnd(44)} ${String(row.traces).padStart(6)}   ${(row.tries / row.traces).toFixed(2).padStart(12)}` +
        `   ${(row.spans / row.traces).toFixed(1).padStart(12)}`,
    );
  }
  // The kept trace with the most spans, drawn as a tree (start–end in ms of simulated time).
  if (byTrace.size === 0) return [...lines, '', 'no failed request was kept'].join('\n') + '\n';
  const [id, spans] = [...byTrace].reduce((a, b) => (b[1].length > a[1].length ? b : a));
  lines.push('', `the largest kept trace (${spans.length} spans), as a tree:`);
  const children = new Map<string | null, TraceSpan[]>();
  for (const span of spans)
    children.set(span.parentSpanId, [...(children.get(span.parentSpanId) ?? []), span]);
  const tree: string[] = [];
  const draw = (span: TraceSpan, depth: number): void => {
    const status = span.status === 'error' ? `  ✗ ${span.statusMessage}` : '';
    tree.push(
      `${'  '.repeat(depth)}${span.name} (${span.service})  ${span.startMs.toFixed(1)}–${span.endMs.toFixed(1)} ms${status}`,
    );
    for (const child of children.get(span.spanId) ?? []) draw(child, depth + 1);
  };
  for (const root of children.get(null) ?? []) draw(root, 0);
  lines.push(...tree.slice(0, options.treeLines));
  if (tree.length > options.treeLines)
    lines.push(`  … ${tree.length - options.treeLines} more spans of trace ${id}`);
  return lines.join('\n') + '\n';
}
