import { describe, expect, it } from 'vitest';

import { intervalRows } from '../../src/columns/intervalRows.js';
import { makeResult } from '../__helpers__/fixtures.js';

describe('intervalRows', () => {
  it('intervalRows(result, series) gives a row per interval per series, series first, the last one capped', () => {
    const result = makeResult();
    result.scenario.durationMs = 8000;
    const rows = intervalRows(result, ['a', 'b']);
    expect(rows.map((r) => [r.series, r.index, r.startMs, r.endMs])).toEqual([
      ['a', 0, 0, 5000],
      ['a', 1, 5000, 8000],
      ['b', 0, 0, 5000],
      ['b', 1, 5000, 8000],
    ]);
  });
});
