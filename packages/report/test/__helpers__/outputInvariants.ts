// Invariants of every output format, written once: the renderings of a result (fixtures' renderAll) hold
// no NaN, no undefined, no Infinity (OpenMetrics' `le="+Inf"` bucket aside) and no negative number, and
// two renderings of one scenario and seed are byte-identical.

import { expect } from 'vitest';

/** A NaN, undefined, an Infinity or a negative number standing as a value (not in a word or a range `a-b`). */
const BAD_VALUE = /\bNaN\b|\bundefined\b|(?<!le=")[+-]?Infinity|(?<!le=")\+Inf\b|(?<![\w.)\]-])-\d/;

/** Asserts that no output format shows NaN, undefined, Infinity or a negative number. */
export function assertOutputsClean(outputs: Record<string, string>): void {
  for (const [format, text] of Object.entries(outputs)) {
    const line = text.split('\n').find((l) => BAD_VALUE.test(l));
    expect(line, `${format} output`).toBeUndefined();
  }
}

/** Asserts that two renderings (same scenario, same seed) are byte-identical in every format. */
export function assertSameOutputs(a: Record<string, string>, b: Record<string, string>): void {
  expect(Object.keys(b)).toEqual(Object.keys(a));
  for (const format of Object.keys(a)) expect(b[format], `${format} output`).toBe(a[format]);
}
