// Resolves a Kubernetes service host as Istio and Linkerd write it — `reviews`, `reviews.prod`,
// `reviews.prod.svc`, `reviews.prod.svc.cluster.local` — to an imported service. A short name is
// relative to the namespace of the resource that names it.

import type { ImportedService } from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';

/** The outcome of resolving a host: the service, or why there is none. */
export type HostResolution = { service: ImportedService } | { problem: string };

/**
 * Resolves `host` (named in a resource of `namespace`) to an imported service.
 *
 * @returns The service, or a sentence on why the host is not one: a wildcard, an external host, or a
 *   service that is not in the graph (listing the services that are).
 */
export function resolveHost(builder: ModelBuilder, host: string, namespace: string): HostResolution {
  if (host.includes('*')) {
    return { problem: `host "${host}" is a wildcard; meshsim applies rules to named services only` };
  }
  const parts = host.split('.');
  const [name = '', ns = namespace, svc] = parts;
  if (parts.length > 2 && svc !== 'svc') {
    return {
      problem: `host "${host}" is not a Kubernetes service name (an external host?); it is not in the graph`,
    };
  }
  const service = builder.findService(name, ns);
  if (service !== undefined) return { service };
  const known = builder.model.services.map((s) =>
    s.namespace === 'default' ? s.sourceName : `${s.sourceName}.${s.namespace}`,
  );
  return {
    problem: `host "${host}" (service "${name}" in namespace ${ns}) is not in the graph (services: ${known.join(', ') || 'none'})`,
  };
}
