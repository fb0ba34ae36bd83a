// One `--set path=values` option parsed: the scenario path and the values it takes (a comma list, where
// each item may be an `a..b:step` range), and one assignment of a value to a path.

/** A scalar a `--set` value parses to: a number, a boolean, or a string (durations, rates, names). */
export type OverrideValue = number | boolean | string;

/** One axis of a sweep: a scenario path and its values, in the order given. */
export interface SetAxis {
  /** Dot path into the scenario file's structure, e.g. `services.checkout.calls.0.retry.attempts`. */
  path: string;
  values: OverrideValue[];
  /** True when the values came from a range without a step (`a..b`), the form `--boundary` bisects. */
  open?: { low: number; high: number; unit: string };
}

/** One value set at one path. */
export interface Override {
  path: string;
  value: OverrideValue;
}
