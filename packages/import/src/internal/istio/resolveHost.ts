// Resolves a Kubernetes service host as Istio and Linkerd write it — `reviews`, `reviews.prod`,
// `reviews.prod.svc`, `reviews.prod.svc.cluster.local` — to an imported service. A short name is
// relative to the namespace of the resource that names it.

import type { ImportedService } from '../../ImportModel.js';
import { FRAGMENT_KIND } from '../build/seedFragmentServices.js';
import { describeRefs } from '../model/describeRefs.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';

/** The outcome of resolving a host: the service, or why there is none. */
export type HostResolution = { service: ImportedService } | { problem: string };

/**
 * Resolves `host` (named in a resource of `namespace`) to an imported service.
 *
 * @returns The service, or a sentence on why the host is not one: a wildcard, an external host, or a
 *   service that is not in the graph (listing the services that are, or, when a service of that name is in
 *   another namespace, saying so and how to fix it).
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
  const elsewhere = builder.model.services.find((s) => s.sourceName === name);
  if (elsewhere !== undefined) return { problem: otherNamespace(host, name, ns, elsewhere) };
  const known = builder.model.services.map((s) =>
    s.namespace === 'default' ? s.sourceName : `${s.sourceName}.${s.namespace}`,
  );
  return {
    problem: `host "${host}" (service "${name}" in namespace ${ns}) is not in the graph (services: ${known.join(', ') || 'none'})`,
  };
}

/**
 * Why `host` (service `name` in namespace `ns`) does not resolve when a service `name` is in another namespace:
 * a --graph service's namespace is `default` unless it says otherwise, the usual slip with Istio files in an
 * application namespace.
 */
function otherNamespace(host: string, name: string, ns: string, service: ImportedService): string {
  const start = `host "${host}" names service "${name}" in namespace ${ns}, but`;
  if (service.from.every((ref) => ref.kind === FRAGMENT_KIND)) {
    const unset =
      service.namespace === 'default' ? ' (a --graph service without `namespace:` is in default)' : '';
    return `${start} the graph's service "${name}" is in namespace ${service.namespace}${unset}: add \`namespace: ${ns}\` to it in the graph`;
  }
  return `${start} service "${name}" is in namespace ${service.namespace} (${describeRefs(service.from)}): write the host as ${name}.${service.namespace} or put the resource in namespace ${service.namespace}`;
}
