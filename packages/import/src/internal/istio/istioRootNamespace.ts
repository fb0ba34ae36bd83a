// Istio's root namespace: policies there without a selector apply to the whole mesh.

/** Istio's default root namespace (`istio-system`). */
export const ISTIO_ROOT_NAMESPACE = 'istio-system';
