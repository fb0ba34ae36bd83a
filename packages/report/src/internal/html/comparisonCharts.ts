// The charts of a comparison's HTML report: success over time per shape (faults shaded), and bars per shape of added
// p50/p99 (an unstable single-run p99 marked), success, blast radius, proxy CPU, memory and cost. With replications,
// headline figures' bars are means over them with 95 % CI whiskers; the others say they are the first's.

import type { RunFigures } from '@meshsim/analysis';
import type { SimulationResult } from '@meshsim/mesh';

import type { ComparisonSummary } from '../../summarizeComparison.js';
import { barChart } from './barChart.js';
import { DEGRADED_FAILED_RATIO } from '../blastRadius.js';
import { chartNumber } from './downsample.js';
import { firstReplicationLabel } from '../firstReplicationLabel.js';
import { addedP99Flags } from '../p99GapNote.js';
import type { BarChartSpec, BarSeries, ChartFigure } from './ReportData.js';
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

/**
 * Every chart of a comparison, in page order; cost only when some shape has prices. When the summary holds
 * replications (its `intervals` and `paired`, from `summarizeComparison`) and 2 or more of them, added latency,
 * success, proxy CPU, proxy memory and proxy cost are means over the replications with their 95 % CI as whiskers
 * (added latency: the paired differences); every other chart (success over time, blast radius) is of the results
 * given (the first replication) and says so.
 */
export function comparisonCharts(
  summary: ComparisonSummary,
  results: readonly SimulationResult[],
): ChartFigure[] {
  const figures: ChartFigure[] = [];
  const first = firstReplicationLabel(summary);
  const n = summary.replications ?? 0;
  const intervals = summary.intervals;
  const replicated = first !== null && intervals !== undefined;
  // A chart of one run per shape, with replications: its title and caption say which run.
  const oneRun = (figure: ChartFigure): ChartFigure =>
    first === null
      ? figure
      : {
          ...figure,
          title: `${figure.title} — ${first}`,
          description:
            `${figure.description} The first of the ${n} replications; the means and the paired differences ` +
            'use them all.',
        };
  const mean = `the mean over the ${n} replications, its 95 % CI as a whisker`;
  /** A headline figure's mean per shape over the replications, and its CI half-width, scaled for display. */
  const meanSeries = (name: string, key: keyof RunFigures, scale = 1): BarSeries => {
    // The summary's per-shape intervals: the same figures the text and JSON tables print.
    const shown = summary.shapes.map(
      (s) => intervals?.find((i) => i.shape === s.shape)?.figures.find((f) => f.key === key) ?? null,
    );
    return {
      name,
      values: shown.map((f) => chartNumber(f === null ? null : f.mean * scale)),
      errors: shown.map((f) => {
        const half = f?.halfWidth ?? null;
        return chartNumber(half === null ? null : half * scale);
      }),
    };
  };

  const firstResult = results[0];
  if (firstResult !== undefined && firstResult.timeSeries.startMs.length > 0) {
    const axis = timeAxis(firstResult.timeSeries, firstResult.scenario.durationMs);
    const series = results.map((result) => {
      const services = new Set(result.services.map((s) => s.name));
      const sources = result.timeSeries.edges.filter((s) => !services.has(s.source));
      return {
        name: result.scenario.mesh,
        values: successOnAxis(axis, sources, result.timeSeries.startMs.length),
      };
    });
    figures.push(
      oneRun({
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
      }),
    );
  }

  const addedEmpty = `No shape's p50 or p99 differs from ${summary.baseline}'s.`;
  if (replicated) {
    // The paired differences against the baseline (same seeds): the baseline's own is 0, without a whisker.
    const paired = (name: string, key: keyof RunFigures): BarSeries => {
      const differences = summary.shapes.map((s) =>
        summary.paired?.find((p) => p.shape === s.shape)?.differences.find((d) => d.key === key),
      );
      return {
        name,
        values: summary.shapes.map((s, i) =>
          s.shape === summary.baseline ? 0 : chartNumber(differences[i]?.mean ?? null),
        ),
        errors: differences.map((d) => chartNumber(d?.halfWidth ?? null)),
      };
    };
    figures.push({
      title: `Added latency vs ${summary.baseline}: mean of ${n} replications`,
      description:
        `End-to-end p50 and p99 of the traffic sources minus those under ${summary.baseline}, paired run by run on ` +
        `the same seeds (ms): ${mean} (one across 0: not significant).`,
      spec: bars('added-latency', 'added (ms)', summary, [
        paired('p50', 'endToEndP50Ms'),
        paired('p99', 'endToEndP99Ms'),
      ]),
      empty: addedEmpty,
    });
    figures.push({
      title: `Success: mean of ${n} replications`,
      description: `Succeeded ÷ completed calls of the traffic sources over the run: ${mean}.`,
      spec: bars('success', 'success (%)', summary, [meanSeries('success', 'successRatio', 100)]),
      empty: 'No call of the traffic sources succeeded under any shape.',
    });
  } else {
    // A single run's added p99 that falls in a gap of the latencies: its bar is marked, and the caption says why.
    const flags = addedP99Flags(summary);
    const flagged = flags.some((flag) => flag !== null);
    figures.push({
      title: `Added latency vs ${summary.baseline}`,
      description:
        `End-to-end p50 and p99 of the traffic sources minus those under ${summary.baseline} (ms).` +
        (flagged
          ? " Bars marked ! are unstable: one run's p99 falls in a gap of the latencies, and the seed decides on " +
            'which side (see the notes); run --replications N for a mean with its 95 % CI.'
          : ''),
      spec: bars('added-latency', 'added (ms)', summary, [
        { name: 'p50', values: summary.shapes.map((s) => chartNumber(s.addedP50Ms)) },
        {
          name: 'p99',
          values: summary.shapes.map((s) => chartNumber(s.addedP99Ms)),
          ...(flagged && { flags }),
        },
      ]),
      empty: addedEmpty,
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
  }
  figures.push(
    oneRun({
      title: 'Blast radius',
      description:
        'Service-seconds degraded: for each service, the seconds in which more than ' +
        `${DEGRADED_FAILED_RATIO * 100} % of the calls into it failed, added up over services.`,
      spec: bars('blast-radius', 'degraded (service-s)', summary, [
        {
          name: 'degraded service-seconds',
          values: summary.shapes.map((s) => chartNumber(s.degradedServiceSeconds)),
        },
      ]),
      empty: 'No service degraded under any shape.',
    }),
  );
  figures.push(
    replicated
      ? {
          title: `Proxy CPU: mean of ${n} replications`,
          description: `Mean CPU of all proxies over the run (cores): ${mean}.`,
          spec: bars('proxy-cpu', 'CPU (cores)', summary, [meanSeries('CPU', 'proxyCpuCores')]),
          empty: 'No shape has proxies that used CPU.',
        }
      : {
          title: 'Proxy CPU',
          description: 'Mean CPU of all proxies over the run (cores).',
          spec: bars('proxy-cpu', 'CPU (cores)', summary, [
            { name: 'CPU', values: summary.shapes.map((s) => chartNumber(s.proxyCpuCores)) },
          ]),
          empty: 'No shape has proxies that used CPU.',
        },
  );
  const memoryEmpty = 'No shape has proxies that hold memory.';
  figures.push(
    replicated
      ? {
          title: `Proxy memory: mean of ${n} replications`,
          description: `Memory of all proxies at the end of each run (MiB): ${mean}.`,
          spec: bars('proxy-memory', 'memory (MiB)', summary, [meanSeries('memory', 'proxyMemoryMiB')]),
          empty: memoryEmpty,
        }
      : {
          title: 'Proxy memory',
          description: 'Memory of all proxies (MiB).',
          spec: bars('proxy-memory', 'memory (MiB)', summary, [
            { name: 'memory', values: summary.shapes.map((s) => chartNumber(s.proxyMemoryMiB)) },
          ]),
          empty: memoryEmpty,
        },
  );
  if (summary.shapes.some((s) => s.costPerMonthUsd !== null)) {
    const costEmpty = 'No shape has proxies that cost anything, used or requested.';
    const costOf =
      'Monthly cost of the proxies (USD per month): of what they use, and of what their containers request (the ' +
      'capacity reserved); a shape without prices has no bar';
    figures.push(
      replicated
        ? {
            title: `Proxy cost: mean of ${n} replications`,
            description: `${costOf}: ${mean}.`,
            spec: bars('proxy-cost', 'cost (USD/month)', summary, [
              meanSeries('cost', 'proxyCostPerMonthUsd'),
              meanSeries('requests cost', 'proxyRequestsCostPerMonthUsd'),
            ]),
            empty: costEmpty,
          }
        : {
            title: 'Proxy cost',
            description: `${costOf}.`,
            spec: bars('proxy-cost', 'cost (USD/month)', summary, [
              { name: 'cost', values: summary.shapes.map((s) => chartNumber(s.costPerMonthUsd)) },
              {
                name: 'requests cost',
                values: summary.shapes.map((s) => chartNumber(s.requestedCostPerMonthUsd)),
              },
            ]),
            empty: costEmpty,
          },
    );
  }
  return figures;
}
