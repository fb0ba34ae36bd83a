// The comparison's two rows that a retry storm on one route hides — retries per call over every edge, peak attempts
// per request at a call depth — each come with the worst edge's own figure, named, in text, JSON and CSV.

import { simulate } from '@meshsim/mesh';
import { resolveScenario } from '@meshsim/scenario';
import { diagnose } from '@meshsim/analysis';
import { describe, expect, it } from 'vitest';

import {
  renderComparisonCsv,
  renderComparisonJson,
  renderComparisonText,
  summarizeComparison,
} from '../src/index.js';
import { makeResult } from './__helpers__/fixtures.js';

/** A metric row of the comparison text, its cells split on runs of spaces. */
function row(text: string, metric: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith(`${metric}  `));
  if (line === undefined) throw new Error(`no row ${metric} in\n${text}`);
  return line
    .slice(metric.length)
    .trim()
    .split(/\s{2,}/);
}

describe('the worst edge beside the all-edge retry rows', () => {
  it("names the edge that retried most, with its retries per call, beside the run's retries per call", () => {
    // The fixture: client → frontend retried 0 of 8,000 calls, frontend → checkout 1,510 of 7,995.
    const summary = summarizeComparison([makeResult()]);
    const [shape] = summary.shapes;
    expect(shape?.worstRetryEdge).toBe('frontend → checkout');
    expect(shape?.worstEdgeRetryRatio).toBeCloseTo(1510 / 7995, 9);
    const text = renderComparisonText(summary);
    expect(row(text, 'retries per call (%)')).toEqual(['9.44']);
    expect(row(text, 'worst edge retries per call (%)')).toEqual(['18.89 (frontend → checkout)']);
    const json = JSON.parse(renderComparisonJson(summary)) as { shapes: Record<string, unknown>[] };
    expect(json.shapes[0]?.['worstEdgeRetryRatio']).toBe(0.188868);
    expect(json.shapes[0]?.['worstRetryEdge']).toBe('frontend → checkout');
    const [header, values] = renderComparisonCsv(summary).split('\n');
    const columns = header?.split(',') ?? [];
    const cells = values?.split(',') ?? [];
    expect(cells[columns.indexOf('worst_edge_retries_per_call_ratio')]).toBe('0.188868');
    expect(cells[columns.indexOf('worst_retry_edge')]).toBe('frontend → checkout');
  });

  it('gives the edge with the most attempts per call during the triggers, which the per-depth peak dilutes', () => {
    const config = resolveScenario({
      duration: '40s',
      mesh: 'none',
      services: {
        gateway: {
          replicas: 2,
          concurrency: 64,
          serviceTime: '1ms',
          calls: [
            { to: 'orders', forClasses: ['orders'] },
            { to: 'catalog', forClasses: ['catalog'] },
          ],
        },
        orders: {
          replicas: 2,
          concurrency: 64,
          serviceTime: '1ms',
          calls: [{ to: 'orders-db', timeout: '2s', retry: { attempts: 3, perTryTimeout: '300ms' } }],
        },
        'orders-db': { replicas: 2, concurrency: 64, serviceTime: '2ms' },
        catalog: { replicas: 2, concurrency: 64, serviceTime: '2ms' },
      },
      traffic: [
        { name: 'orders-users', to: 'gateway', rate: 100, requestClass: 'orders' },
        { name: 'catalog-users', to: 'gateway', rate: 400, requestClass: 'catalog' },
      ],
      faults: [{ at: '10s', for: '10s', service: 'orders-db', latency: '+500ms' }],
    });
    const result = simulate(config);
    const summary = summarizeComparison([result], { diagnoses: [diagnose(config, result)] });
    const text = renderComparisonText(summary);
    expect(row(text, 'peak attempts during triggers (per request)')).toEqual(['1.00']);
    const [edge] = row(text, 'peak attempts on one edge during triggers (per call)');
    expect(edge).toMatch(/^[23]\.\d\d \(orders → orders-db\)$/);
    const json = JSON.parse(renderComparisonJson(summary)) as { shapes: Record<string, unknown>[] };
    expect(json.shapes[0]?.['peakAttemptsEdge']).toBe('orders → orders-db');
    expect(json.shapes[0]?.['peakEdgeAttemptsPerCall']).toBeGreaterThan(2);
  });
});
