// Cascade steps of services that lost pods to a node crash active at their time carry what they lost; others do not.

import { describe, expect, it } from 'vitest';

import type { CascadeStep, Trigger } from '../../../src/index.js';
import { attributeNodeCrashes } from '../../../src/internal/diagnosis/attributeNodeCrashes.js';

const CRASH: Trigger = {
  kind: 'fault',
  description:
    'crash-node fault on backend (1 instance): node n1 down with backend 1 of 4 pods, frontend 1 of 2 pods',
  origin: "backend's node n1 down (crash-node fault, 1 instance)",
  startMs: 10_000,
  endMs: 20_000,
  nodeCrash: {
    fault: 0,
    atMs: 10_000,
    service: 'backend',
    reachable: false,
    nodes: ['n1'],
    services: [
      { service: 'backend', pods: 1, of: 4 },
      { service: 'frontend', pods: 1, of: 2 },
    ],
    sidecars: 2,
    proxies: [],
  },
};

const step = (service: string, atMs: number): CascadeStep => ({ service, atMs, depth: 1, signal: 'failing' });

describe('attributeNodeCrashes', () => {
  it('marks the services with pods on the crashed node while it is down, and no other step', () => {
    const steps = attributeNodeCrashes(
      [step('backend', 10_000), step('frontend', 11_000), step('cart', 11_000), step('frontend', 20_000)],
      [CRASH],
    );
    expect(steps.map((s) => s.lostPods)).toEqual([
      { pods: 1, of: 4, nodes: ['n1'] },
      { pods: 1, of: 2, nodes: ['n1'] },
      undefined,
      // After the node is back: a failure of its own.
      undefined,
    ]);
  });

  it('leaves the steps as they are without a node crash', () => {
    const steps = [step('frontend', 11_000)];
    const { nodeCrash: _, ...fault } = CRASH;
    expect(attributeNodeCrashes(steps, [fault])).toEqual(steps);
  });
});
