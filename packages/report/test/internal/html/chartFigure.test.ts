// A chart that would draw nothing (bars of only 0s, lines with no value, or only 0s with no fixed top) is a sentence
// in the page, not an empty frame, and its spec stays out of the page's data.

import { describe, expect, it } from 'vitest';

import { barChart } from '../../../src/internal/html/barChart.js';
import {
  NOTHING_TO_DRAW,
  chartFigure,
  drawnSpecs,
  drawsNothing,
} from '../../../src/internal/html/chartFigure.js';
import type { ChartFigure, LineChartSpec } from '../../../src/internal/html/ReportData.js';

function lines(values: (number | null)[], yMax?: number): LineChartSpec {
  return {
    kind: 'lines',
    id: 'l',
    yLabel: 'req/s',
    timeS: values.map((_, i) => i),
    endS: values.length,
    series: [{ name: 'a', values }],
    ...(yMax !== undefined && { yMax }),
  };
}

describe('drawsNothing', () => {
  it('is true for bars of only 0s or missing values, false when one bar has a height', () => {
    expect(drawsNothing(barChart('b', 'x', ['p', 'q'], [{ name: 'a', values: [0, null] }]))).toBe(true);
    expect(drawsNothing(barChart('b', 'x', ['p', 'q'], [{ name: 'a', values: [0, -0.5] }]))).toBe(false);
    // A mean of 0 with an interval around it is a whisker to draw.
    expect(
      drawsNothing(barChart('b', 'x', ['p', 'q'], [{ name: 'a', values: [0, 0], errors: [null, 0.3] }])),
    ).toBe(false);
  });

  it('is true for lines with no value, or only 0s on an axis without a fixed top', () => {
    expect(drawsNothing(lines([null, null]))).toBe(true);
    expect(drawsNothing(lines([0, 0]))).toBe(true);
    expect(drawsNothing(lines([0, 3]))).toBe(false);
    // 0 % success on its 0–100 axis is a reading, not nothing.
    expect(drawsNothing(lines([0, 0], 100))).toBe(false);
    expect(drawsNothing(lines([null, null], 100))).toBe(true);
  });
});

describe('chartFigure', () => {
  const blank: ChartFigure = {
    title: 'Blast radius',
    description: 'Service-seconds degraded.',
    spec: barChart('blast-radius', 'degraded (service-s)', ['none'], [{ name: 'd', values: [0] }]),
    empty: 'No service degraded under any shape.',
  };

  it('says the figure’s sentence instead of drawing an empty chart, heading and caption kept', () => {
    const html = chartFigure(blank);
    expect(html).toContain('<p class="empty">No service degraded under any shape.</p>');
    expect(html).toContain('<h3 id="chart-blast-radius-title">Blast radius</h3>');
    expect(html).toContain('Service-seconds degraded.</figcaption>');
    expect(html).not.toContain('data-chart=');
    const { empty: _, ...plain } = blank;
    expect(chartFigure(plain)).toContain(`<p class="empty">${NOTHING_TO_DRAW}</p>`);
  });

  it('leaves the specs of such charts out of the page’s data', () => {
    const drawn: ChartFigure = { title: 'Load', description: '', spec: lines([1, 2]) };
    expect(drawnSpecs([blank, drawn])).toEqual([drawn.spec]);
  });
});
