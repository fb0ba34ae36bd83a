// Which VirtualService Istio's sidecars use for a host that several name: istiod orders VirtualServices by creation
// time, then name, then namespace, and each sidecar keeps the first virtual host for a domain (duplicates are dropped,
// not merged; merging is for gateways only). meshsim imports that one VirtualService's rules for the service.

import type { ImportedService } from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { resolveHost } from './resolveHost.js';

/** The VirtualService whose rules Istio's sidecars apply to each service, by service. */
export type VirtualServiceChoice = ReadonlyMap<ImportedService, SourceDocument>;

/** Whether a VirtualService applies to sidecars: no `gateways`, or `mesh` among them. */
function appliesToSidecars(doc: SourceDocument): boolean {
  const gateways = doc.peek(['spec', 'gateways']);
  return !Array.isArray(gateways) || gateways.length === 0 || gateways.includes('mesh');
}

/**
 * A resource's creation time in ms, or +Infinity without one: a manifest not yet applied is created after the
 * live resources beside it.
 */
function createdAtMs(doc: SourceDocument): number {
  const value = doc.peek(['metadata', 'creationTimestamp']);
  const ms = typeof value === 'string' ? Date.parse(value) : value instanceof Date ? value.getTime() : NaN;
  return Number.isNaN(ms) ? Infinity : ms;
}

/** Istio's order of VirtualServices (pilot configCompareByCreationTime): creation time, then name, then namespace. */
function compareVirtualServices(a: SourceDocument, b: SourceDocument): number {
  const [createdA, createdB] = [createdAtMs(a), createdAtMs(b)];
  if (createdA !== createdB) return createdA < createdB ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  return 0;
}

/**
 * Chooses, for every service that VirtualServices bound to the sidecars (`mesh`) name as a host, the one Istio
 * uses: the first by creation time, then name, then namespace. The others' rules are not applied to that service
 * (importVirtualService warns).
 */
export function chooseVirtualServices(
  docs: readonly SourceDocument[],
  builder: ModelBuilder,
): VirtualServiceChoice {
  const chosen = new Map<ImportedService, SourceDocument>();
  const ordered = docs.filter(appliesToSidecars).sort(compareVirtualServices);
  for (const doc of ordered) {
    const hosts = doc.peek(['spec', 'hosts']);
    if (!Array.isArray(hosts)) continue;
    for (const host of hosts) {
      if (typeof host !== 'string') continue;
      const resolved = resolveHost(builder, host, doc.namespace);
      if ('service' in resolved && !chosen.has(resolved.service)) chosen.set(resolved.service, doc);
    }
  }
  return chosen;
}
