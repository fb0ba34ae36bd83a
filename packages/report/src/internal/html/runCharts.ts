// The charts of a run's HTML report: offered load, goodput, success, p50 and p99 per edge, retries,
// queue length and utilisation per service over time, and the time breakers were open or hosts ejected.

import { sentPerInterval } from '@meshsim/mesh';
import type { EdgeMetrics, EdgeSeries, ServiceSeries, SimulationResult } from '@meshsim/mesh';

import { measuredMs } from '../columnContext.js';
import { goodputRatio, sourceGoodput, sourceSeries as sourcesOf } from '../sourceGoodput.js';
import { barChart } from './barChart.js';
import { chartNumber } from './downsample.js';
import type { BarChartSpec, ChartFigure, LineSeries } from './ReportData.js';
import { edgeName } from './edgeName.js';
import {
  callWeightedOnAxis,
  meanRateOnAxis,
  onAxis,
  rateOnAxis,
  successOnAxis,
  sumSeries,
  timeAxis,
} from './timeAxis.js';
import { topSeries } from './topSeries.js';

/** The sentence that says a chart shows only some of its candidates, or '' when it shows all. */
function shownNote(shown: number, candidates: number, noun: string, rank: string): string {
  return shown < candidates ? ` Showing the ${shown} of ${candidates} ${noun} with the ${rank}.` : '';
}

/** The interval latencies of an edge, null where no call succeeded in the interval (the series holds 0). */
function intervalLatency(series: EdgeSeries, field: 'p50Ms' | 'p99Ms'): (number | null)[] {
  return series[field].map((value, i) => ((series.succeeded[i] ?? 0) > 0 ? value : null));
}

/** True when a line has at least one value: a line with none draws nothing and is left out. */
function hasValue(series: LineSeries): boolean {
  return series.values.some((value) => value !== null);
}

/** A bar chart of one value per edge (e.g. breaker open time), for the edges where it is positive. */
function edgeBars(
  result: SimulationResult,
  id: string,
  yLabel: string,
  value: (edge: EdgeMetrics) => number,
): { spec: BarChartSpec; shown: number; candidates: number } | null {
  const { picked, candidates } = topSeries(result.edges, value);
  if (picked.length === 0) return null;
  return {
    spec: barChart(id, yLabel, picked.map(edgeName), [
      { name: yLabel, values: picked.map((edge) => chartNumber(value(edge))) },
    ]),
    shown: picked.length,
    candidates,
  };
}

/**
 * Every chart of a run, in page order. Charts with nothing to draw (no retries, no queue, no breaker)
 * are left out; the per-edge and per-service ones draw at most `MAX_CHART_SERIES` lines, worst first.
 */
export function runCharts(result: SimulationResult): ChartFigure[] {
  const { timeSeries } = result;
  const intervals = timeSeries.startMs.length;
  if (intervals === 0) return [];
  // The last point ends with the run (its duration, or where a guard stopped it): its rates are over its length.
  const axis = timeAxis(timeSeries, measuredMs(result));
  const sourceSeries = sourcesOf(result);
  const metricsOf = new Map(result.edges.map((e) => [edgeName(e), e] as const));
  const serviceMetrics = new Map(result.services.map((s) => [s.name, s] as const));
  const figures: ChartFigure[] = [];
  const bucketNote =
    axis.size > 1 ? ` Each point covers ${axis.size} intervals of ${timeSeries.intervalMs / 1000} s.` : '';

  // A source with `connections` offers a call when it is due and sends it when a connection is free.
  const limited = sourceSeries.some((s) => s.waitingAtSource !== undefined);
  figures.push({
    title: 'Offered load',
    description:
      'Calls per second the traffic sources offered (counted when due).' +
      (limited
        ? ' A source with a connection limit offers a call when it is due and sends it once a connection is free: the gap between offered and sent is its backlog growing.'
        : '') +
      bucketNote,
    spec: {
      kind: 'lines',
      id: 'offered-load',
      yLabel: 'req/s',
      timeS: axis.timeS,
      endS: axis.endS,
      series: [
        {
          name: 'offered',
          values: rateOnAxis(
            axis,
            sumSeries(
              sourceSeries.map((s) => s.calls),
              intervals,
            ),
          ),
        },
        ...(limited
          ? [
              {
                name: 'sent',
                values: rateOnAxis(axis, sumSeries(sourceSeries.map(sentPerInterval), intervals)),
              },
            ]
          : []),
      ].filter(hasValue),
    },
    empty: 'The traffic sources offered no call.',
  });

  // Goodput as the timeline table has it: a share of the calls due, so calls still in flight at the end (not failed,
  // not yet due) do not pull the last point down as a rate of successes would.
  const goodput = sourceGoodput(result);
  const goodputLine: LineSeries = {
    name: 'goodput',
    values: axis.timeS.map((_, point) => {
      const ratio = goodputRatio(goodput, point * axis.size, Math.min(intervals, (point + 1) * axis.size));
      return ratio === null ? null : chartNumber(ratio * 100);
    }),
  };
  if (hasValue(goodputLine)) {
    figures.push({
      title: 'Goodput',
      description:
        'Successful ÷ offered calls of the traffic sources together, per point, as the timeline table counts them: ' +
        'a success counts in the interval its call was offered in when it completed by the end of the next, else ' +
        "where it completed; the calls still in flight at the end that were offered within a normal call's time " +
        'before it are not yet due and left out (a healthy run stays at 100 % to its end). Capped at 100 %: a ' +
        'backlog completing can outnumber the calls offered.' +
        bucketNote,
      spec: {
        kind: 'lines',
        id: 'goodput',
        yLabel: 'goodput (% of offered)',
        timeS: axis.timeS,
        endS: axis.endS,
        series: [goodputLine],
        yMax: 100,
      },
    });
  }

  const success = sourceSeries
    .map((s): LineSeries => ({ name: edgeName(s), values: successOnAxis(axis, [s], intervals) }))
    .filter(hasValue);
  if (success.length > 0) {
    figures.push({
      title: 'Success of completed calls',
      description:
        'Succeeded ÷ completed calls of each traffic source, per point (calls still in flight are in neither: the ' +
        'goodput chart sets the successes against the calls offered).' +
        bucketNote,
      spec: {
        kind: 'lines',
        id: 'success',
        yLabel: 'success of completed (%)',
        timeS: axis.timeS,
        endS: axis.endS,
        series: success,
        yMax: 100,
      },
    });
  }

  const latencyEdges = topSeries(timeSeries.edges, (s) => {
    const metrics = metricsOf.get(edgeName(s));
    return metrics !== undefined && metrics.latency.count > 0 ? metrics.latency.p99Ms : 0;
  });
  for (const [field, label, how] of [
    ['p99Ms', 'p99', 'max'],
    ['p50Ms', 'p50', 'mean'],
  ] as const) {
    // A point's p99 is its worst interval's; its p50 the mean of its intervals' weighted by their successful calls.
    const values = (s: EdgeSeries): (number | null)[] =>
      how === 'max'
        ? onAxis(axis, intervalLatency(s, field), how)
        : callWeightedOnAxis(axis, intervalLatency(s, field), s.succeeded);
    const lines = latencyEdges.picked
      .map((s): LineSeries => ({ name: edgeName(s), values: values(s) }))
      .filter(hasValue);
    if (lines.length === 0) continue;
    figures.push({
      title: `Latency ${label} per edge`,
      description:
        `Caller-observed ${label} of the calls that succeeded in each interval` +
        (axis.size > 1
          ? ` (${how === 'max' ? 'the worst interval of each point' : "each point's intervals averaged, weighted by their successful calls"}).`
          : '.') +
        shownNote(lines.length, latencyEdges.candidates, 'edges', 'highest p99 over the run'),
      spec: {
        kind: 'lines',
        id: `latency-${label}`,
        yLabel: `${label} (ms)`,
        timeS: axis.timeS,
        endS: axis.endS,
        series: lines,
      },
    });
  }

  const retrying = topSeries(timeSeries.edges, (s) => metricsOf.get(edgeName(s))?.retries ?? 0);
  if (retrying.picked.length > 0) {
    figures.push({
      title: 'Retries',
      description:
        'Retry attempts sent per second on each edge.' +
        shownNote(retrying.picked.length, retrying.candidates, 'edges that retried', 'most retries'),
      spec: {
        kind: 'lines',
        id: 'retries',
        yLabel: 'retries/s',
        timeS: axis.timeS,
        endS: axis.endS,
        series: retrying.picked.map((s) => ({ name: edgeName(s), values: rateOnAxis(axis, s.retries) })),
      },
    });
  }

  const serviceFigure = (
    id: string,
    title: string,
    yLabel: string,
    description: string,
    score: (s: ServiceSeries) => number,
    values: (s: ServiceSeries) => (number | null)[],
    yMax?: number,
  ): void => {
    const { picked, candidates } = topSeries(timeSeries.services, score);
    if (picked.length === 0) return;
    figures.push({
      title,
      description:
        description + shownNote(picked.length, candidates, 'services', `highest ${title.toLowerCase()}`),
      spec: {
        kind: 'lines',
        id,
        yLabel,
        timeS: axis.timeS,
        endS: axis.endS,
        series: picked.map((s) => ({ name: s.name, values: values(s) })),
        ...(yMax !== undefined && { yMax }),
      },
    });
  };
  serviceFigure(
    'queue-length',
    'Queue length',
    'queue (requests)',
    'Requests waiting for a worker, over all instances of each service, at the end of each interval' +
      (axis.size > 1 ? ' (the largest of each point).' : '.'),
    (s) => serviceMetrics.get(s.name)?.maxQueueLength ?? 0,
    (s) => onAxis(axis, s.queueLength, 'max'),
  );
  serviceFigure(
    'utilisation',
    'Utilisation',
    'utilisation (%)',
    'Mean fraction of the workers of each service that were busy.',
    (s) => serviceMetrics.get(s.name)?.utilisation ?? 0,
    // Each interval's busy fraction is over its own length: a point weighs its intervals by theirs.
    (s) =>
      meanRateOnAxis(
        axis,
        s.utilisation.map((ratio) => ratio * 100),
      ),
    100,
  );

  const durationMs = result.scenario.durationMs;
  const breakers = edgeBars(result, 'breaker-open', 'open (% of the run)', (edge) =>
    durationMs > 0 ? ((edge.policyTimeMs?.['breaker-open'] ?? 0) / durationMs) * 100 : 0,
  );
  if (breakers !== null) {
    figures.push({
      title: 'Circuit breakers',
      description:
        'Share of the run during which the caller-side circuit breaker of each edge was open (the result holds ' +
        'totals, not the state over time).' +
        shownNote(breakers.shown, breakers.candidates, 'edges', 'longest open time'),
      spec: breakers.spec,
    });
  }
  // The edge's host·ms are summed over its callers' detectors: divided by them, one caller's view (a bar can no longer
  // exceed the hosts one caller may eject).
  const ejections = edgeBars(result, 'ejections', 'hosts ejected per calling proxy (mean)', (edge) =>
    durationMs > 0
      ? (edge.policyTimeMs?.['outlier-ejected-host'] ?? 0) / durationMs / Math.max(1, edge.outlierDetectors)
      : 0,
  );
  if (ejections !== null) {
    figures.push({
      title: 'Outlier ejection',
      description:
        'Mean number of hosts that outlier detection kept ejected, per edge, over the run (totals, not the ' +
        'state over time), for one calling proxy: each calling proxy (the sidecar of each caller pod, a ' +
        'waypoint, a node proxy) keeps its own detector and ejects on what it sees, so the bar is the ' +
        "edge's ejected host time over the run's length, divided by its calling proxies with a detector — 4 " +
        "caller pods keeping 6.8 hosts ejected together read 1.7 (the JSON's policyTimeMs keeps their sum, " +
        'outlierDetectors their number).' +
        shownNote(ejections.shown, ejections.candidates, 'edges', 'most ejection time per calling proxy'),
      spec: ejections.spec,
    });
  }
  // A chart with no line (e.g. rates over a zero duration) would draw nothing: leave it out.
  return figures.filter((figure) => figure.spec.series.length > 0);
}
