// Kubernetes Namespace: the labels and annotations that decide mesh injection for its pods.

import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { readKeys } from './readKeys.js';
import { useIdentity } from './useIdentity.js';

/** Namespace labels and annotations the importer reads (mesh injection, ambient, waypoints). */
export const NAMESPACE_KEYS: readonly string[] = [
  'istio-injection',
  'istio.io/rev',
  'istio.io/dataplane-mode',
  'istio.io/use-waypoint',
  'istio.io/use-waypoint-namespace',
  'linkerd.io/inject',
];

/** Records a Namespace and its injection labels and annotations. */
export function importNamespace(doc: SourceDocument, builder: ModelBuilder): void {
  useIdentity(doc);
  builder.model.namespaces.push({
    from: doc.ref(),
    name: doc.name,
    labels: readKeys(doc, ['metadata', 'labels'], NAMESPACE_KEYS),
    annotations: readKeys(doc, ['metadata', 'annotations'], NAMESPACE_KEYS),
  });
}
