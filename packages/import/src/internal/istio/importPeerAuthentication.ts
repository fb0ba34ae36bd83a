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
  if (mode === 'UNSET') {
    // pilot: UNSET takes the parent scope's mode; in the root namespace it is PERMISSIVE (authentication.go).
    builder.warnings.note(
      doc,
      ['spec', 'mtls', 'mode'],
      doc.namespace === ISTIO_ROOT_NAMESPACE
        ? "UNSET in Istio's root namespace is PERMISSIVE mesh-wide, Istio's default: mesh.mtls keeps the shape's default"
        : "UNSET inherits the mode of the policy above it (the namespace's, then the mesh-wide one; PERMISSIVE when none): this policy sets nothing, and mesh.mtls keeps what the others give",
    );
    return undefined;
  }
  if (mode === undefined) return undefined;
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
