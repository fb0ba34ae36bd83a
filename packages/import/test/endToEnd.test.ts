// End to end: import a topology and its Istio or Linkerd configuration, load the scenario file and
// simulate it.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { simulate } from '@meshsim/mesh';
import { applyOverrides, loadScenarioFile } from '@meshsim/scenario';

import { importScenario } from '../src/index.js';
import { fixture, tempTree } from './__helpers__/fixtures.js';

function importAndRun(inputs: string[], graph?: string) {
  const { scenario } = importScenario(
    inputs.map((input) => fixture(input)),
    graph === undefined ? {} : { graph: fixture(graph) },
  );
  const dir = tempTree({});
  const file = join(dir, 'imported.yaml');
  writeFileSync(file, scenario);
  const config = applyOverrides(loadScenarioFile(file), { durationMs: 3000 });
  return { config, result: simulate(config) };
}

describe('imported scenarios run', () => {
  it('the Istio shop: every imported policy reaches the model and the run conserves requests', () => {
    const { config, result } = importAndRun(['shop/k8s', 'shop/istio'], 'shop/graph.yaml');
    expect(config.mesh.shape).toBe('istio-sidecar');
    const reviews = config.services.find((s) => s.name === 'reviews');
    expect(reviews?.versions?.map((v) => [v.name, v.replicas, v.weight])).toEqual([
      ['v1', 2, 90],
      ['v2', 1, 10],
    ]);
    expect(result.conservation.holds).toBe(true);
    const edges = result.edges.map((edge) => `${edge.source} → ${edge.destination}`);
    expect(edges).toEqual(
      expect.arrayContaining(['shoppers → frontend', 'frontend → reviews', 'cart → payments']),
    );
    const entry = result.edges.find((edge) => edge.source === 'shoppers');
    expect(entry?.successRate).toBeGreaterThan(0.9);
    // The containers' CPU reaches the model: frontend's limit is a quota on nodes of the fragment's 4 cores.
    const frontend = config.services.find((s) => s.name === 'frontend');
    expect([frontend?.cpuRequestCores, frontend?.cpuLimitCores]).toEqual([0.25, 1]);
    // Its container's readiness probe (an httpGet with Kubernetes' defaults) reaches the model with those defaults.
    expect(frontend?.readinessProbe).toEqual({
      initialDelayMs: 0,
      periodMs: 10_000,
      failureThreshold: 3,
      successThreshold: 1,
    });
    expect(config.clusters.every((cluster) => cluster.nodeCpu === 4)).toBe(true);
    expect(result.nodes.length).toBeGreaterThan(0);
  });

  it('the Linkerd books demo and the isotope graph run too', () => {
    const books = importAndRun(
      ['books/booksapp.yaml', 'books/linkerd.yaml', 'books/nodes.yaml'],
      'books/graph.yaml',
    );
    expect(books.config.mesh.shape).toBe('linkerd');
    // Its Nodes make the cluster: two schedulable m5.large workers of 1930m allocatable each.
    expect(books.config.clusters.map((c) => [c.zones.map((z) => z.nodes), c.nodeCpu])).toEqual([
      [[1, 1], 1.93],
    ]);
    expect(books.result.nodes.map((n) => n.cores)).toEqual([1.93, 1.93]);
    expect(books.result.conservation.holds).toBe(true);
    const isotope = importAndRun(['isotope/shop-graph.yaml']);
    expect(isotope.result.edges.some((edge) => edge.destination === 'db')).toBe(true);
  });

  it('the same inputs give byte-identical results', () => {
    const first = importAndRun(['shop/k8s', 'shop/istio'], 'shop/graph.yaml');
    const second = importAndRun(['shop/k8s', 'shop/istio'], 'shop/graph.yaml');
    expect(JSON.stringify(second.result)).toBe(JSON.stringify(first.result));
  });
});
