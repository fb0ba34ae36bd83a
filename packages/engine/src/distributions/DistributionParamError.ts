// The error a distribution check throws: the field, the rule it breaks and the value, kept apart so
// that a caller (the scenario loader) can report them in its own terms, e.g. with the value as written.

import { formatValue } from './formatValue.js';

/** For a rule that orders two fields (`uniform.max >= min`): the other field and how they compare. */
export interface DistributionParamBound {
  /** The other field's name, e.g. `min`. */
  readonly field: string;
  /** The other field's value. */
  readonly value: number;
  /** `>` rather than `>=`. */
  readonly strict: boolean;
}

/**
 * A distribution parameter that breaks its rule. The message is `<field> <rule> (got <value>)`, e.g.
 * `services.a.serviceTime.mean must be > 0 (got 0)` or `uniform.max must be >= min (5) (got 3)`. Its `name` is
 * `DistributionParamError`, like the project's other errors; `instanceof RangeError` still catches it.
 */
export class DistributionParamError extends RangeError {
  constructor(
    /** Dotted path of the field, e.g. `uniform.max` or `mixture.components[2].weight`. */
    readonly field: string,
    /** The rule, without the value: `must be > 0`, `must be >= min (5)`. */
    readonly rule: string,
    /** The offending value (for a rule over a list, e.g. a total weight, that total). */
    readonly value: unknown,
    /** For a rule between two fields: the other field. */
    readonly bound?: DistributionParamBound,
  ) {
    super(`${field} ${rule} (got ${formatValue(value)})`);
    this.name = 'DistributionParamError';
  }
}
