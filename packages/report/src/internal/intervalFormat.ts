// A mean ± 95 % half-width as its figure reads, with the decimals it needs: one source for every interval table
// (a run's replications, a sweep's points, a comparison's shapes and its paired differences).

import { CASCADE_FIGURES, RUN_FIGURES } from '@meshsim/analysis';
import type { FigureInfo, FigureInterval } from '@meshsim/analysis';

import { groupedFixed } from './format.js';

/** The most decimals an interval is printed with, however small it is. */
const MAX_DECIMALS = 12;

/** How the figure of an interval reads: a headline figure's info (`RUN_FIGURES`), else a cascade figure's. */
function figureInfo(key: string): FigureInfo<string> | undefined {
  return RUN_FIGURES.find((f) => f.key === key) ?? CASCADE_FIGURES.find((f) => f.key === key);
}

/** An interval's numbers as text, scaled as its figure reads and at {@link intervalDecimals}. */
export interface FormattedInterval {
  mean: string;
  /** `± half`; `–` without an interval (fewer than 2 values). */
  half: string;
  min: string;
  max: string;
}

/**
 * The decimals `interval` prints with: its figure's (`RUN_FIGURES`), or more where a small interval needs them, so
 * that a half-width above 0 never prints as 0 and the printed mean exceeds the printed half-width exactly when the
 * interval excludes 0 (mean − half > 0 or mean + half < 0, as a paired difference's `significant`): no row reads
 * `0.00 ± 0.00` for 0.0012 ± 0.0003. Without an interval (half-width null), the figure's decimals.
 */
export function intervalDecimals(interval: FigureInterval<string>): number {
  const info = figureInfo(interval.key);
  const scale = info?.scale ?? 1;
  let decimals = info?.decimals ?? 3;
  if (interval.halfWidth === null) return decimals;
  const excludesZero = interval.mean - interval.halfWidth > 0 || interval.mean + interval.halfWidth < 0;
  const mean = interval.mean * scale;
  const half = interval.halfWidth * scale;
  const rounded = (value: number, places: number): number => Number(value.toFixed(places));
  const readsRight = (places: number): boolean => {
    const m = Math.abs(rounded(mean, places));
    const h = rounded(half, places);
    return (half === 0 || h > 0) && excludesZero === m > h;
  };
  while (decimals < MAX_DECIMALS && !readsRight(decimals)) decimals++;
  return decimals;
}

/** `interval`'s mean, `± half`, min and max scaled as its figure reads, all at {@link intervalDecimals}. */
export function formatInterval(interval: FigureInterval<string>): FormattedInterval {
  const scale = figureInfo(interval.key)?.scale ?? 1;
  const decimals = intervalDecimals(interval);
  return {
    mean: groupedFixed(interval.mean * scale, decimals),
    half: interval.halfWidth === null ? '–' : `± ${groupedFixed(interval.halfWidth * scale, decimals)}`,
    min: groupedFixed(interval.min * scale, decimals),
    max: groupedFixed(interval.max * scale, decimals),
  };
}

/** `mean ± half` of {@link formatInterval}, or the mean alone without an interval: a table cell. */
export function intervalCell(interval: FigureInterval<string>): string {
  const { mean, half } = formatInterval(interval);
  return interval.halfWidth === null ? mean : `${mean} ${half}`;
}
