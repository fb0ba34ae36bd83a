// A container's memory request and limit, as its pod's Kubernetes QoS class counts them (memory use is not modelled).

/** A container's memory request and limit. */
export interface ContainerMemory {
  /** Its request [MiB] (a limit alone counts as the request, as Kubernetes copies it); 0: none. */
  readonly requestMiB: number;
  /** Its limit [MiB]; Infinity: none. */
  readonly limitMiB: number;
}

/** A container that states no memory. */
export const NO_MEMORY: ContainerMemory = { requestMiB: 0, limitMiB: Infinity };
