// The labels Istio's proxies put on a request series (istio/proxy `istio_stats`): workloads, apps and
// versions of both ends, the destination service's host, status, Envoy flags and mTLS, from a meshsim series.

import type { RequestSeries, ServiceMetrics } from '@meshsim/mesh';

/** OpenMetrics labels as `[name, value]` pairs, in output order. */
export type LabelPairs = readonly (readonly [string, string])[];

/** What Istio prints for a value it does not know. */
const UNKNOWN = 'unknown';

/** The Kubernetes DNS name of a service: `<name>.<namespace>.svc.cluster.local`. */
export function serviceHost(service: ServiceMetrics): string {
  return `${service.name}.${service.namespace}.svc.cluster.local`;
}

/**
 * The workload (Deployment) of a service version: the service's name when it runs one version, else
 * `<service>-<version>` (one Deployment per version, as canary setups do).
 */
export function workloadName(service: ServiceMetrics, version: string): string {
  return service.versions.length > 1 ? `${service.name}-${version}` : service.name;
}

/** The SPIFFE identity Istio gives a workload's service account (named after the service). */
function principal(service: ServiceMetrics): string {
  return `spiffe://cluster.local/ns/${service.namespace}/sa/${service.name}`;
}

/**
 * The labels of `series` in the order Istio's stats filter lists them. A traffic source outside the mesh
 * reports like a gateway named after it (namespace, version and cluster `unknown`); one that runs in a
 * service's pod (`from`) keeps its name as workload and app but has that pod's namespace, version,
 * principal (with mTLS) and cluster; a destination no
 * instance answered for (no endpoint, breaker, fault abort) has workload, version and cluster `unknown`.
 * `connection_security_policy` is known only to the server proxy (`unknown` for `reporter="source"`).
 */
export function istioLabels(
  series: RequestSeries,
  services: ReadonlyMap<string, ServiceMetrics>,
): LabelPairs {
  const source = series.sourceService === null ? undefined : services.get(series.sourceService);
  // The pod the caller runs in: its own service's, or the host's of a meshed traffic source.
  const pod = source ?? (series.sourceHost === null ? undefined : services.get(series.sourceHost));
  const destination = services.get(series.destination);
  const reached = destination !== undefined && series.destinationVersion !== null;
  const sourceVersion = series.sourceVersion ?? UNKNOWN;
  const destinationVersion = series.destinationVersion ?? UNKNOWN;
  const destinationWorkload =
    reached && destination !== undefined ? workloadName(destination, destinationVersion) : UNKNOWN;
  const mtls = series.mtls;
  return [
    ['reporter', series.reporter],
    ['source_workload', source === undefined ? series.source : workloadName(source, sourceVersion)],
    ['source_canonical_service', source?.name ?? series.source],
    ['source_canonical_revision', series.sourceVersion ?? 'latest'],
    ['source_workload_namespace', pod?.namespace ?? UNKNOWN],
    ['source_principal', mtls && pod !== undefined ? principal(pod) : UNKNOWN],
    ['source_app', source?.name ?? series.source],
    ['source_version', sourceVersion],
    ['source_cluster', pod?.cluster ?? UNKNOWN],
    ['destination_workload', destinationWorkload],
    ['destination_workload_namespace', reached ? (destination?.namespace ?? UNKNOWN) : UNKNOWN],
    ['destination_principal', mtls && destination !== undefined ? principal(destination) : UNKNOWN],
    ['destination_app', reached ? series.destination : UNKNOWN],
    ['destination_version', destinationVersion],
    ['destination_service', destination === undefined ? series.destination : serviceHost(destination)],
    ['destination_canonical_service', reached ? series.destination : UNKNOWN],
    ['destination_canonical_revision', series.destinationVersion ?? 'latest'],
    ['destination_service_name', series.destination],
    ['destination_service_namespace', destination?.namespace ?? UNKNOWN],
    ['destination_cluster', reached ? (destination?.cluster ?? UNKNOWN) : UNKNOWN],
    ['request_protocol', 'http'],
    ['response_flags', series.responseFlags],
    [
      'connection_security_policy',
      series.reporter === 'destination' ? (mtls ? 'mutual_tls' : 'none') : UNKNOWN,
    ],
    ['response_code', String(series.responseCode)],
  ];
}
