// Defensive readers of raw (not yet validated) scenario input, shared by the cross-reference checks:
// values of the wrong type are skipped there, because the schema reports them.

import { SCENARIO_DEFAULTS } from '../defaults.js';
import { showMs } from '../schemaParts.js';
import { parseDurationMs } from '../units.js';
import { didYouMean } from './suggest.js';
import { writtenDuration } from './writtenDuration.js';

/** A plain mapping (not null, not an array). */
export type Obj = Record<string, unknown>;

/** Whether `value` is a plain mapping. */
export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` if it is a list, else an empty one. */
export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The duration [ms] of a valid duration, else undefined. */
export function durationOrUndefined(value: unknown): number | undefined {
  try {
    return typeof value === 'number' || typeof value === 'string' ? parseDurationMs(value) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The run's `duration` as a message names it, always with a unit: as {@link writtenDuration} names it when written
 * (`45s`; `60 ms: a bare number is milliseconds; write 60s for seconds`), the default's when not (`60s, the default`).
 */
export function runDurationText(duration: unknown): string {
  return duration === undefined
    ? `${showMs(SCENARIO_DEFAULTS.durationMs)}, the default`
    : writtenDuration(duration);
}

/** `unknown <what> "x" (did you mean "y"?); known <what>s: a, b`. */
export function unknownName(what: string, name: string, known: readonly string[]): string {
  const listing = known.length === 0 ? `no ${what}s are defined` : `known ${what}s: ${known.join(', ')}`;
  return `unknown ${what} ${JSON.stringify(name)}${didYouMean(name, known)}; ${listing}`;
}
