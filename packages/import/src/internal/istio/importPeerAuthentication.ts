// Istio PeerAuthentication (istio/api security/v1beta1/peer_authentication.proto) → `mesh.mtls`, which is
// mesh-wide in meshsim. A policy counts as mesh-wide in Istio's root namespace (istio-system) without a
// selector, or in a namespace holding every imported service. STRICT and PERMISSIVE keep mTLS between
// sidecars (auto mTLS); DISABLE turns it off; UNSET inherits.

import { readKeys, useIdentity } from '../kubernetes/readMetadata.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { SourceDocument } from '../source/SourceDocument.js';

/** Istio's default root namespace, where policies without a selector apply to the whole mesh. */
export const ISTIO_ROOT_NAMESPACE = 'istio-system';

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
