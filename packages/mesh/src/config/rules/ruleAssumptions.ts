// Reasons shared by many rows of the rule tables: bounds that follow from what a value is (a count
// cannot be negative) rather than from a cited implementation.

import type { RuleSource } from './RuleRow.js';

/** Assumption sources used by several rule tables. */
export const RULE_ASSUMPTIONS = {
  /** `>= 0` of counts, times and amounts. */
  nonNegative: { assumption: 'a count, a time or an amount cannot be negative' },
  /** `[0, 100]` of a percentage of a whole. */
  percentOfWhole: { assumption: 'a share of a whole is between 0 and 100 %' },
  /** `[0, 1]` of a probability. */
  probability: { assumption: 'a probability is between 0 and 1' },
  /** `> 0` of a period or window. */
  positivePeriod: { assumption: 'a period or window of 0 would never advance' },
  /** Infinity accepted only from code: today's runtime check lets it through. */
  infinityFromCode: {
    assumption: 'a config built in code may use Infinity (never); a scenario file cannot write it',
  },
} as const satisfies Record<string, RuleSource>;

/** The smallest CPU quantity (node cores, a container's limit or request) [cores]: 1m, Kubernetes' finest. */
export const MIN_CPU_CORES = 0.001;

/** Where {@link MIN_CPU_CORES} comes from. */
export const CPU_PRECISION = {
  cite: 'k8s-cpu-units',
  note: 'Kubernetes allows no CPU quantity finer than 1m',
} as const satisfies RuleSource;
