// The call graph of a run for the HTML report: traffic sources and services as nodes, caller → callee
// edges with their rate and error ratio (the browser script lays it out with dagre and draws it), capped to a
// size dagre lays out in about a second.

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

/**
 * The most nodes and edges the page lays out. dagre's layout time grows much faster than the graph: measured in
 * Node on generated call graphs, 150 nodes with 229 edges took about 0.3 s, 320 nodes with 740 edges 5 s, 420
 * nodes 14 s, and 520 nodes did not finish; a 10,000-service chain overflows its stack.
 */
export const GRAPH_LAYOUT_LIMITS = { nodes: 150, edges: 300 } as const;

/** The graph the page draws and, when it is capped, how much of the run's graph it leaves out. */
export interface CappedGraph {
  graph: GraphSpec;
  /** The run's whole graph's size when `graph` is a part of it; null when it is the whole graph. */
  whole: { nodes: number; edges: number } | null;
}

/**
 * `graph` within `limits`: when it has more nodes or edges, its busiest nodes (by calls per second into a service,
 * out of a traffic source; ties in graph order) and, among the edges between them, the busiest (by rate), in the
 * graph's order.
 */
export function capGraph(
  graph: GraphSpec,
  limits: { nodes: number; edges: number } = GRAPH_LAYOUT_LIMITS,
): CappedGraph {
  if (graph.nodes.length <= limits.nodes && graph.edges.length <= limits.edges) return { graph, whole: null };
  const traffic = new Map<string, number>();
  const add = (id: string, rate: number): void => {
    traffic.set(id, (traffic.get(id) ?? 0) + rate);
  };
  const kinds = new Map(graph.nodes.map((node) => [node.id, node.kind]));
  for (const edge of graph.edges) {
    add(edge.destination, edge.rateRps);
    if (kinds.get(edge.source) === 'source') add(edge.source, edge.rateRps);
  }
  const ranked = graph.nodes
    .map((node, index) => ({ index, rate: traffic.get(node.id) ?? 0 }))
    .sort((a, b) => b.rate - a.rate || a.index - b.index)
    .slice(0, limits.nodes);
  const kept = new Set(ranked.map((entry) => entry.index));
  const nodes = graph.nodes.filter((_, index) => kept.has(index));
  const ids = new Set(nodes.map((node) => node.id));
  const between = graph.edges
    .map((edge, index) => ({ edge, index }))
    .filter(({ edge }) => ids.has(edge.source) && ids.has(edge.destination));
  const keptEdges = new Set(
    [...between]
      .sort((a, b) => b.edge.rateRps - a.edge.rateRps || a.index - b.index)
      .slice(0, limits.edges)
      .map((entry) => entry.index),
  );
  return {
    graph: { ...graph, nodes, edges: graph.edges.filter((_, index) => keptEdges.has(index)) },
    whole: { nodes: graph.nodes.length, edges: graph.edges.length },
  };
}
