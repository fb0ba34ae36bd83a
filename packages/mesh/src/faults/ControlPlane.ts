// The mesh's control plane as faults see it: while it is down, endpoint changes wait (callers keep
// sending to stale endpoints); when it returns, the waiting services are refreshed.

import type { InstanceService } from '../server/Instance.js';

/** Whether the control plane is up, and the services whose endpoint change is waiting for it. */
export class ControlPlane {
  up = true;
  /** Services whose endpoint change arrived while the control plane was down. */
  readonly stale = new Set<InstanceService>();
}
