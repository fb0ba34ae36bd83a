// summarizeComparison's node figures: a node whose pods request more CPU than it has counts as over-requested
// (Kubernetes would leave pods Pending there); without node sizes the figure is null, not 0.

import { describe, expect, it } from 'vitest';

import { summarizeComparison } from '../src/index.js';
import { makePricedResult, makeResult } from './__helpers__/fixtures.js';

describe('summarizeComparison: nodes over-requested', () => {
  it('counts the nodes whose pods request more than their cores', () => {
    const result = makePricedResult();
    expect(summarizeComparison([result]).shapes[0]?.overRequestedNodes).toBe(0);
    const crowded = makePricedResult();
    const node = crowded.nodes[1];
    if (node === undefined) throw new Error('fixture has two nodes');
    node.cpuRequestedCores = node.cores + 0.001;
    expect(summarizeComparison([crowded]).shapes[0]?.overRequestedNodes).toBe(1);
    // Exactly full is not over.
    node.cpuRequestedCores = node.cores;
    expect(summarizeComparison([crowded]).shapes[0]?.overRequestedNodes).toBe(0);
  });

  it('is null when the nodes have no size (none listed)', () => {
    expect(makeResult().nodes).toEqual([]);
    expect(summarizeComparison([makeResult()]).shapes[0]?.overRequestedNodes).toBeNull();
  });
});
