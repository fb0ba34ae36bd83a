// mTLS coverage of a run: whether each edge is encrypted and mutually authenticated by the data
// plane, and the fraction of calls that travelled on such edges. See docs/policies/authorization-mtls.md.

import type { CallerRef } from '../topology/CallerRef.js';
import type { DataPlane } from '../shapes/dataplane/DataPlane.js';
import type { ServiceDirectory } from '../server/ServiceDirectory.js';
import type { TrafficSource } from '../traffic/TrafficSource.js';

/**
 * Whether the data plane secures the edge `source → destination` with mTLS. A `source` that names a
 * service stands for its instances (all alike); a traffic source's name stands for that source (in
 * the mesh when it runs in a service's pod, `from`); any other name is a caller outside the mesh.
 */
export function edgeUsesMtls(
  services: ServiceDirectory,
  sources: readonly TrafficSource[],
  dataPlane: DataPlane,
  source: string,
  destination: string,
): boolean {
  const caller: CallerRef = services.find(source)?.instances[0]?.caller ??
    sources.find((s) => s.caller.name === source)?.caller ?? {
      name: source,
      key: -1,
      node: null,
      instanceId: -1,
      service: null,
    };
  return dataPlane.mtls(caller, destination);
}

/** Fraction of calls made on mTLS edges, in [0, 1]; 0 when no call was made. */
export function mtlsCoverage(edges: readonly { readonly calls: number; readonly mtls: boolean }[]): number {
  let calls = 0;
  let secured = 0;
  for (const edge of edges) {
    calls += edge.calls;
    if (edge.mtls) secured += edge.calls;
  }
  return calls > 0 ? secured / calls : 0;
}
