// The charts of a comparison's HTML report: success over time per shape (faults shaded), and bars per
// shape of added p50/p99, success, blast radius, proxy CPU, memory and cost.

import type { SimulationResult } from '@meshsim/mesh';

import type { ComparisonSummary } from '../../summarizeComparison.js';
import { barChart } from './barChart.js';
import { DEGRADED_FAILED_RATIO, degradedServiceSeconds } from './blastRadius.js';
import { chartNumber } from './downsample.js';
import type { BarChartSpec, ChartFigure } from './ReportData.js';
import { successOnAxis, timeAxis } from './timeAxis.js';

/** A bar chart with one bar per shape per series. */
function bars(
  id: string,
  yLabel: string,
  summary: ComparisonSummary,
  series: BarChartSpec['series'],
): BarChartSpec {
  return barChart(
    id,
    yLabel,
    summary.shapes.map((s) => s.shape),
    series,
  );
}

/** Every chart of a comparison, in page order; cost only when some shape has prices. */
export function comparisonCharts(
  summary: ComparisonSummary,
  results: readonly SimulationResult[],
): ChartFigure[] {
  const figures: ChartFigure[] = [];
  const first = results[0];
  if (first !== undefined && first.timeSeries.startMs.length > 0) {
    const axis = timeAxis(first.timeSeries, first.scenario.durationMs);
    const series = results.map((result) => {
      const services = new Set(result.services.map((s) => s.name));
      const sources = result.timeSeries.edges.filter((s) => !services.has(s.source));
      return {
        name: result.scenario.mesh,
        values: successOnAxis(axis, sources, result.timeSeries.startMs.length),
      };
    });
    figures.push({
      title: 'Success over time',
      description: 'Succeeded ÷ completed calls of the traffic sources, per point, under each mesh shape.',
      spec: {
        kind: 'lines',
        id: 'success-by-shape',
        yLabel: 'success (%)',
        timeS: axis.timeS,
        endS: axis.endS,
        series,
        yMax: 100,
      },
      empty: 'No call of the traffic sources completed under any shape.',
    });
  }
  figures.push({
    title: `Added latency vs ${summary.baseline}`,
    description: `End-to-end p50 and p99 of the traffic sources minus those under ${summary.baseline} (ms).`,
    spec: bars('added-latency', 'added (ms)', summary, [
      { name: 'p50', values: summary.shapes.map((s) => chartNumber(s.addedP50Ms)) },
      { name: 'p99', values: summary.shapes.map((s) => chartNumber(s.addedP99Ms)) },
    ]),
    empty: `No shape's p50 or p99 differs from ${summary.baseline}'s.`,
  });
  figures.push({
    title: 'Success',
    description: 'Succeeded ÷ completed calls of the traffic sources over the run.',
    spec: bars('success', 'success (%)', summary, [
      {
        name: 'success',
        values: summary.shapes.map((s) => chartNumber(s.successRate === null ? null : s.successRate * 100)),
      },
    ]),
    empty: 'No call of the traffic sources succeeded under any shape.',
  });
  figures.push({
    title: 'Blast radius',
    description:
      'Service-seconds degraded: for each service, the seconds in which more than ' +
      `${DEGRADED_FAILED_RATIO * 100} % of the calls into it failed, added up over services.`,
    spec: bars('blast-radius', 'degraded (service-s)', summary, [
      {
        name: 'degraded service-seconds',
        values: results.map((r) => chartNumber(degradedServiceSeconds(r))),
      },
    ]),
    empty: 'No service degraded under any shape.',
  });
  figures.push({
    title: 'Proxy CPU',
    description: 'Mean CPU of all proxies over the run (cores).',
    spec: bars('proxy-cpu', 'CPU (cores)', summary, [
      { name: 'CPU', values: summary.shapes.map((s) => chartNumber(s.proxyCpuCores)) },
    ]),
    empty: 'No shape has proxies that used CPU.',
  });
  figures.push({
    title: 'Proxy memory',
    description: 'Memory of all proxies (MiB).',
    spec: bars('proxy-memory', 'memory (MiB)', summary, [
      { name: 'memory', values: summary.shapes.map((s) => chartNumber(s.proxyMemoryMiB)) },
    ]),
    empty: 'No shape has proxies that hold memory.',
  });
  if (summary.shapes.some((s) => s.costPerMonthUsd !== null)) {
    figures.push({
      title: 'Proxy cost',
      description:
        'Monthly cost of the proxies (USD per month): of what they use, and of what their containers request (the capacity reserved); a shape without prices has no bar.',
      spec: bars('proxy-cost', 'cost (USD/month)', summary, [
        { name: 'cost', values: summary.shapes.map((s) => chartNumber(s.costPerMonthUsd)) },
        {
          name: 'requests cost',
          values: summary.shapes.map((s) => chartNumber(s.requestedCostPerMonthUsd)),
        },
      ]),
      empty: 'No shape has proxies that cost anything, used or requested.',
    });
  }
  return figures;
}
