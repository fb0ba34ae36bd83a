// The HTML of one chart: a focusable figure with its heading and caption; the browser script draws the
// chart of the same id into it from the embedded data.

import { escapeHtml } from './escapeHtml.js';
import type { ChartFigure } from './ReportData.js';

/** How many marks the chart draws: lines of a line chart, bars (values that exist) of a bar chart. */
export function expectedMarks(figure: ChartFigure): number {
  const { spec } = figure;
  if (spec.kind === 'lines') return spec.series.length;
  return spec.series.reduce((n, series) => n + series.values.filter((value) => value !== null).length, 0);
}

/**
 * The figure of `figure`: `data-chart` names its spec, `data-marks` says how many lines or bars it
 * must draw (the browser tests check it); arrow keys move a readout over the points (browser script).
 */
export function chartFigure(figure: ChartFigure): string {
  const id = escapeHtml(figure.spec.id);
  return (
    `<figure class="chart chart-${figure.spec.kind}" data-chart="${id}" data-kind="${figure.spec.kind}" ` +
    `data-marks="${expectedMarks(figure)}" tabindex="0" aria-labelledby="chart-${id}-title" ` +
    `aria-describedby="chart-${id}-caption">\n` +
    `<h3 id="chart-${id}-title">${escapeHtml(figure.title)}</h3>\n` +
    `<div class="plot"></div>\n` +
    `<figcaption id="chart-${id}-caption">${escapeHtml(figure.description)}</figcaption>\n` +
    `<p class="readout" aria-live="polite"></p>\n` +
    `</figure>`
  );
}

/** Several figures in a responsive grid. */
export function chartGrid(figures: readonly ChartFigure[]): string {
  return `<div class="charts">\n${figures.map(chartFigure).join('\n')}\n</div>`;
}
