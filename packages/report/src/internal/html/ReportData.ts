// The data an HTML report embeds as JSON for its browser script: chart specs, fault windows and the call
// graph. Plain data, so the page's numbers can be checked without a browser.

/** A span of simulated time to shade on every time chart (a fault while it is active). */
export interface TimeWindow {
  /** Start [s]. */
  startS: number;
  /** End [s], capped at the end of the run. */
  endS: number;
  /** What happened, e.g. `crash: payments (2 instances)`. */
  label: string;
}

/** One line of a time chart: a value per point of the chart's `timeS` (null where it does not exist). */
export interface LineSeries {
  name: string;
  values: (number | null)[];
}

/** A chart of values over simulated time, one line per series, with the fault windows shaded. */
export interface LineChartSpec {
  kind: 'lines';
  /** Stable id: the page's `<figure data-chart="…">` it is drawn into. */
  id: string;
  /** y-axis label with its unit, e.g. `req/s`, `p99 (ms)`, `%`. */
  yLabel: string;
  /** Start of each point [s] (after downsampling). */
  timeS: number[];
  /** End of the run [s]: the x axis spans [0, endS]. */
  endS: number;
  series: LineSeries[];
  /** Lowest upper bound of the y axis (e.g. 100 for a percentage). @defaultValue the data's maximum */
  yMax?: number;
}

/** One group of bars: a value per category (null where it does not exist). */
export interface BarSeries {
  name: string;
  values: (number | null)[];
  /**
   * With a mean over replications: per category, the half-width of its 95 % confidence interval, drawn as a whisker
   * from `value − e` to `value + e` (null: no whisker). Absent: no whiskers.
   */
  errors?: (number | null)[];
  /**
   * Per category, why its bar is not to be trusted (an unstable single-run p99: `unstable: this run's p99 falls in a
   * gap …`), or null; the browser script marks a flagged bar with `!` and adds the reason to its tooltip and readout.
   * Absent: no bar is flagged.
   */
  flags?: (string | null)[];
}

/** A bar chart: one group of bars per category (e.g. a mesh shape), one bar per series in each group. */
export interface BarChartSpec {
  kind: 'bars';
  id: string;
  yLabel: string;
  categories: string[];
  series: BarSeries[];
  /**
   * The value axis's domain `[low, high]`, 0 inside it and `low < high` (`[0, 1]` when every value is 0):
   * see `barValueDomain`. The axis is widened to round ticks.
   */
  valueDomain: [number, number];
}

/** A chart of the page. New kinds (e.g. the heat maps of a sweep) are added here and in the browser script. */
export type ChartSpec = LineChartSpec | BarChartSpec;

/** A node of the call graph: a service or a traffic source. */
export interface GraphNode {
  id: string;
  /** `source`: a traffic source (not a service). */
  kind: 'service' | 'source';
  /** Lines shown under the name (instances, utilisation, …). */
  details: string[];
  /** Fraction of the node's inbound calls that failed, in [0, 1]; null without inbound calls. */
  errorRatio: number | null;
}

/** An edge of the call graph: a caller → callee pair. */
export interface GraphEdge {
  source: string;
  destination: string;
  /** Calls per simulated second [req/s]. */
  rateRps: number;
  /** Failed ÷ completed calls, in [0, 1]; null when none completed. */
  errorRatio: number | null;
  /** Tooltip text. */
  label: string;
}

/** The call graph and the proxies of the mesh shape that carries it. */
export interface GraphSpec {
  /** Upper bounds of the colour bands of an error ratio, ascending; a ratio at or above the last is in one more band. */
  errorBands: number[];
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** A chart with the words around it: its heading and a sentence on what it shows (also its accessible name). */
export interface ChartFigure {
  title: string;
  description: string;
  spec: ChartSpec;
  /**
   * What the page says instead of the chart when it would draw nothing (`drawsNothing`), e.g. `No service degraded
   * under any shape.` @defaultValue `NOTHING_TO_DRAW`
   */
  empty?: string;
}

/** Everything the browser script draws. */
export interface ReportData {
  /** The report kind: what the page is about. */
  kind: 'run' | 'compare';
  /** Fault windows, shaded on every line chart. */
  windows: TimeWindow[];
  charts: ChartSpec[];
  /** The call graph (run reports). */
  graph?: GraphSpec;
}
