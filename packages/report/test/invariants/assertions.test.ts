// The invariant assertions catch what they are for: each one fails on a result or output that breaks it
// (so that the random-scenario shards, which only ever see them pass, test something).

import { simulate } from '@meshsim/mesh';
import { resolveScenario } from '@meshsim/scenario';
import { describe, expect, it } from 'vitest';

import {
  assertClockMonotonic,
  assertLegalTransitions,
  assertMonotonePercentiles,
  assertNumbersFiniteNonNegative,
  assertPodsPlaced,
  assertResultInvariants,
  assertRetriesBounded,
  assertUtilisationBounded,
} from '../../../mesh/test/__helpers__/assertions.js';
import { makePricedResult, makeResult, renderAll } from '../__helpers__/fixtures.js';
import { assertOutputsClean, assertSameOutputs } from '../__helpers__/outputInvariants.js';

describe('invariant assertions', () => {
  it('pass on a simulated result and its outputs', () => {
    const config = resolveScenario(
      {
        duration: '1s',
        services: {
          api: { serviceTime: '5ms', calls: [{ to: 'db', retry: { attempts: 2 } }] },
          db: { serviceTime: '1ms' },
        },
        traffic: [{ to: 'api', rate: 100 }],
      },
      'small.yaml',
    );
    const result = simulate(config);
    assertResultInvariants(result, 3);
    assertOutputsClean(renderAll(result));
    assertSameOutputs(renderAll(result), renderAll(simulate(config)));
  });

  it("fail on an edge whose application re-issued calls past its appRetry's attempts, counted per edge", () => {
    const config = resolveScenario(
      {
        duration: '1s',
        services: {
          api: {
            serviceTime: '1ms',
            calls: [{ to: 'db', appRetry: { attempts: 3, retryOn: ['5xx'] } }],
          },
          db: { serviceTime: '1ms', errorRate: 0.5 },
        },
        traffic: [{ to: 'api', rate: 100 }],
      },
      'app-retry.yaml',
    );
    const result = simulate(config);
    const edge = result.edges.find((e) => e.source === 'api' && e.destination === 'db');
    expect(edge?.policyEvents['app-retries']).toBeGreaterThan(0);
    assertResultInvariants(result, 1, { 'api->db': 3 });
    // The same run judged as if api had no appRetry on db (or one of 1 attempt): its re-issues break the bound.
    expect(() => assertRetriesBounded(result, 1, {})).toThrow();
    expect(() => assertRetriesBounded(result, 1, { 'api->db': 1 })).toThrow();
  });

  it('fail on a simulated clock that goes back or skips: interval starts out of order, apart by more than an interval, or past the end', () => {
    const result = makeResult();
    assertClockMonotonic(result);
    const back = makeResult();
    back.timeSeries.startMs = [0, 5000, 4000];
    expect(() => assertClockMonotonic(back)).toThrow();
    const skips = makeResult();
    skips.timeSeries.startMs = [0, 2 * skips.timeSeries.intervalMs + 1];
    expect(() => assertClockMonotonic(skips)).toThrow();
    const late = makeResult();
    late.timeSeries.startMs = [0, late.scenario.durationMs];
    late.timeSeries.intervalMs = late.scenario.durationMs;
    expect(() => assertClockMonotonic(late)).toThrow();
  });

  it('fail on percentiles out of order, a negative or infinite number, utilisation above 1', () => {
    const unordered = makeResult();
    const edge = unordered.edges.find((e) => e.latency.count > 0);
    if (edge === undefined) throw new Error('fixture has no latency');
    edge.latency.p99Ms = edge.latency.p50Ms - 1;
    expect(() => assertMonotonePercentiles(unordered)).toThrow();
    const negative = makeResult();
    (negative.edges[0] as { retries: number }).retries = -1;
    expect(() => assertNumbersFiniteNonNegative(negative)).toThrow();
    const infinite = makeResult();
    (infinite.services[0] as { utilisation: number }).utilisation = Infinity;
    expect(() => assertNumbersFiniteNonNegative(infinite)).toThrow();
    const busy = makeResult();
    (busy.services[0] as { utilisation: number }).utilisation = 1.5;
    expect(() => assertUtilisationBounded(busy)).toThrow();
  });

  it('fail on more pods on the nodes than instances, or a fractional pod count', () => {
    const crowded = makePricedResult();
    assertPodsPlaced(crowded);
    const node = crowded.nodes[0];
    if (node === undefined) throw new Error('fixture has no node');
    const instances = crowded.services.reduce((sum, service) => sum + service.instances, 0);
    node.pods = instances + 1;
    expect(() => assertPodsPlaced(crowded)).toThrow();
    node.pods = 0.5;
    expect(() => assertPodsPlaced(crowded)).toThrow();
  });

  it('fail on half-open probes without an opening, or ejections that do not add up by cause', () => {
    const probes = makeResult();
    (probes.edges[0] as { policyEvents: Record<string, number> }).policyEvents = {
      'breaker-half-open-probes': 1,
    };
    expect(() => assertLegalTransitions(probes)).toThrow();
    const ejections = makeResult();
    (ejections.edges[0] as { policyEvents: Record<string, number> }).policyEvents = {
      'outlier-ejections': 2,
      'outlier-ejections-consecutive-5xx': 1,
    };
    expect(() => assertLegalTransitions(ejections)).toThrow();
  });

  it('fail on NaN, Infinity or a negative number in an output, or outputs that differ', () => {
    expect(() => assertOutputsClean({ text: 'p99 NaN ms' })).toThrow();
    expect(() => assertOutputsClean({ csv: 'a,b\n1,-3\n' })).toThrow();
    expect(() => assertOutputsClean({ json: '{"x": Infinity}' })).toThrow();
    expect(() => assertOutputsClean({ om: 'm_bucket{le="+Inf"} 3\nrange 1-2 ms\n' })).not.toThrow();
    expect(() => assertSameOutputs({ text: 'a' }, { text: 'b' })).toThrow();
  });
});
