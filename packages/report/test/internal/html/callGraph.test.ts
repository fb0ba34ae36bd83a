import { describe, expect, it } from 'vitest';

import { callGraph } from '../../../src/internal/html/callGraph.js';
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
});
