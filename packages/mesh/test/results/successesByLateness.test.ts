// A traffic source's entry edge series holds its successes by offered interval and lateness (what the diagnosis
// counts a slow source's goodput by); inner edges hold none.

import { describe, expect, it } from 'vitest';

import { simulate } from '../../src/index.js';
import { call, config, poisson, service } from '../__helpers__/configs.js';

describe('EdgeSeries.successesByLateness', () => {
  const result = simulate(
    config(
      [
        service('api', { concurrency: 1000, calls: [[call('slow')]] }),
        service('slow', {
          concurrency: 1000,
          serviceTimeMs: { kind: 'constant', value: 2500 },
        }),
      ],
      [poisson('api', 20)],
      { durationMs: 30_000 },
    ),
  );
  const entry = result.timeSeries.edges.find((e) => e.source === 'client' && e.destination === 'api');
  const inner = result.timeSeries.edges.find((e) => e.source === 'api' && e.destination === 'slow');

  it('is on the entry edge only, one entry per interval', () => {
    expect(inner?.successesByLateness).toBeUndefined();
    expect(entry?.successesByLateness).toHaveLength(result.timeSeries.startMs.length);
  });

  it('counts each success once, completed in interval offered + lateness (calls of 2.5 s: 2 or 3 late)', () => {
    const completed = new Array<number>(result.timeSeries.startMs.length).fill(0);
    (entry?.successesByLateness ?? []).forEach((counts, offered) =>
      counts.forEach((count, lateness) => {
        if (count > 0) expect([2, 3]).toContain(lateness);
        completed[offered + lateness] = (completed[offered + lateness] ?? 0) + count;
      }),
    );
    expect(completed).toEqual(entry?.succeeded);
    expect(entry?.succeeded.reduce((a, b) => a + b, 0)).toBeGreaterThan(400);
  });
});
