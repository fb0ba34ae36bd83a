// The assumption a run with mTLS off prints under a shape whose proxy figures were measured with mTLS on: turning it
// off removes the TLS handshakes, not the per-request encryption cost inside those figures.

import type { MeshProfile } from './profileFields.js';
import { shapeGave } from './profileNotes.js';

/**
 * `[<shape>: mTLS is off, but …]` when `mtls` is false and a profile of `profiles` still has the shape's per-request
 * CPU or latency, which `measured` (the figures' source, e.g. "Istio's performance pages") measured with mTLS on; none
 * (`[]`) when mTLS is on or the scenario set those fields of every profile itself: spread it into the assumptions.
 *
 * @example
 * ```ts
 * mtlsOffNote('istio-sidecar', false, [sidecar], "Istio's performance pages");
 * // ["istio-sidecar: mTLS is off, but the proxies' latency and CPU per request are … (Istio's performance pages) …"]
 * ```
 */
export function mtlsOffNote(
  shape: string,
  mtls: boolean,
  profiles: readonly MeshProfile[],
  measured: string,
): string[] {
  if (mtls) return [];
  const measuredFigures = profiles.some(
    (profile) => shapeGave(profile, 'latencyMs') || shapeGave(profile, 'cpuMsPerRequest'),
  );
  if (!measuredFigures) return [];
  return [
    `${shape}: mTLS is off, but the proxies' latency and CPU per request are figures measured with mTLS on ` +
      `(${measured}): turning it off removes only the TLS handshakes (their CPU and round trip) and the mTLS ` +
      `coverage, not the per-request encryption cost inside those figures (an assumption: no figure without mTLS).`,
  ];
}
