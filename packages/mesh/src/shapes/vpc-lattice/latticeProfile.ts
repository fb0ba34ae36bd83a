// AWS VPC Lattice: a managed hop with no user-visible proxy CPU or memory. Its added latency is not
// published (docs/sources.md#not-found); seed 000 says "+~1-5 ms" (#seed-000) — the profile is an ASSUMPTION.

import type { MeshOptions, ProxyProfile } from '../../config/MeshConfig.js';
import type { CitedFigures } from '../dataplane/CitedFigures.js';
import { meshProfile } from '../profileFields.js';
import type { MeshProfile } from '../profileFields.js';
import { shapeGave, sourcedText } from '../profileNotes.js';

/**
 * One traversal of the Lattice hop (a call passes it twice: request and response). Lognormal fitted
 * so that the two together have median 2 ms and p99 5 ms (ASSUMPTION from seed 000's "+~1-5 ms").
 */
export const LATTICE_HOP_PROFILE: ProxyProfile = {
  latencyMs: { kind: 'lognormal', median: 0.9371, p99: 3.249 }, // ASSUMPTION: sum of two ≈ median 2, p99 5 ms
  workers: Infinity, // managed by AWS: no queueing modelled (throughput quotas not found)
  cpuMsPerRequest: 0, // not the user's CPU
  memoryBaseMiB: 0, // not the user's memory
  memoryPerEndpointKiB: 0,
};

/** What the Lattice profile reproduces (assumption): median 2 ms, p99 5 ms per call. */
export const LATTICE_CITED = {
  addedP50Ms: 2,
  addedP99Ms: 5,
  source:
    'ASSUMPTION from seed 000 ("Lattice is a managed hop in the middle. Latency +~1-5ms"); AWS publishes no figure',
} as const satisfies Pick<CitedFigures, 'addedP99Ms' | 'source'> & { addedP50Ms: number };

/**
 * Assumptions printed with every run that uses the Lattice hop, whose profile is `lattice`: the assumed figures only
 * where the Lattice profile gave them (the scenario's own are listed by `shapeAssumptions`).
 */
export function latticeAssumptions(lattice: MeshProfile): readonly string[] {
  const hop = [
    sourcedText(
      'the managed hop adds lognormal latency with median 2 ms and p99 5 ms per call (assumption from "+~1-5 ms" in an unpublished design write-up; AWS publishes no figure)',
      lattice,
      ['latencyMs'],
    ),
    sourcedText(
      `${shapeGave(lattice, 'latencyMs') ? 'with' : 'the managed hop has'} no queueing and no throughput quota (quotas not found)`,
      lattice,
      ['workers'],
    ),
  ].filter((part) => part !== null);
  return [
    ...(hop.length === 0 ? [] : [`vpc-lattice: ${hop.join(', ')}.`]),
    "vpc-lattice: no configurable retries, per-try timeouts, outlier detection or circuit breaking (aws-application-networking-k8s http-route.md): callers' retries and timeouts are their applications' own.",
    'vpc-lattice: one Lattice service per destination service; TLS but not mTLS (IAM SigV4 authentication instead).',
  ];
}

/** The Lattice hop's profile of a mesh resolved from `options`, with the fields they wrote. */
export function latticeProfile(lattice: ProxyProfile, options: MeshOptions): MeshProfile {
  return meshProfile('lattice', 'vpc-lattice', lattice, options);
}
