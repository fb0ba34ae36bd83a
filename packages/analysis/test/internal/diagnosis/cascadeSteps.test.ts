// The cascade on hand-made series (1 s intervals): a service joins as saturated when its utilisation stays at or above
// 95 % averaged over 5 s (a busy second is noise), never in the reference window of a run with triggers — a service
// saturated there is listed apart, as the state the triggers found — and, without triggers, from the start of the run.

import type { EdgeSeries, ServiceSeries, SimulationResult } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { DIAGNOSIS_THRESHOLDS } from '../../../src/index.js';
import { cascadeSteps } from '../../../src/internal/diagnosis/cascadeSteps.js';

const LENGTH = 60;

function service(name: string, utilisation: (i: number) => number): ServiceSeries {
  const zeros = Array.from({ length: LENGTH }, () => 0);
  return {
    name,
    utilisation: Array.from({ length: LENGTH }, (_, i) => utilisation(i)),
    queueLength: zeros,
    completed: zeros,
    rejected: zeros,
  };
}

/** 100 calls a second from `source` to `destination`, `failed(i)` of them failed in interval i. */
function edge(source: string, destination: string, failed: (i: number) => number = () => 0): EdgeSeries {
  const zeros = Array.from({ length: LENGTH }, () => 0);
  return {
    source,
    destination,
    calls: Array.from({ length: LENGTH }, () => 100),
    succeeded: Array.from({ length: LENGTH }, (_, i) => 100 - failed(i)),
    failed: Array.from({ length: LENGTH }, (_, i) => failed(i)),
    retries: zeros,
    p50Ms: zeros,
    p99Ms: zeros,
    goodput: Array.from({ length: LENGTH }, (_, i) => 100 - failed(i)),
  };
}

/** A result holding only the time series the cascade reads. */
function run(services: ServiceSeries[], edges: EdgeSeries[]): SimulationResult {
  const timeSeries = {
    intervalMs: 1000,
    startMs: Array.from({ length: LENGTH }, (_, i) => i * 1000),
    services,
    edges,
  };
  return { timeSeries } as unknown as SimulationResult;
}

const DEPTHS = new Map([
  ['api', 1],
  ['db', 2],
]);

/** The cascade of a run without triggers (reference: the first 5 s). */
function untriggered(result: SimulationResult): ReturnType<typeof cascadeSteps> {
  return cascadeSteps(result, DEPTHS, { fromMs: 0, toMs: 5000 }, false, DIAGNOSIS_THRESHOLDS);
}

/** The cascade of a run whose first trigger starts at 20 s. */
function triggered(result: SimulationResult): ReturnType<typeof cascadeSteps> {
  return cascadeSteps(result, DEPTHS, { fromMs: 0, toMs: 20_000 }, true, DIAGNOSIS_THRESHOLDS);
}

describe('cascadeSteps', () => {
  it('sees no saturation in single busy seconds of a stable queue', () => {
    // 80 % busy, with a second at 97 % every 7 s.
    const busy = service('api', (i) => (i % 7 === 3 ? 0.97 : 0.8));
    const result = run([busy], [edge('client', 'api')]);
    expect(untriggered(result).steps).toEqual([]);
    expect(triggered(result).steps).toEqual([]);
  });

  it('says a service is saturated from the first of 5 s averaging at least 95 %', () => {
    const result = run([service('api', (i) => (i >= 30 ? 0.99 : 0.5))], [edge('client', 'api')]);
    expect(untriggered(result).steps).toEqual([
      { service: 'api', atMs: 30_000, depth: 1, signal: 'saturated' },
    ]);
    // A saturation that starts less than 5 s before the end is not one yet.
    const late = run([service('api', (i) => (i >= 57 ? 1 : 0.5))], [edge('client', 'api')]);
    expect(untriggered(late).steps).toEqual([]);
  });

  it('without triggers, reports a service saturated from the start as a step at 0 s', () => {
    const result = run([service('api', () => 1)], [edge('client', 'api')]);
    expect(untriggered(result)).toEqual({
      steps: [{ service: 'api', atMs: 0, depth: 1, signal: 'saturated' }],
      saturatedBefore: [],
    });
  });

  it('with triggers, looks for steps from the first trigger on, never in the reference window', () => {
    // db fails a burst of calls at 5 s and saturates for 6 s at 8 s, both before the trigger at 20 s; api fails at 22 s.
    const db = service('db', (i) => (i >= 8 && i < 14 ? 1 : 0.3));
    const api = service('api', () => 0.3);
    const result = run(
      [api, db],
      [edge('client', 'api', (i) => (i >= 22 ? 50 : 0)), edge('api', 'db', (i) => (i === 5 ? 50 : 0))],
    );
    expect(triggered(result).steps).toEqual([{ service: 'api', atMs: 22_000, depth: 1, signal: 'failing' }]);
  });

  it('with triggers, lists a service saturated before the first one apart, not as a step', () => {
    const result = run(
      [service('api', () => 0.3), service('db', () => 0.97)],
      [edge('client', 'api'), edge('api', 'db')],
    );
    expect(triggered(result)).toEqual({ steps: [], saturatedBefore: [{ service: 'db', utilisation: 0.97 }] });
  });
});
