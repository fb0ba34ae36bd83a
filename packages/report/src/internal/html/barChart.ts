// The spec of a bar chart, shared by the run and comparison reports: the categories and series, and the
// value axis's domain, chosen here so a chart of zeros (or of no values) still gets a sensible axis.

import type { BarChartSpec, BarSeries } from './ReportData.js';

/**
 * The domain of a bar chart's value axis: from the lowest value (or 0) to the highest (or 0), so every bar
 * starts at 0 on it, its whisker's ends included (`value ± error`). When every value is 0 or missing the data span
 * nothing, and a plotting library given `[0, 0]` draws each zero as a full-height bar on one tick: the axis is then
 * `[0, 1]`, the bars of height 0.
 *
 * @param series - The chart's series; null values (missing) are ignored, and null errors (no whisker).
 * @returns `[low, high]` with `low <= 0 <= high` and `low < high`.
 */
export function barValueDomain(series: readonly BarSeries[]): [number, number] {
  let low = 0;
  let high = 0;
  for (const { values, errors } of series) {
    values.forEach((value, i) => {
      if (value === null || !Number.isFinite(value)) return;
      const error = errors?.[i] ?? 0;
      const half = error !== null && Number.isFinite(error) ? Math.abs(error) : 0;
      low = Math.min(low, value - half);
      high = Math.max(high, value + half);
    });
  }
  return low === high ? [0, 1] : [low, high];
}

/**
 * A bar chart of one group of bars per category, one bar per series in each group, with its value axis
 * ({@link barValueDomain}).
 *
 * @param id - The chart's stable id.
 * @param yLabel - The value axis's label, with its unit.
 * @param categories - One group per category (e.g. a mesh shape or an edge), in display order.
 * @param series - A value per category each (null where it does not exist).
 * @returns The spec the browser script draws.
 */
export function barChart(
  id: string,
  yLabel: string,
  categories: string[],
  series: BarSeries[],
): BarChartSpec {
  return { kind: 'bars', id, yLabel, categories, series, valueDomain: barValueDomain(series) };
}
