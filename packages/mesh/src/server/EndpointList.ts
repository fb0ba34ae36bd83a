// An endpoint list callers choose from, rebuilt from the pods Kubernetes counts Ready: what fault handling refreshes
// after the mesh's endpoint update delay (or once the control plane is back).

/** A service's instances (`InstanceService`), or a data plane's proxy pods (`DataPlane.proxyEndpoints`). */
export interface EndpointList {
  /** Rebuilds the list from the pods Ready now. */
  refreshEndpoints(): void;
}
