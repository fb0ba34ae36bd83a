// Reads labels and annotations. Ordinary keys (app, version, team, …) identify things and are read without
// comment; mesh keys (Istio's and Linkerd's prefixes) the importer does not handle stay unused, so they are
// reported as not modelled.

import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { stringMap } from '../stringMap.js';

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

/** True if `key` is a mesh label or annotation. */
export function isMeshKey(key: string): boolean {
  return MESH_KEY_PREFIXES.some((prefix) => key.startsWith(prefix));
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
