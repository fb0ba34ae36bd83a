// Number formatting shared by the renderers. Deterministic (no locale), never prints NaN or undefined.

import { formatDuration } from '@meshsim/mesh';

/** Seconds in a millisecond: the scale of a duration in ms reported in seconds (OpenMetrics). */
export const SECONDS_PER_MS = 1 / 1000;

/** Printed in text output where a value is missing or undefined (no calls, no duration, NaN). */
export const MISSING = '–';

/** `value` with `decimals` fixed decimals; `–` if not finite. Never prints `-0`. */
export function fixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return MISSING;
  const text = value.toFixed(decimals);
  return /^-0(?:\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** `value` with `decimals` fixed decimals and thousands separators (`55,530.1`); `–` if not finite. */
export function groupedFixed(value: number, decimals: number): string {
  return groupThousands(fixed(value, decimals));
}

/** An integer count with thousands separators (`1,234,567`); `–` if not finite. */
export function count(value: number): string {
  if (!Number.isFinite(value)) return MISSING;
  return groupThousands(fixed(Math.round(value), 0));
}

/** A count and its noun, plural unless it is 1: `1 event`, `1,234 events`. */
export function counted(value: number, noun: string): string {
  return `${count(value)} ${noun}${value === 1 ? '' : 's'}`;
}

/** A latency [ms] with precision that suits its size: 0.352, 4.21, 35.2, 1250; `–` if null or not finite. */
export function ms(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return MISSING;
  const magnitude = Math.abs(value);
  const text = fixed(value, magnitude < 1 ? 3 : magnitude < 10 ? 2 : magnitude < 1000 ? 1 : 0);
  return groupThousands(text);
}

/** A latency difference [ms] with its sign when positive: `+0.579`, `-1.36`, `0.000`; `–` if null. */
export function signedMs(value: number | null): string {
  return value !== null && value > 0 ? `+${ms(value)}` : ms(value);
}

/** A ratio in [0, 1] as a percentage with `decimals` decimals (no `%` sign: the header carries it). */
export function percent(ratio: number, decimals: number): string {
  return fixed(ratio * 100, decimals);
}

/**
 * A duration [ms] in a unit that reads well — `850 ms`, `5 s`, `90 s`, `120.5 s`, `15 min`, `2 h`; `–` if not
 * finite —: the diagnosis's `formatDuration`, so that a recovery reads the same in a verdict's reason and in a table.
 */
export const duration: (valueMs: number) => string = formatDuration;

/** `a / b`, or `NaN` when `b` is 0 (callers print NaN as `–`). */
export function ratio(a: number, b: number): number {
  return b === 0 ? Number.NaN : a / b;
}

function groupThousands(text: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (match === null) return text;
  const [, sign = '', int = '', frac = ''] = match;
  return sign + int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + frac;
}

/**
 * `value` rounded to `decimals` decimal places for machine-readable output (JSON, CSV, OpenMetrics), so
 * that tiny floating-point differences never change the bytes. `null` for NaN and ±Infinity; `-0` → `0`.
 */
export function round(value: number, decimals = 6): number | null {
  if (!Number.isFinite(value)) return null;
  if (Number.isInteger(value)) return value === 0 ? 0 : value;
  const rounded = Number(value.toFixed(decimals));
  return rounded === 0 ? 0 : rounded;
}
