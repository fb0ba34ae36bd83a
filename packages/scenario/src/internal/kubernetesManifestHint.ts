// Recognises Kubernetes manifests given where a scenario is expected (`meshsim run k8s/apps.yaml`): a document with
// `apiVersion` or `kind` at its top, or several `---` documents. The loader then says to import them instead of
// reporting a YAML-library message or unknown fields. A plain look at the parsed document: no import code.

import type { Document } from 'yaml';
import { isMap, isScalar } from 'yaml';

/** The top-level `kind` (or `''` with an `apiVersion` but no kind) of `doc`, or undefined when it has neither. */
function manifestKind(doc: Document.Parsed): string | undefined {
  if (!isMap(doc.contents)) return undefined;
  let kind: string | undefined;
  let apiVersion = false;
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (key === 'apiVersion') apiVersion = true;
    if (key === 'kind' && isScalar(pair.value) && typeof pair.value.value === 'string')
      kind = pair.value.value;
  }
  return kind ?? (apiVersion ? '' : undefined);
}

/**
 * Why `doc` (the first document of `fileName`) is no scenario but looks like Kubernetes manifests, or undefined when it
 * does not: `looks like Kubernetes manifests (kind: Deployment): import them with \`meshsim import k8s.yaml\``.
 *
 * @param several - True when the file holds more than one YAML document.
 */
export function kubernetesManifestHint(
  doc: Document.Parsed,
  fileName: string,
  several: boolean,
): string | undefined {
  const kind = manifestKind(doc);
  if (kind === undefined && !several) return undefined;
  const command = `\`meshsim import ${fileName}\` (it writes a scenario: docs/import.md)`;
  if (kind === undefined) {
    return `holds several YAML documents (---) where a scenario is one; if they are Kubernetes manifests, import them with ${command}`;
  }
  return `looks like Kubernetes manifests (${kind === '' ? 'apiVersion' : `kind: ${kind}`}), not a scenario: import them with ${command}`;
}
