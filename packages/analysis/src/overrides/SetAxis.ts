// One `--set path=values` option parsed: the scenario path and the values it takes (a comma list, where
// each item may be an `a..b:step` range, or `null` to remove the field), and one assignment of a value to a path.

/**
 * A scalar a `--set` value parses to: a number, a boolean, a string (durations, rates, names), or null (`null`:
 * remove the field, as if the file did not write it; only an optional field).
 */
export type OverrideValue = number | boolean | string | null;

/** One stepped range item of a `--set` (`a..b:step`): as written, and what it expands to. */
export interface SetRange {
  /** The item as written, e.g. `200..800:250`. */
  text: string;
  /** The values it expands to, in order (`200, 450, 700`). */
  values: OverrideValue[];
  /**
   * Its written end when no step lands on it (`800` of `200..800:250`: the range stops at 700); absent when the
   * last value is the end.
   */
  endNotReached?: OverrideValue;
}

/** One axis of a sweep: a scenario path and its values, in the order given (each value once). */
export interface SetAxis {
  /** Dot path into the scenario file's structure, e.g. `services.checkout.calls.0.retry.attempts`. */
  path: string;
  values: OverrideValue[];
  /** True when the values came from a range without a step (`a..b`), the form `--boundary` bisects. */
  open?: { low: number; high: number; unit: string };
  /**
   * The stepped ranges among its items (`a..b:step`), in the order given; absent when it has none. A `--set` with
   * a range is an axis of a sweep even when the range expands to one value.
   */
  ranges?: SetRange[];
}

/** One value set at one path. */
export interface Override {
  path: string;
  value: OverrideValue;
}
