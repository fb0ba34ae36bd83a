// Which data plane a pod joins, by the meshes' documented rules: Istio sidecar injection labels (a disabled
// one wins), Istio ambient's dataplane mode (a sidecar takes precedence), Linkerd's inject annotation on the
// pod, workload or namespace.

import type { ImportedNamespace } from '../../ImportModel.js';

/** The data planes a pod can join, or `null` for none. */
export type PodMesh = 'istio-sidecar' | 'istio-ambient' | 'linkerd' | null;

/** A pod's labels and annotations, and its workload's annotations. */
export interface PodMetadata {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  workloadAnnotations: Record<string, string>;
}

const NO_LABELS: Record<string, string> = {};

/** The data plane a pod with `pod` metadata in namespace `namespace` joins. */
export function injectionOf(pod: PodMetadata, namespace: ImportedNamespace | undefined): PodMesh {
  const nsLabels = namespace?.labels ?? NO_LABELS;
  const nsAnnotations = namespace?.annotations ?? NO_LABELS;

  const podInject = pod.labels['sidecar.istio.io/inject'] ?? pod.annotations['sidecar.istio.io/inject'];
  const nsInjection = nsLabels['istio-injection'];
  const sidecarDisabled = podInject === 'false' || nsInjection === 'disabled';
  const sidecarEnabled =
    podInject === 'true' ||
    nsInjection === 'enabled' ||
    pod.labels['istio.io/rev'] !== undefined ||
    nsLabels['istio.io/rev'] !== undefined;
  if (!sidecarDisabled && sidecarEnabled) return 'istio-sidecar';

  const podMode = pod.labels['istio.io/dataplane-mode'];
  if (podMode === 'ambient' || (podMode !== 'none' && nsLabels['istio.io/dataplane-mode'] === 'ambient')) {
    return 'istio-ambient';
  }

  const linkerd =
    pod.annotations['linkerd.io/inject'] ??
    pod.workloadAnnotations['linkerd.io/inject'] ??
    nsAnnotations['linkerd.io/inject'];
  if (linkerd === 'enabled' || linkerd === 'ingress') return 'linkerd';
  return null;
}
