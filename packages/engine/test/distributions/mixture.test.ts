import { describe, expect, it } from 'vitest';
import { constant, exponential, mixture } from '../../src/index.js';
import type { Sampler } from '../../src/index.js';
import {
  draw,
  expectDeterministic,
  expectMean,
  expectRangeError,
  expectWithin,
  fixedStream,
  stream,
} from './stats.js';

describe('mixture', () => {
  it('mixture rejects empty components, bad weights, a zero total and a missing sampler, naming the field and value', () => {
    const r = stream('v');
    const one = constant(1);
    expectRangeError(() => mixture([], r), 'mixture.components must not be empty (got [])');
    expectRangeError(
      () =>
        mixture(
          [
            { weight: 1, sampler: one },
            { weight: -1, sampler: one },
          ],
          r,
        ),
      'mixture.components[1].weight must be >= 0 (got -1)',
    );
    expectRangeError(
      () => mixture([{ weight: NaN, sampler: one }], r),
      'mixture.components[0].weight must be a finite number (got NaN)',
    );
    expectRangeError(
      () => mixture([{ weight: 0, sampler: one }], r),
      'mixture.components total weight must be a finite number > 0 (got 0)',
    );
    expectRangeError(
      () => mixture([{ weight: 1, sampler: undefined as unknown as Sampler }], r),
      'mixture.components[0].sampler must be a function (got undefined)',
    );
  });

  it('mixture respects weights: components drawn with probability weight/total, zero weights never', () => {
    const components = [
      { weight: 1, sampler: constant(1) },
      { weight: 3, sampler: constant(2) },
      { weight: 0, sampler: constant(3) },
      { weight: 0.5, sampler: constant(4) },
    ];
    const n = 300_000;
    const xs = draw(mixture(components, stream('mixture/weights')), n);
    for (const c of components) {
      const p = c.weight / 4.5;
      const value = c.sampler();
      const frequency = xs.filter((x) => x === value).length / n;
      expectWithin(frequency, p, Math.sqrt((p * (1 - p)) / n) || 1e-12, `frequency of component ${value}`);
    }
  });

  it('mixture never picks a zero-weight component, even when u lands exactly on a cumulative edge', () => {
    const components = [
      { weight: 0, sampler: constant(0) },
      { weight: 1, sampler: constant(1) },
      { weight: 0, sampler: constant(2) },
      { weight: 1, sampler: constant(3) },
    ];
    expect(Array.from(draw(mixture(components, fixedStream(0, 0.5, 0.999)), 3))).toEqual([1, 3, 3]);
  });

  it('mixture of exponentials has the weighted mean of its components', () => {
    const r = stream('mixture/mean');
    const sampler = mixture(
      [
        { weight: 0.9, sampler: exponential(5, r) },
        { weight: 0.1, sampler: exponential(100, r) },
      ],
      r,
    );
    const xs = draw(sampler, 1_000_000);
    const m = 0.9 * 5 + 0.1 * 100;
    // E[X²] = Σ w·2·mean² for exponentials.
    const secondMoment = 0.9 * 2 * 25 + 0.1 * 2 * 10_000;
    expectMean(xs, m, Math.sqrt(secondMoment - m * m));
  });

  it('mixture is deterministic given the stream', () => {
    expectDeterministic((r) =>
      mixture(
        [
          { weight: 2, sampler: exponential(1, r) },
          { weight: 1, sampler: exponential(10, r) },
        ],
        r,
      ),
    );
  });
});
