// A number drawn uniformly from an interval, for property tests. fast-check's `fc.double({ min, max })` is
// uniform over the binary representation instead: from [0, 900] about nine draws in ten are below 0.001 and
// only a few in a thousand fall in (100, 800), so times, rates and probabilities would rarely be realistic.

import fc from 'fast-check';

/** Steps of {@link uniform} over its interval. */
const STEPS = 1_000_000;

/**
 * A number in `[min, max]` (both reachable; `[min, max)` with `maxExcluded`), uniform over the interval in a
 * million steps. Shrinks towards `min`.
 *
 * @example
 * ```ts
 * fc.property(uniform(0, 900), (atMs) => …); // atMs as likely in [0, 100] as in [800, 900]
 * ```
 */
export function uniform(
  min: number,
  max: number,
  options: { maxExcluded?: boolean } = {},
): fc.Arbitrary<number> {
  const last = options.maxExcluded === true ? STEPS - 1 : STEPS;
  return fc
    .integer({ min: 0, max: last })
    .map((step) => (step === STEPS ? max : min + ((max - min) * step) / STEPS));
}
