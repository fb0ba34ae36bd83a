// The mesh's control plane as faults see it: while it is down, endpoint changes wait (callers keep
// sending to stale endpoints); when it returns, the waiting endpoint lists are refreshed.

import type { EndpointList } from '../server/EndpointList.js';

/** Whether the control plane is up, and the endpoint lists whose change is waiting for it. */
export class ControlPlane {
  up = true;
  /** Endpoint lists (services', waypoint replicas') whose change arrived while the control plane was down. */
  readonly stale = new Set<EndpointList>();
}
