// The identity of a run in the results store: what was simulated (the scenario text, the overrides, the
// seed), hashed, so that a re-run of a sweep recognises the runs it already has.

import { createHash } from 'node:crypto';

import type { Override } from '../overrides/SetAxis.js';

/** Overrides sorted by path, as canonical JSON (`[["mesh","none"],["traffic.0.rate",800]]`). */
export function canonicalOverrides(overrides: readonly Override[]): string {
  const sorted = [...overrides].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return JSON.stringify(sorted.map((o) => [o.path, o.value]));
}

/** SHA-256 (hex) of `scenarioHash`, the canonical overrides and the seed, one per line. */
export function runKey(scenarioHash: string, overrides: readonly Override[], seed: number | string): string {
  return createHash('sha256')
    .update(`${scenarioHash}\n${canonicalOverrides(overrides)}\n${JSON.stringify(seed)}`)
    .digest('hex');
}
