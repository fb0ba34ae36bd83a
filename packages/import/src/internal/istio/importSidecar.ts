// Istio Sidecar (istio/api networking/v1alpha3/sidecar.proto): it limits the endpoints a sidecar holds.
// meshsim's proxy memory counts every endpoint of the mesh (memoryPerEndpoint), so the scope is reported.

import { readKeys } from '../kubernetes/readKeys.js';
import { useIdentity } from '../kubernetes/useIdentity.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { SourceDocument } from '../source/SourceDocument.js';

/** Reports a Sidecar resource: its endpoint scope is not modelled. */
export function importSidecar(doc: SourceDocument, builder: ModelBuilder): void {
  useIdentity(doc);
  readKeys(doc, ['metadata', 'labels'], []);
  readKeys(doc, ['metadata', 'annotations'], []);
  builder.evidence.istio.push(doc.ref());
  const egress = doc.peek(['spec', 'egress']);
  const hosts = Array.isArray(egress)
    ? egress.flatMap((listener: unknown) =>
        typeof listener === 'object' &&
        listener !== null &&
        Array.isArray((listener as { hosts?: unknown }).hosts)
          ? ((listener as { hosts: unknown[] }).hosts.filter((h) => typeof h === 'string') as string[])
          : [],
      )
    : [];
  doc.use(['spec']);
  builder.warnings.at(
    doc,
    ['spec'],
    `not modelled yet: the scope of endpoints a sidecar holds${hosts.length > 0 ? ` (egress hosts ${hosts.join(', ')})` : ''}; meshsim's proxies hold every endpoint of the mesh (memoryPerEndpoint)`,
  );
}
