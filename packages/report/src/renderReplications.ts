// Renders a replication summary: each headline figure as mean ± 95 % CI (Student t) with min and max, and
// the verdicts; as text, a JSON value, a one-row CSV table and OpenMetrics gauges.

import { RUN_FIGURES, VERDICTS, isRecovered } from '@meshsim/analysis';
import type { FigureInterval, ReplicationSummary, RunFigures, Verdict } from '@meshsim/analysis';

import type { Column, MetricFamily } from './columns/Column.js';
import { csvTable } from './internal/csvTable.js';
import { figureCsvName } from './internal/figureCsvName.js';
import { round } from './internal/format.js';
import { formatInterval } from './internal/intervalFormat.js';
import { formatTable } from './internal/formatTable.js';
import type { FamilySamples, MetricSample } from './internal/metricSamples.js';
import { snakeCase } from './internal/snakeCase.js';
import type { JsonValue } from './JsonValue.js';

/**
 * The verdict counts as `metastable 3/5, degraded-recovered 2/5` (only verdicts that occurred), each with how many of
 * its runs were lossy when any was: `stable 3/3 (2 lossy)` (docs/analysis.md#lossy).
 */
export function verdictCounts(
  verdicts: Readonly<Record<string, number>>,
  n: number,
  lossy: Readonly<Record<string, number>> = {},
): string {
  return Object.entries(verdicts)
    .filter(([, count]) => count > 0)
    .map(([verdict, count]) => {
      const lost = lossy[verdict] ?? 0;
      return `${verdict} ${count}/${n}${lost > 0 ? ` (${lost} lossy)` : ''}`;
    })
    .join(', ');
}

/** The head of the replications' table: how many, their seeds, the statistic, and the verdict counts. */
export function replicationsTitle(summary: ReplicationSummary): string {
  return (
    `Replications: ${summary.n} (seeds ${summary.seeds.map(String).join(', ')}); mean ± 95 % CI (Student t)` +
    `\nVerdicts: ${verdictCounts(summary.verdicts, summary.n, summary.lossy)}`
  );
}

/** The column headers of the replications' table (text and HTML). */
export const REPLICATION_HEADERS: readonly string[] = ['figure', 'mean', '95 % CI', 'min', 'max'];

/** The replications' table rows: each figure's header (with its unit), mean, `± half`, min and max as it reads. */
export function replicationRows(summary: ReplicationSummary): string[][] {
  return summary.figures.map((interval) => {
    const header = RUN_FIGURES.find((f) => f.key === interval.key)?.header ?? interval.key;
    const { mean, half, min, max } = formatInterval(interval);
    return [header, mean, half, min, max];
  });
}

/** The replications as a text section. */
export function renderReplicationsText(summary: ReplicationSummary): string {
  return formatTable(
    REPLICATION_HEADERS.map((header, i) => (i === 0 ? { header, align: 'left' as const } : { header })),
    replicationRows(summary),
    { title: replicationsTitle(summary) },
  ).trimEnd();
}

/** The replications as a JSON value (docs/output-formats.md#replications). */
export function replicationsJson(summary: ReplicationSummary): JsonValue {
  return {
    n: summary.n,
    seeds: summary.seeds,
    verdicts: summary.verdicts,
    lossy: summary.lossy,
    confidence: 0.95,
    figures: summary.figures.map(intervalJson),
  };
}

/**
 * A figure's interval as the JSON of `run --replications` and `compare --replications` has it: `key`, `mean`,
 * `halfWidth` (null without an interval), `min`, `max`, rounded to 6 decimals.
 */
export function intervalJson(f: FigureInterval<string>): JsonValue {
  return {
    key: f.key,
    mean: round(f.mean, 6),
    halfWidth: f.halfWidth === null ? null : round(f.halfWidth, 6),
    min: round(f.min, 6),
    max: round(f.max, 6),
  };
}

/** The verdicts a run can be lossy with (docs/analysis.md#lossy): the recovered ones. */
const LOSSY_VERDICTS: readonly Verdict[] = VERDICTS.filter(isRecovered);

function figureOf(summary: ReplicationSummary, key: keyof RunFigures): FigureInterval | undefined {
  return summary.figures.find((f) => f.key === key);
}

/**
 * The columns of {@link renderReplicationsCsv}: `replications`, `seeds`, `<verdict>_runs` per verdict, then
 * `<verdict>_lossy_runs` per recovered verdict, then per headline figure `<figure>_mean`, `<figure>_half_width`,
 * `<figure>_min`, `<figure>_max` (the names of the comparison CSV's interval columns).
 */
function replicationColumns(): Column<ReplicationSummary>[] {
  return [
    { key: 'n', read: (s) => s.n, csv: { name: 'replications' } },
    { key: 'seeds', read: (s) => s.seeds.map(String).join(' '), csv: { name: 'seeds' } },
    ...VERDICTS.map((verdict): Column<ReplicationSummary> => ({
      key: `verdicts.${verdict}`,
      read: (s) => s.verdicts[verdict],
      csv: { name: `${snakeCase(verdict)}_runs` },
    })),
    ...LOSSY_VERDICTS.map((verdict): Column<ReplicationSummary> => ({
      key: `lossy.${verdict}`,
      read: (s) => s.lossy[verdict],
      csv: { name: `${snakeCase(verdict)}_lossy_runs` },
    })),
    ...RUN_FIGURES.flatMap((figure): Column<ReplicationSummary>[] => {
      const stem = figureCsvName(figure.key);
      const pick = (read: (f: FigureInterval) => number | null) => (s: ReplicationSummary) => {
        const interval = figureOf(s, figure.key);
        return interval === undefined ? null : read(interval);
      };
      return [
        { key: `${figure.key}.mean`, read: pick((f) => f.mean), csv: { name: `${stem}_mean` } },
        {
          key: `${figure.key}.halfWidth`,
          read: pick((f) => f.halfWidth),
          csv: { name: `${stem}_half_width` },
        },
        { key: `${figure.key}.min`, read: pick((f) => f.min), csv: { name: `${stem}_min` } },
        { key: `${figure.key}.max`, read: pick((f) => f.max), csv: { name: `${stem}_max` } },
      ];
    }),
  ];
}

/**
 * The replications as a one-row CSV table (`meshsim run --replications N --csv --table replications`):
 * `replications` (N), `seeds` (space-separated, in replication order), `<verdict>_runs` for every verdict (zeros
 * included), `<verdict>_lossy_runs` for `stable` and `degraded-recovered`, then for every headline figure, in its unit
 * (a ratio, not %), `<figure>_mean`, `<figure>_half_width` (95 % Student t; empty with one replication), `<figure>_min`
 * and `<figure>_max` — empty where no replication gives the figure (docs/output-formats.md#replications).
 *
 * @param summary - The output of `summarizeReplications`.
 * @returns CSV text with a header row, ending with a newline.
 */
export function renderReplicationsCsv(summary: ReplicationSummary): string {
  return csvTable({ columns: replicationColumns() }, [summary], { durationMs: 0 });
}

/** How a headline figure reads as an OpenMetrics family: its name (ending with the unit), unit and scale. */
interface FigureMetric {
  name: string;
  unit?: string;
  /** Factor from the figure's unit to the family's (MiB → bytes). @defaultValue 1 */
  scale?: number;
  help: string;
}

const MIB = 1024 * 1024;

/** Every headline figure's family; names follow the run's own (`meshsim_proxy_memory_bytes`, …). */
const FIGURE_METRICS: Readonly<Record<keyof RunFigures, FigureMetric>> = {
  successRatio: {
    name: 'success_ratio',
    unit: 'ratio',
    help: 'Successful ÷ completed calls of the traffic sources',
  },
  goodputRps: {
    name: 'goodput_requests_per_second',
    unit: 'requests_per_second',
    help: 'Successful calls of the traffic sources per simulated second',
  },
  endToEndP50Ms: {
    name: 'end_to_end_p50_milliseconds',
    unit: 'milliseconds',
    help: "p50 latency of the traffic sources' successful calls",
  },
  endToEndP99Ms: {
    name: 'end_to_end_p99_milliseconds',
    unit: 'milliseconds',
    help: "p99 latency of the traffic sources' successful calls",
  },
  attemptsPerCall: {
    name: 'attempts_per_call',
    help: 'Attempts (first tries + retries) per call sent, every edge',
  },
  workPerRequest: {
    name: 'work_per_request',
    help: 'Requests that reached a service per call the traffic sources sent',
  },
  proxyCpuCores: { name: 'proxy_cpu_cores', unit: 'cores', help: "Mean CPU of the mesh's proxies" },
  proxyCpuRequestedCores: {
    name: 'proxy_cpu_requested_cores',
    unit: 'cores',
    help: "CPU the proxies' containers request",
  },
  proxyMemoryMiB: {
    name: 'proxy_memory_bytes',
    unit: 'bytes',
    scale: MIB,
    help: "Memory of all the mesh's proxies at the end of the run",
  },
  proxyMemoryRequestedMiB: {
    name: 'proxy_memory_requested_bytes',
    unit: 'bytes',
    scale: MIB,
    help: "Memory the proxies' containers request",
  },
  nodeCpuUtilisation: {
    name: 'node_cpu_utilisation_ratio',
    unit: 'ratio',
    help: 'Mean CPU utilisation of the nodes (only when nodes have a size)',
  },
  pendingPods: {
    name: 'pending_pods',
    help: 'Application pods no node had room for (only when nodes have a size)',
  },
  extraNodesNeeded: {
    name: 'extra_nodes_needed',
    help: 'More nodes that would run every Pending pod (only when nodes have a size)',
  },
  proxyCostPerMonthUsd: {
    name: 'proxy_cost_usd_per_month',
    unit: 'usd_per_month',
    help: 'What the proxies use costs a 730-hour month (only with prices)',
  },
  proxyRequestsCostPerMonthUsd: {
    name: 'proxy_requests_cost_usd_per_month',
    unit: 'usd_per_month',
    help: "What the proxies' requests cost a 730-hour month (only with prices)",
  },
};

/** The OpenMetrics family name of a headline figure over the replications: `meshsim_replication_success_ratio`. */
export function replicationFamilyName(key: keyof RunFigures): string {
  return `meshsim_replication_${FIGURE_METRICS[key].name}`;
}

const REPLICATIONS: MetricFamily = {
  name: 'meshsim_replications',
  type: 'gauge',
  help: 'Replications run (seeds derived from the root seed); the meshsim_replication_* families are over them.',
};
const VERDICT_RUNS: MetricFamily = {
  name: 'meshsim_replication_verdict_runs',
  type: 'gauge',
  help: 'Replications per verdict (zeros included).',
};
const LOSSY_RUNS: MetricFamily = {
  name: 'meshsim_replication_lossy_runs',
  type: 'gauge',
  help: 'Of the replications with a recovered verdict, the lossy ones (docs/analysis.md#lossy).',
};

/**
 * The OpenMetrics families of the replications (`--openmetrics --metrics meshsim` with `--replications N`):
 * `meshsim_replications` (N), `meshsim_replication_verdict_runs{verdict}`, `meshsim_replication_lossy_runs{verdict}`,
 * then one gauge family per headline figure (`meshsim_replication_<figure>_<unit>`, {@link replicationFamilyName})
 * with the samples `stat="mean|ci_lower|ci_upper|min|max"` — the 95 % Student-t interval's bounds are mean ∓ half-width,
 * absent with one replication; a figure no replication gives has no sample.
 */
export function replicationFamilies(summary: ReplicationSummary): FamilySamples[] {
  const figures = RUN_FIGURES.map(({ key }): FamilySamples => {
    const metric = FIGURE_METRICS[key];
    const family: MetricFamily = {
      name: replicationFamilyName(key),
      type: 'gauge',
      ...(metric.unit !== undefined && { unit: metric.unit }),
      help: `${metric.help}, over the replications: mean, 95 % CI bounds (Student t), min and max.`,
    };
    const interval = figureOf(summary, key);
    const scale = metric.scale ?? 1;
    const stat = (name: string, value: number): MetricSample => ({
      name: family.name,
      labels: [['stat', name]],
      value: value * scale,
    });
    const samples =
      interval === undefined
        ? []
        : [
            stat('mean', interval.mean),
            ...(interval.halfWidth === null
              ? []
              : [
                  stat('ci_lower', interval.mean - interval.halfWidth),
                  stat('ci_upper', interval.mean + interval.halfWidth),
                ]),
            stat('min', interval.min),
            stat('max', interval.max),
          ];
    return { family, samples };
  });
  return [
    { family: REPLICATIONS, samples: [{ name: REPLICATIONS.name, labels: [], value: summary.n }] },
    {
      family: VERDICT_RUNS,
      samples: VERDICTS.map((verdict) => ({
        name: VERDICT_RUNS.name,
        labels: [['verdict', verdict]],
        value: summary.verdicts[verdict],
      })),
    },
    {
      family: LOSSY_RUNS,
      samples: LOSSY_VERDICTS.map((verdict) => ({
        name: LOSSY_RUNS.name,
        labels: [['verdict', verdict]],
        value: summary.lossy[verdict],
      })),
    },
    ...figures,
  ];
}
