// Kubernetes Service: the unit callers address. Its selector decides which workloads back it; its labels
// and annotations carry ambient waypoints and Linkerd policies (read in a later phase).

import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { stringMap } from '../stringMap.js';
import { LINKERD_SERVICE_ANNOTATIONS } from '../linkerd/linkerdAnnotationKeys.js';
import { readKeys } from './readKeys.js';
import { useIdentity } from './useIdentity.js';

/** Records a Service. */
export function importService(doc: SourceDocument, builder: ModelBuilder): void {
  useIdentity(doc);
  const service = builder.service(doc.name, doc.namespace, doc.ref(), doc, ['metadata', 'name']);
  service.serviceLabels = readKeys(
    doc,
    ['metadata', 'labels'],
    ['istio.io/use-waypoint', 'istio.io/use-waypoint-namespace'],
  );
  service.serviceAnnotations = readKeys(doc, ['metadata', 'annotations'], LINKERD_SERVICE_ANNOTATIONS);
  builder.serviceDocs.set(service, doc);

  const type = doc.get(['spec', 'type']);
  if (type === 'ExternalName') {
    builder.warnings.at(
      doc,
      ['spec', 'type'],
      'an ExternalName Service has no pods in the cluster; it is imported as a service of 1 replica',
    );
  } else if (type !== undefined && type !== 'ClusterIP') {
    builder.warnings.at(
      doc,
      ['spec', 'type'],
      `type ${String(type)}: exposure outside the cluster is not modelled; calls reach it as a ClusterIP Service`,
    );
  }
  if (doc.get(['spec', 'clusterIP']) === 'None') {
    builder.warnings.at(
      doc,
      ['spec', 'clusterIP'],
      'a headless Service: callers reach pods directly; meshsim balances over its instances as for any Service',
    );
  }
  const selector = doc.get(['spec', 'selector']);
  if (selector === undefined) {
    if (type !== 'ExternalName') {
      builder.warnings.at(
        doc,
        ['spec'],
        'no selector: its endpoints are managed outside Kubernetes; its replicas are not known (1 is used)',
      );
    }
  } else {
    service.selector = stringMap(selector);
  }
}
