// Marks a resource's identity (kind, apiVersion, name, namespace) as read.

import type { SourceDocument } from '../source/SourceDocument.js';

/** Marks `kind`, `apiVersion`, `metadata.name` and `metadata.namespace` as used. */
export function useIdentity(doc: SourceDocument): void {
  doc.use(['kind']);
  doc.use(['apiVersion']);
  doc.use(['metadata', 'name']);
  doc.use(['metadata', 'namespace']);
}
