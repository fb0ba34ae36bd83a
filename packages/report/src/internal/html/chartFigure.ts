// The HTML of one chart: a focusable figure with its heading and caption; the browser script draws the
// chart of the same id into it from the embedded data. A chart that would draw nothing is a sentence instead.

import { escapeHtml } from './escapeHtml.js';
import type { ChartFigure, ChartSpec } from './ReportData.js';

/** What a chart that would draw nothing says, unless its figure says better (`ChartFigure.empty`). */
export const NOTHING_TO_DRAW = 'Nothing to draw: every value is 0 or missing.';

/**
 * True when the chart would draw nothing: a bar chart whose every value is 0 or missing (bars of height 0) and that
 * has no whisker of any length, a line chart with no value, or only 0s on an axis with no fixed top (a rate or a
 * count: a line of 0 % success on its 0–100 axis still says something).
 */
export function drawsNothing(spec: ChartSpec): boolean {
  const values = spec.series.flatMap((series) => series.values);
  const zeroOrMissing = values.every((value) => value === null || value === 0);
  if (spec.kind === 'bars') {
    const errors = spec.series.flatMap((series) => series.errors ?? []);
    return zeroOrMissing && errors.every((error) => error === null || error === 0);
  }
  return values.every((value) => value === null) || (spec.yMax === undefined && zeroOrMissing);
}

/** The specs of the charts the page draws (those that draw something), for its embedded data. */
export function drawnSpecs(figures: readonly ChartFigure[]): ChartSpec[] {
  return figures.filter((figure) => !drawsNothing(figure.spec)).map((figure) => figure.spec);
}

/** How many marks the chart draws: lines of a line chart, bars (values that exist) of a bar chart. */
export function expectedMarks(figure: ChartFigure): number {
  const { spec } = figure;
  if (spec.kind === 'lines') return spec.series.length;
  return spec.series.reduce((n, series) => n + series.values.filter((value) => value !== null).length, 0);
}

/**
 * The figure of `figure` — a sentence instead when it would draw nothing ({@link drawsNothing}) —: `data-chart` names its spec, `data-marks` says how many lines or bars it
 * must draw (the browser tests check it); arrow keys move a readout over the points (browser script).
 */
export function chartFigure(figure: ChartFigure): string {
  const id = escapeHtml(figure.spec.id);
  if (drawsNothing(figure.spec)) {
    // No data-chart: the browser script has nothing to draw here, and the data holds no spec of it.
    return (
      `<figure class="chart chart-empty" data-empty-chart="${id}" aria-labelledby="chart-${id}-title" ` +
      `aria-describedby="chart-${id}-caption">\n` +
      `<h3 id="chart-${id}-title">${escapeHtml(figure.title)}</h3>\n` +
      `<p class="empty">${escapeHtml(figure.empty ?? NOTHING_TO_DRAW)}</p>\n` +
      `<figcaption id="chart-${id}-caption">${escapeHtml(figure.description)}</figcaption>\n` +
      `</figure>`
    );
  }
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
