// The kind a resource is read as: its `kind`, or `MockServiceGraph` for an isotope graph written without
// one (isotope's example topologies carry no apiVersion or kind).

import { isRecord } from './isRecord.js';
import type { SourceDocument } from './source/SourceDocument.js';

/** The kind a resource is read as: its `kind`, or `MockServiceGraph` for a kind-less isotope graph. */
export function kindOf(doc: SourceDocument): string {
  if (doc.kind === '' && Array.isArray(doc.value['services']) && doc.value['services'].every(isRecord)) {
    return 'MockServiceGraph';
  }
  return doc.kind;
}
