// The comparison's note when its shapes do not apply the same policies: a policy one shape enforces and another
// cannot (a breaker, outlier detection, retries) moves latency and success, so part of an added latency is that
// policy's effect, not the proxies' cost.

import { POLICY_NAMES } from '@meshsim/mesh';

import type { ComparisonSummary } from '../summarizeComparison.js';

// The wordings of the run's "not applied" warnings (packages/mesh: enforceOrWarn, CallRoute, VersionRouter, the
// policy factories): each starts with the policy's name.
const NOT_APPLIED = ['not applied', 'not enforced', 'cannot be enforced', 'ignored for caller'];

// A policy's name where such a warning starts, or right after the `file:line:col: field.path: ` the CLI puts before it.
const NAMED = /(?:^|: )([a-z-]+)(?: on service | for calls to |: )/g;

// The warning of a written mesh.defaultPolicy no hop of the shape runs (shapes/dataplane/unappliedDefaultPolicy.ts).
const DEFAULT_POLICY_NOT_APPLIED = "the mesh's default policy is not applied";

/**
 * The policies a run's `warnings` (as the run gave them, or located at their file's lines) say its shape did not
 * apply, in POLICY_NAMES order, then `mesh.defaultPolicy` when the mesh's written default policy was not applied.
 */
export function unappliedPolicies(warnings: readonly string[]): string[] {
  const names = new Set<string>();
  let defaultPolicy = false;
  for (const warning of warnings) {
    if (warning.includes(DEFAULT_POLICY_NOT_APPLIED)) {
      defaultPolicy = true;
      continue;
    }
    if (!NOT_APPLIED.some((phrase) => warning.includes(phrase))) continue;
    for (const match of warning.matchAll(NAMED)) {
      const name = match[1] as string;
      if ((POLICY_NAMES as readonly string[]).includes(name)) {
        names.add(name);
        break;
      }
    }
  }
  const named = POLICY_NAMES.filter((name) => names.has(name));
  return defaultPolicy ? [...named, 'mesh.defaultPolicy'] : named;
}

/** The note, or null when every shape applies the policies the baseline applies and no other is left out. */
export function policyNote(summary: ComparisonSummary): string | null {
  const unapplied = summary.shapes.map((shape) => ({
    shape: shape.shape,
    names: unappliedPolicies(shape.warnings),
  }));
  const key = (names: readonly string[]): string => names.join(',');
  const first = unapplied[0];
  if (first === undefined || unapplied.every((u) => key(u.names) === key(first.names))) return null;
  const listed = unapplied
    .filter((u) => u.names.length > 0)
    .map((u) => `${u.shape} leaves out ${u.names.join(', ')}`)
    .join('; ');
  return (
    `The shapes do not apply the same policies (${listed}; see the warnings). Each added latency — and a difference ` +
    'in success — then includes what those policies do (a breaker shedding calls, retries, ejections), not only the ' +
    "proxies' cost; set the policies every shape can enforce (or remove the others) to compare the proxies alone."
  );
}
