// The HTML report of a comparison: the same scenario and seed under several mesh shapes, as one
// self-contained page of bars side by side, success over time per shape, tables and capability warnings.

import { shapeAssumptions, shapeWarnings } from './internal/shapeWarnings.js';
import { comparisonNotes } from './internal/comparisonNotes.js';
import { replicationsNote } from './internal/pairedTable.js';
import type { SimulationResult } from '@meshsim/mesh';
import { pushAll } from '@meshsim/mesh';

import { duration } from './internal/format.js';
import { overridesLine } from './internal/overridesLine.js';
import { chartGrid, drawnSpecs } from './internal/html/chartFigure.js';
import { comparisonCharts } from './internal/html/comparisonCharts.js';
import { comparisonTables } from './internal/html/comparisonTables.js';
import { escapeHtml } from './internal/html/escapeHtml.js';
import { faultWindows } from './internal/html/faultWindows.js';
import { htmlPage } from './internal/html/htmlPage.js';
import type { HtmlSection } from './internal/html/HtmlSection.js';
import { bulletList } from './internal/html/notesSection.js';
import { sameRequestSection } from './internal/html/sameRequestSection.js';
import { summarizeComparison } from './summarizeComparison.js';
import type { ComparisonOptions } from './summarizeComparison.js';

/** Options of {@link renderComparisonHtml}. */
export interface HtmlComparisonOptions {
  /**
   * The scenario's config under its own mesh, as loaded: with it, the faults' windows are shaded and listed, and, as
   * `summarizeComparison` does with it, each shape gets its load balancer (a row, and a note when it differs from the
   * baseline's) and the warning on proxy resources it borrows from the scenario.
   */
  config?: ComparisonOptions['config'];
  /** One diagnosis per result (same order): adds each shape's verdict to the metrics table, as in the text. */
  diagnoses?: ComparisonOptions['diagnoses'];
  /**
   * Per result (same order), the load balancer(s) its callers use: adds a row and, when they differ, a note.
   * Overrides what `config` gives.
   */
  loadBalancers?: ComparisonOptions['loadBalancers'];
  /**
   * Per result (same order), the headline figures of every replication, the first being the result's own
   * run: adds the paired differences against the baseline with 95 % CIs, as in the text; with 2 or more, the added
   * latency, success and proxy CPU bars are means over them with 95 % CI whiskers, and the charts and tables of one
   * run per shape say they are the first replication's.
   */
  replications?: ComparisonOptions['replications'];
  /** Per result (same order), every replication's diagnosis: adds the cascade figures to the intervals and differences. */
  replicationDiagnoses?: ComparisonOptions['replicationDiagnoses'];
  /** What was changed of the scenario for every run, each as `PATH=VALUE`: named under "What was compared". */
  overrides?: ComparisonOptions['overrides'];
}

/**
 * Renders the results of one scenario and seed under several mesh shapes (one result per shape, in
 * display order, as for `summarizeComparison`) as one self-contained HTML page: success over time per
 * shape, bars of added p50/p99 vs the baseline, success and blast radius side by side, proxy CPU, memory
 * and cost, when the results hold traces the same request under each shape as waterfalls, the metric
 * tables (with `replications`, the paired differences too), and each shape's warnings (policies it cannot enforce). Deterministic.
 *
 * @param results - One result per mesh shape.
 * @param options - The scenario's config, for the fault windows, the load balancers and the borrowed proxy
 *   resources; the runs' diagnoses, for the verdicts; the replications' figures, for the paired differences.
 * @returns The HTML document.
 * @throws {RangeError} if `results` is empty.
 * @example
 * ```ts
 * const results = ['none', 'istio-sidecar'].map((mesh) => simulate(applyOverrides(config, { mesh })));
 * writeFileSync('compare.html', renderComparisonHtml(results, { config }));
 * ```
 */
export function renderComparisonHtml(
  results: readonly SimulationResult[],
  options: HtmlComparisonOptions = {},
): string {
  const summary = summarizeComparison(results, {
    ...(options.config !== undefined && { config: options.config }),
    ...(options.diagnoses !== undefined && { diagnoses: options.diagnoses }),
    ...(options.loadBalancers !== undefined && { loadBalancers: options.loadBalancers }),
    ...(options.replications !== undefined && { replications: options.replications }),
    ...(options.replicationDiagnoses !== undefined && {
      replicationDiagnoses: options.replicationDiagnoses,
    }),
    ...(options.overrides !== undefined && { overrides: options.overrides }),
  });
  const windows = options.config === undefined ? [] : faultWindows(options.config.faults, summary.durationMs);
  const figures = comparisonCharts(summary, results);
  const shapes = summary.shapes.map((s) => s.shape);
  const facts = [
    `Mesh shapes: ${shapes.join(', ')}; added latency is measured against ${summary.baseline}.`,
    `Seed ${String(summary.seed)}, ${duration(summary.durationMs)} simulated; every run sees the same arrivals ` +
      'and service times (common random numbers), so the differences come from the shapes.',
  ];
  if (summary.overrides.length > 0) facts.push(`${overridesLine(summary.overrides)}.`);
  const replications = replicationsNote(summary);
  if (replications !== null) facts.push(`${replications}.`);
  pushAll(facts, comparisonNotes(summary));
  if (options.config !== undefined) {
    facts.push(
      windows.length === 0
        ? 'Faults: none.'
        : `Faults: ${windows.map((w) => `${w.label} from ${duration(w.startS * 1000)} to ${duration(w.endS * 1000)}`).join('; ')}.`,
    );
  }
  const warnings = shapeWarnings(summary.shapes);
  const assumptions = shapeAssumptions(summary.shapes);
  const description = results[0]?.scenario.description.trim() ?? '';
  const sameRequest = sameRequestSection(results, shapes, Math.max(0, shapes.indexOf(summary.baseline)));
  const sections: HtmlSection[] = [
    {
      id: 'story',
      title: 'What was compared',
      html: [
        description === '' ? '' : `<p class="description">${escapeHtml(description)}</p>`,
        `<ul class="outcome">\n${facts.map((fact) => `<li>${escapeHtml(fact)}</li>`).join('\n')}\n</ul>`,
      ]
        .filter((part) => part !== '')
        .join('\n'),
    },
    { id: 'charts', title: 'Side by side', html: chartGrid(figures) },
    ...(sameRequest === null ? [] : [sameRequest]),
    { id: 'tables', title: 'Tables', html: comparisonTables(summary) },
    {
      id: 'notes',
      title: 'Capability warnings',
      html:
        warnings.length === 0
          ? '<p>Every shape enforces every policy the scenario asks for.</p>'
          : bulletList('Policies a shape cannot enforce, and other notes', warnings, 'warnings'),
    },
    ...(assumptions.length === 0
      ? []
      : [
          {
            id: 'assumptions',
            title: 'Assumptions',
            html: bulletList('Behind every shape unless [shapes] are named', assumptions, 'assumptions'),
          },
        ]),
  ];
  return htmlPage({
    title: `meshsim compare: ${summary.scenario}`,
    lede: escapeHtml(`${summary.scenario} under ${shapes.length} mesh shapes, seed ${String(summary.seed)}.`),
    sections,
    data: { kind: 'compare', windows, charts: drawnSpecs(figures) },
  });
}
