// The identity of a run in the results store: what was simulated (the scenario text, the overrides, the
// seed, and for a registered mesh shape its module's text) and by which model revision, hashed, so that a re-run of a
// sweep recognises the runs it already has.

import { createHash } from 'node:crypto';

import { MODEL_REVISION } from '@meshsim/mesh';

import type { Override } from '../overrides/SetAxis.js';

/** Overrides sorted by path, as canonical JSON (`[["mesh","none"],["traffic.0.rate",800]]`). */
export function canonicalOverrides(overrides: readonly Override[]): string {
  const sorted = [...overrides].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return JSON.stringify(sorted.map((o) => [o.path, o.value]));
}

/**
 * SHA-256 (hex) of `scenarioHash`, the canonical overrides, the seed and the model revision, one per line:
 * a run stored by another model revision has another key, so it is recomputed, never reused. `shapes`: the
 * identities of the registered mesh shapes the run simulates (`shapeIdentity`: name and module digest), one more
 * line when any — a run of an edited shape module has another key; the runs of built-in shapes keep theirs.
 */
export function runKey(
  scenarioHash: string,
  overrides: readonly Override[],
  seed: number | string,
  modelRevision: number = MODEL_REVISION,
  shapes: readonly string[] = [],
): string {
  const shapeLine = shapes.length === 0 ? '' : `\nshapes ${JSON.stringify(shapes)}`;
  return createHash('sha256')
    .update(
      `${scenarioHash}\n${canonicalOverrides(overrides)}\n${JSON.stringify(seed)}\nmodel ${modelRevision}${shapeLine}`,
    )
    .digest('hex');
}
