// The call graph of a run for the HTML report: traffic sources and services as nodes, caller → callee
// edges with their rate and error ratio (the browser script lays it out with dagre and draws it).

import type { SimulationResult } from '@meshsim/mesh';

import { ratePerSecond } from '../derived.js';
import { count, fixed, ms, percent } from '../format.js';
import { chartNumber } from './downsample.js';
import type { GraphNode, GraphSpec } from './ReportData.js';
import { edgeName } from './edgeName.js';

/** The error-ratio bands of the graph's arrow colours: a ratio below `upTo` is in the band (legend and script). */
export const ERROR_BANDS: readonly { upTo: number; label: string }[] = [
  { upTo: 0.001, label: 'under 0.1 % failed' },
  { upTo: 0.01, label: '0.1–1 % failed' },
  { upTo: 0.1, label: '1–10 % failed' },
  { upTo: Infinity, label: '10 % or more failed' },
];

/** Failed ÷ completed, or null when nothing completed. */
function errorRatio(succeeded: number, failed: number): number | null {
  return succeeded + failed > 0 ? failed / (succeeded + failed) : null;
}

/** The graph of `result`: sources first (in edge order), then services (in result order). */
export function callGraph(result: SimulationResult): GraphSpec {
  const { durationMs } = result.scenario;
  const serviceNames = new Set(result.services.map((s) => s.name));
  const inbound = new Map<string, { succeeded: number; failed: number }>();
  for (const edge of result.edges) {
    const totals = inbound.get(edge.destination) ?? { succeeded: 0, failed: 0 };
    totals.succeeded += edge.succeeded;
    totals.failed += edge.failed;
    inbound.set(edge.destination, totals);
  }
  const sources = [...new Set(result.edges.map((e) => e.source).filter((name) => !serviceNames.has(name)))];
  const nodes: GraphNode[] = [
    ...sources.map((name): GraphNode => {
      const calls = result.edges.filter((e) => e.source === name).reduce((n, e) => n + e.calls, 0);
      return {
        id: name,
        kind: 'source',
        details: [`traffic source · ${fixed(ratePerSecond(calls, durationMs), 1)} req/s`],
        errorRatio: null,
      };
    }),
    ...result.services.map((service): GraphNode => {
      const totals = inbound.get(service.name);
      return {
        id: service.name,
        kind: 'service',
        details: [
          `${count(service.instances)} instance${service.instances === 1 ? '' : 's'}` +
            (service.pendingPods > 0 ? ` (+${count(service.pendingPods)} Pending)` : '') +
            ` · ${percent(service.utilisation, 0)} % busy`,
          service.latency.count > 0 ? `p99 ${ms(service.latency.p99Ms)} ms` : 'no completed request',
        ],
        errorRatio: totals === undefined ? null : errorRatio(totals.succeeded, totals.failed),
      };
    }),
  ];
  return {
    errorBands: ERROR_BANDS.filter((band) => Number.isFinite(band.upTo)).map((band) => band.upTo),
    nodes,
    edges: result.edges.map((edge) => {
      const ratio = errorRatio(edge.succeeded, edge.failed);
      const rate = ratePerSecond(edge.calls, durationMs);
      return {
        source: edge.source,
        destination: edge.destination,
        rateRps: chartNumber(rate) ?? 0,
        errorRatio: ratio === null ? null : chartNumber(ratio),
        label:
          `${edgeName(edge)}: ${fixed(rate, 1)} req/s, ` +
          (ratio === null ? 'no completed call' : `${percent(ratio, 2)} % failed`) +
          (edge.latency.count > 0 ? `, p99 ${ms(edge.latency.p99Ms)} ms` : '') +
          (edge.mtls ? ', mTLS' : ''),
      };
    }),
  };
}
