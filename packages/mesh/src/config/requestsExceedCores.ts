// Whether a node's pods request more CPU (or memory) than the node has (Kubernetes would not schedule them all
// there): one rule for the nodes' requests check and for the results that count such nodes.

/**
 * True when `requestedCores` (what a node's pods request: applications and the mesh's proxies) is more than the
 * node's `cores`, beyond a rounding slack of 1e-9 cores.
 */
export function requestsExceedCores(requestedCores: number, cores: number): boolean {
  return requestedCores > cores + 1e-9;
}

/** The same for memory: `requestedMiB` more than the node's `memoryMiB`, beyond a slack of a byte. */
export function requestsExceedMemory(requestedMiB: number, memoryMiB: number): boolean {
  return requestedMiB > memoryMiB + 1 / 2 ** 20;
}
