// One rule for every duration meshsim prints — a verdict's reason, a recovery cell, a trigger's span, a compare row —
// so that the same recovery never reads `0 s` in one place and `0 ms` in another, nor a row or column of durations `0 ms`
// beside `1 s`.

import { describe, expect, it } from 'vitest';

import { formatDuration } from '../../src/index.js';

describe('formatDuration', () => {
  it('writes zero as 0 s, below a second in ms, then seconds to the ms, whole minutes from 10 min, whole hours', () => {
    expect(
      [0, 0.25, 850, 1000, 1500, 1234.5678, 90_000, 599_000, 600_000, 630_500, 900_000, 7_200_000].map(
        formatDuration,
      ),
    ).toEqual([
      '0 s',
      '0.25 ms',
      '850 ms',
      '1 s',
      '1.5 s',
      '1.235 s',
      '90 s',
      '599 s',
      '10 min',
      '630.5 s',
      '15 min',
      '2 h',
    ]);
  });

  it('keeps the sign of a negative duration and never prints -0; – when not finite', () => {
    expect([-50_000, -0, -0.0001, Infinity, Number.NaN].map(formatDuration)).toEqual([
      '-50 s',
      '0 s',
      '0 s',
      '–',
      '–',
    ]);
  });
});
