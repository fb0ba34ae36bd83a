// Reading a resource's identity, labels and annotations. Ordinary labels and annotations (app, version,
// team, …) identify things and are read without comment; mesh-related ones (Istio's and Linkerd's
// prefixes) that the importer does not handle are left unused, so they are reported as not modelled.

import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { stringMap } from '../values.js';

/** Label and annotation prefixes of the meshes; a key under one of them is configuration, not identity. */
export const MESH_KEY_PREFIXES: readonly string[] = [
  'istio.io/',
  'sidecar.istio.io/',
  'proxy.istio.io/',
  'traffic.sidecar.istio.io/',
  'networking.istio.io/',
  'security.istio.io/',
  'ambient.istio.io/',
  'istio-injection',
  'linkerd.io/',
  'config.linkerd.io/',
  'config.alpha.linkerd.io/',
  'balancer.linkerd.io/',
  'balancer.alpha.linkerd.io/',
  'retry.linkerd.io/',
  'timeout.linkerd.io/',
  'policy.linkerd.io/',
];

/** Fields of live objects (`kubectl get -o yaml`) that are bookkeeping, not configuration: never reported. */
export const BOOKKEEPING_FIELDS: readonly FieldPath[] = [
  ['metadata', 'uid'],
  ['metadata', 'resourceVersion'],
  ['metadata', 'generation'],
  ['metadata', 'creationTimestamp'],
  ['metadata', 'managedFields'],
  ['metadata', 'selfLink'],
  ['metadata', 'annotations', 'kubectl.kubernetes.io/last-applied-configuration'],
  ['metadata', 'annotations', 'deployment.kubernetes.io/revision'],
  ['status'],
];

/** True if `key` is a mesh label or annotation. */
export function isMeshKey(key: string): boolean {
  return MESH_KEY_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/** Marks `kind`, `apiVersion`, `metadata.name` and `metadata.namespace` as used. */
export function useIdentity(doc: SourceDocument): void {
  doc.use(['kind']);
  doc.use(['apiVersion']);
  doc.use(['metadata', 'name']);
  doc.use(['metadata', 'namespace']);
}

/**
 * Reads the string mapping at `path` (labels or annotations), marking each key as used except mesh keys
 * not listed in `handled`.
 */
export function readKeys(
  doc: SourceDocument,
  path: FieldPath,
  handled: readonly string[],
): Record<string, string> {
  const values = stringMap(doc.peek(path));
  for (const key of Object.keys(values)) {
    if (!isMeshKey(key) || handled.includes(key)) doc.use([...path, key]);
  }
  return values;
}
