import { describe, expect, it } from 'vitest';

import { renderTimeline } from '../../src/internal/renderTimeline.js';
import { makeEmptyResult, makeResult } from '../__helpers__/fixtures.js';

describe('renderTimeline', () => {
  it('aggregates the per-second series into at most 15 rows with units in the headers', () => {
    const text = renderTimeline(makeResult());
    expect(text).toContain('0–5');
    expect(text).toContain('offered (req/s)');
    expect(text).toContain('success (%)');
    expect(text.split('\n').length).toBeLessThanOrEqual(15 + 3);
  });

  it('is empty for a result without a time series, and never prints NaN', () => {
    const empty = makeEmptyResult();
    expect(renderTimeline({ ...empty, timeSeries: { ...empty.timeSeries, startMs: [] } })).toBe('');
    expect(renderTimeline(empty)).not.toMatch(/NaN|undefined/);
  });
});
