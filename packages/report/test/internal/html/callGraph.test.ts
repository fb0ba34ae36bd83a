import { describe, expect, it } from 'vitest';

import { GRAPH_LAYOUT_LIMITS, callGraph, capGraph } from '../../../src/internal/html/callGraph.js';
import type { GraphSpec } from '../../../src/internal/html/ReportData.js';
import { makePricedResult, makeResult } from '../../__helpers__/fixtures.js';

describe('callGraph', () => {
  it('has the traffic sources and services as nodes, every edge with its rate and error ratio', () => {
    const graph = callGraph(makeResult());
    expect(graph.nodes.map((node) => [node.id, node.kind])).toEqual([
      ['client', 'source'],
      ['frontend', 'service'],
      ['checkout', 'service'],
    ]);
    expect(graph.edges.map((edge) => [edge.source, edge.destination, edge.rateRps])).toEqual([
      ['client', 'frontend', 800],
      ['frontend', 'checkout', 799.5],
    ]);
    expect(graph.edges[0]?.errorRatio).toBeCloseTo(95 / 7995, 4);
    expect(graph.edges[0]?.label).toContain('client → frontend: 800.0 req/s, 1.19 % failed');
    expect(graph.errorBands).toEqual([0.001, 0.01, 0.1]);
  });

  it("counts a service's running instances and names its Pending pods beside them", () => {
    const details = (id: string) =>
      callGraph(makePricedResult()).nodes.find((node) => node.id === id)?.details[0];
    expect(details('frontend')).toMatch(/^3 instances · \d+ % busy$/);
    // The priced fixture's checkout runs 2 pods, 1 more is Pending.
    expect(details('checkout')).toMatch(/^2 instances \(\+1 Pending\) · \d+ % busy$/);
  });

  it('leaves a graph within the layout limits whole', () => {
    const graph = callGraph(makeResult());
    expect(capGraph(graph)).toEqual({ graph, whole: null });
  });

  it('keeps the busiest nodes and the busiest edges between them of a graph beyond the limits', () => {
    // client → s0 → s1 → … → s9999: every service receives 10 req/s, but s1 and s2 also 50 req/s from s0.
    const node = (id: string, kind: 'service' | 'source' = 'service') => ({
      id,
      kind,
      details: [],
      errorRatio: null,
    });
    const edge = (source: string, destination: string, rateRps: number) => ({
      source,
      destination,
      rateRps,
      errorRatio: null,
      label: '',
    });
    const names = Array.from({ length: 10_000 }, (_, i) => `s${i}`);
    const graph: GraphSpec = {
      errorBands: [],
      nodes: [node('client', 'source'), ...names.map((name) => node(name))],
      edges: [
        edge('client', 's0', 10),
        ...names.slice(1).map((name, i) => edge(names[i] as string, name, 10)),
        edge('s0', 's2', 50),
        edge('s0', 's1', 50),
      ],
    };
    const { graph: drawn, whole } = capGraph(graph);
    expect(whole).toEqual({ nodes: 10_001, edges: 10_002 });
    expect(drawn.nodes).toHaveLength(GRAPH_LAYOUT_LIMITS.nodes);
    expect(drawn.nodes.slice(0, 4).map((n) => n.id)).toEqual(['client', 's0', 's1', 's2']);
    expect(drawn.edges.length).toBeLessThanOrEqual(GRAPH_LAYOUT_LIMITS.edges);
    const ids = new Set(drawn.nodes.map((n) => n.id));
    for (const e of drawn.edges) expect(ids.has(e.source) && ids.has(e.destination)).toBe(true);
    // Too many edges between the nodes kept: the busiest stay.
    const few = capGraph(graph, { nodes: 4, edges: 2 });
    expect(few.graph.edges.map((e) => `${e.source}>${e.destination}`)).toEqual(['s0>s2', 's0>s1']);
  });
});
