// Istio PeerAuthentication → the mesh-wide `mesh.mtls`: STRICT and PERMISSIVE keep mTLS between sidecars,
// DISABLE turns it off. Only a policy in the root namespace without selector, or in a namespace holding
// every service, is mesh-wide; others are reported.

import { readKeys } from '../kubernetes/readKeys.js';
import { useIdentity } from '../kubernetes/useIdentity.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { ISTIO_ROOT_NAMESPACE } from './istioRootNamespace.js';

/** The scope and mode of PeerAuthentication policies, kept for the mesh decision. */
export interface MtlsSetting {
  mtls: boolean;
  doc: SourceDocument;
}

/** Imports a PeerAuthentication, returning the mesh-wide mTLS it sets (if any). */
export function importPeerAuthentication(
  doc: SourceDocument,
  builder: ModelBuilder,
): MtlsSetting | undefined {
  useIdentity(doc);
  readKeys(doc, ['metadata', 'labels'], []);
  readKeys(doc, ['metadata', 'annotations'], []);
  builder.evidence.istio.push(doc.ref());
  const mode = doc.get(['spec', 'mtls', 'mode']);
  if (doc.peek(['spec', 'portLevelMtls']) !== undefined) {
    doc.use(['spec', 'portLevelMtls']);
    builder.warnings.at(doc, ['spec', 'portLevelMtls'], 'not modelled: meshsim does not model ports');
  }
  if (mode === undefined || mode === 'UNSET') return undefined;
  if (mode !== 'STRICT' && mode !== 'PERMISSIVE' && mode !== 'DISABLE') {
    builder.warnings.at(doc, ['spec', 'mtls', 'mode'], `unknown mode ${JSON.stringify(mode)}; ignored`);
    return undefined;
  }
  const mtls = mode !== 'DISABLE';
  if (doc.peek(['spec', 'selector']) !== undefined) {
    doc.use(['spec', 'selector']);
    builder.warnings.at(
      doc,
      ['spec', 'selector'],
      "per-workload mTLS is not expressible: meshsim's mesh.mtls is mesh-wide; not imported",
    );
    return undefined;
  }
  const everyService = builder.model.services.every((s) => s.namespace === doc.namespace);
  if (doc.namespace !== ISTIO_ROOT_NAMESPACE && !everyService) {
    builder.warnings.at(
      doc,
      ['spec', 'mtls'],
      `per-namespace mTLS (namespace ${doc.namespace}) is not expressible: meshsim's mesh.mtls is mesh-wide and other namespaces have services; not imported`,
    );
    return undefined;
  }
  return { mtls, doc };
}
