// The value axis of a bar chart: 0 always on it, and a real span (0 to 1) when every value is 0 or missing.

import { describe, expect, it } from 'vitest';

import { barChart, barValueDomain } from '../../../src/internal/html/barChart.js';

describe('barValueDomain', () => {
  it('spans 0 to 1 when every value is 0 or missing, so zeros are bars of height 0 on normal ticks', () => {
    expect(barValueDomain([{ name: 'degraded', values: [0, 0, 0] }])).toEqual([0, 1]);
    expect(
      barValueDomain([
        { name: 'a', values: [0, null] },
        { name: 'b', values: [null, 0] },
      ]),
    ).toEqual([0, 1]);
    expect(barValueDomain([{ name: 'a', values: [null, null] }])).toEqual([0, 1]);
    expect(barValueDomain([])).toEqual([0, 1]);
  });

  it('spans from 0 to the values when they are all equal, and from the lowest to the highest otherwise', () => {
    expect(barValueDomain([{ name: 'a', values: [5, 5] }])).toEqual([0, 5]);
    expect(barValueDomain([{ name: 'a', values: [-2, -2] }])).toEqual([-2, 0]);
    expect(
      barValueDomain([
        { name: 'p50', values: [0, 3] },
        { name: 'p99', values: [-1, 12] },
      ]),
    ).toEqual([-1, 12]);
  });

  it('holds the whiskers: each value ± its CI half-width', () => {
    expect(barValueDomain([{ name: 'p99', values: [0, 2, 5], errors: [null, 18.75, 1] }])).toEqual([
      -16.75, 20.75,
    ]);
    expect(barValueDomain([{ name: 'a', values: [0, 0], errors: [0, 0.5] }])).toEqual([-0.5, 0.5]);
  });

  it('ignores values that are not finite', () => {
    expect(barValueDomain([{ name: 'a', values: [Number.NaN, Infinity, 0] }])).toEqual([0, 1]);
  });
});

describe('barChart', () => {
  it('puts the domain in the spec', () => {
    expect(
      barChart('blast-radius', 'degraded (service-s)', ['none', 'linkerd'], [{ name: 'd', values: [0, 0] }]),
    ).toEqual({
      kind: 'bars',
      id: 'blast-radius',
      yLabel: 'degraded (service-s)',
      categories: ['none', 'linkerd'],
      series: [{ name: 'd', values: [0, 0] }],
      valueDomain: [0, 1],
    });
  });
});
