// Which items a chart draws when there are too many to read: the highest-scoring ones, at most
// MAX_CHART_SERIES; the tables below the charts list every one.

/** Most lines (or bars per group) an HTML chart draws. */
export const MAX_CHART_SERIES = 10;

/**
 * The items with a positive score, highest first (ties keep input order), at most `max` of them.
 * @returns The picked items and how many had a positive score.
 */
export function topSeries<T>(
  items: readonly T[],
  score: (item: T) => number,
  max = MAX_CHART_SERIES,
): { picked: T[]; candidates: number } {
  const ranked = items
    .map((item, index) => ({ item, index, score: score(item) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index);
  return { picked: ranked.slice(0, max).map((entry) => entry.item), candidates: ranked.length };
}
