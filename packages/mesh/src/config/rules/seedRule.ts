// The rule of a run's root seed, one for every way a seed arrives: a scenario file's `seed`, `--seed`,
// `applyOverrides` and a config built in code (checkConfigValues) all check it here.

/** What a root seed may be: a non-negative integer up to {@link SEED_RULE}.maxInteger, or a non-empty string. */
export const SEED_RULE = {
  /** The smallest integer seed. */
  minInteger: 0,
  /**
   * The largest integer seed: 2^53 − 1, the largest integer a double holds exactly (a larger one would stand for
   * several seeds written differently).
   */
  maxInteger: Number.MAX_SAFE_INTEGER,
  /** The shortest string seed. */
  minLength: 1,
} as const;

/** How the seed rule reads in messages. */
const SEED_WORDS = `a non-negative integer (at most ${SEED_RULE.maxInteger}) or a non-empty string, as in a scenario`;

/**
 * Why `seed` is not a root seed ({@link SEED_RULE}), or null when it is one: `must be a non-negative integer (at
 * most 9007199254740991) or a non-empty string, as in a scenario (got -1)`. Prefix the field: `seed ${problem}`.
 *
 * @example
 * ```ts
 * seedProblem(7); // null
 * seedProblem(1.5); // 'must be a non-negative integer (at most 9007199254740991) or a non-empty string, as in a scenario (got 1.5)'
 * ```
 */
export function seedProblem(seed: unknown): string | null {
  if (typeof seed === 'string' && seed.length >= SEED_RULE.minLength) return null;
  if (
    typeof seed === 'number' &&
    Number.isInteger(seed) &&
    seed >= SEED_RULE.minInteger &&
    seed <= SEED_RULE.maxInteger
  )
    return null;
  const shown =
    typeof seed === 'string'
      ? JSON.stringify(seed)
      : typeof seed === 'object' && seed !== null
        ? Array.isArray(seed)
          ? 'an array'
          : 'an object'
        : String(seed);
  return `must be ${SEED_WORDS} (got ${shown})`;
}
