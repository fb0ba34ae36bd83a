// Converts a distribution as written in a scenario (units, one-key objects) into the engine's
// DistributionSpec in milliseconds. The schema has already checked it with the engine's validator.

import type { DistributionSpec } from '@meshsim/engine';
import type { RawDistribution } from '../schema.js';
import type { PathSegment } from './path.js';
import { toDistributionSpec } from './toDistributionSpec.js';
import type { PathIssue } from './PathIssue.js';

/**
 * Resolves a schema-valid raw distribution into a {@link DistributionSpec} [ms].
 *
 * The schema validated it with the engine's `validateDistribution` (one validation, in schemaParts.ts),
 * so nothing is reported here any more; `path` and `issues` stay for the callers' signature.
 *
 * @param raw - The distribution as written (already validated by the schema).
 * @param _path - Its field path.
 * @param _issues - Unused: resolution finds no problem the schema has not.
 */
export function resolveDistribution(
  raw: RawDistribution,
  _path: readonly PathSegment[],
  _issues: PathIssue[],
): DistributionSpec {
  return toDistributionSpec(raw);
}
