// The payload-size assumption of a run: printed when a service sets a request or response size, since the proxies'
// latency and CPU per request are their profiles' figures (Istio's measured with 1 KB payloads) whatever the size.

import type { ServiceConfig } from '../config/SimulationConfig.js';

/**
 * The assumption to print when a service of `services` sets `requestBytes` or `responseBytes` (other than the default
 * 0), else null: payload size moves only per-byte costs (Lattice's data processing, a profile's `cpuMsPerKiB`), not
 * the proxies' latency or CPU per request, and the network has no bandwidth limit.
 */
export function payloadAssumption(services: readonly ServiceConfig[]): string | null {
  const sized = services.filter((s) => (s.requestBytes ?? 0) > 0 || (s.responseBytes ?? 0) > 0);
  if (sized.length === 0) return null;
  return (
    `Payload sizes (requestBytes/responseBytes of ${sized.map((s) => s.name).join(', ')}) change only per-byte ` +
    `costs — VPC Lattice's data processing (per GB) and a proxy profile's cpuPerKiB (Cilium's WireGuard; none in ` +
    `the Envoy, ztunnel or Linkerd profiles): each proxy's latency and CPU per request are its profile's, ` +
    `measured with 1 KB payloads (Istio's performance pages, fortio at 1000 rps) or derived from them or assumed, ` +
    `and the network has no bandwidth limit (no time per byte): assumptions.`
  );
}
