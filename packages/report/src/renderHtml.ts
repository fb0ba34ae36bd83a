// The HTML report of one run: a single self-contained page with the story, charts over time (faults
// shaded), the call graph, the tables, and the warnings and assumptions.

import type { Diagnosis, ReplicationSummary } from '@meshsim/analysis';
import type { SimulationConfig, SimulationResult } from '@meshsim/mesh';

import { columnContext } from './internal/columnContext.js';
import { duration } from './internal/format.js';
import { callGraph, capGraph } from './internal/html/callGraph.js';
import { chartGrid, drawnSpecs } from './internal/html/chartFigure.js';
import { diagnosisSection } from './internal/html/diagnosisSection.js';
import { escapeHtml } from './internal/html/escapeHtml.js';
import { faultWindows } from './internal/html/faultWindows.js';
import { graphSection } from './internal/html/graphSection.js';
import { htmlPage } from './internal/html/htmlPage.js';
import type { HtmlSection } from './internal/html/HtmlSection.js';
import { notesSection } from './internal/html/notesSection.js';
import { replicationsSection } from './internal/html/replicationsSection.js';
import { runCharts } from './internal/html/runCharts.js';
import { runStory } from './internal/html/runStory.js';
import { runTables } from './internal/html/runTables.js';
import { traceSection } from './internal/html/traceSection.js';
import { foldPolicyWarnings } from './internal/foldPolicyWarnings.js';

/** Options of {@link renderHtml}. */
export interface HtmlRunOptions {
  /**
   * The config the result came from. With it, the faults' windows are shaded on every chart and listed
   * in the story, and the traffic sources' rates are named; without it, the report says nothing of them.
   */
  config?: SimulationConfig;
  /**
   * The run's diagnosis (`diagnose` of `@meshsim/analysis`). With it, the story names the verdict with the
   * recovery time (or how long the run stayed down), and a Diagnosis section after it shows what the text's
   * does: the verdict and why, the triggers, the goodput per traffic source, the sustaining loop, the work
   * amplification per call depth and the cascade (docs/analysis.md#verdicts); `meshsim run --html` passes it.
   */
  diagnosis?: Diagnosis;
  /**
   * What was changed of the scenario for this run, each as `PATH=VALUE` (as `RunExtras.overrides`): the story's
   * run details name them. `meshsim run --html` passes its `--seed`, `--duration`, `--mesh` and `--set`.
   */
  overrides?: readonly string[];
  /**
   * The replications' summary (`summarizeReplications`). With it, a Replications section after the story gives each
   * headline figure as mean ± 95 % CI with min and max, and the verdict counts; the rest of the report is of the first
   * replication (the result given), as the section and the page's lede say. `meshsim run --replications N --html`
   * passes it.
   */
  replications?: ReplicationSummary;
}

/**
 * Renders a result as one self-contained HTML page (scripts, styles and data inlined; it works offline):
 * the story of the run at the top (then the replications' intervals and its diagnosis, when given), per-interval charts of offered load, goodput (% of offered), success, p50 and p99 per
 * edge, retries, queue length and utilisation per service (fault windows shaded), the time breakers were
 * open and hosts ejected, the call graph, the traces the run recorded (the longest failed and slowest others
 * as waterfalls), the edge, service and proxy tables, warnings and assumptions.
 * Light and dark (follows the system), keyboard-navigable and printable. Charts are drawn in the browser
 * with Observable Plot, the graph laid out with dagre; long series are downsampled (docs/html-report.md).
 * Deterministic: same result and config ⇒ same bytes.
 *
 * @param result - The output of `simulate`.
 * @param options - The run's config, for its faults and traffic.
 * @returns The HTML document.
 * @example
 * ```ts
 * writeFileSync('report.html', renderHtml(simulate(config), { config }));
 * ```
 */
export function renderHtml(result: SimulationResult, options: HtmlRunOptions = {}): string {
  const { scenario } = result;
  const windows =
    options.config === undefined ? [] : faultWindows(options.config.faults, scenario.durationMs);
  const figures = runCharts(result);
  const { graph, whole } = capGraph(callGraph(result));
  const traces = traceSection(result);
  const sections: HtmlSection[] = [
    runStory(result, windows, options.config, options.diagnosis, options.overrides),
    ...(options.replications === undefined ? [] : [replicationsSection(options.replications)]),
    ...(options.diagnosis === undefined ? [] : [diagnosisSection(options.diagnosis, columnContext(result))]),
    {
      id: 'charts',
      title: 'Over time',
      html:
        figures.length === 0
          ? '<p>The result holds no time series.</p>'
          : (windows.length > 0
              ? '<p class="hint">Shaded spans: the faults, while active (hover or focus a chart for values).</p>\n'
              : '') + chartGrid(figures),
    },
    graphSection(result, graph, whole),
    ...(traces === null ? [] : [traces]),
    runTables(result),
    notesSection(foldPolicyWarnings(result.warnings), result.assumptions),
  ];
  const replicated =
    options.replications === undefined ? '' : ` (replication 1 of ${String(options.replications.n)})`;
  return htmlPage({
    title: `meshsim run: ${scenario.name}`,
    lede: escapeHtml(
      `${scenario.name} under ${scenario.mesh}, seed ${String(scenario.seed)}${replicated}, ${duration(scenario.durationMs)} simulated.`,
    ),
    sections,
    data: { kind: 'run', windows, charts: drawnSpecs(figures), graph },
  });
}
