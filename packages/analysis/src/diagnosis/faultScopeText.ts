// How many instances a fault hits, in words, for the descriptions of faults (diagnosis triggers, report labels): a
// count, all of them, or a percentage of the service's pods with the count it resolved to.

import type { FaultConfig } from '@meshsim/mesh';

/**
 * `1 instance`, `all instances`, or for a fault written as a percentage of pods `2 instances: 30 % of its 7 pods`
 * (`… of its pods` when `replicas` is not known).
 *
 * @param fault - The fault (its `instances`, and `instancesPercent` when the scenario wrote a percentage).
 * @param replicas - The service's replicas, if known.
 */
export function faultScopeText(fault: FaultConfig, replicas?: number): string {
  if (!Number.isFinite(fault.instances)) return 'all instances';
  const count = `${fault.instances} instance${fault.instances === 1 ? '' : 's'}`;
  if (fault.instancesPercent === undefined) return count;
  const pods = replicas === undefined ? 'its pods' : `its ${replicas} pod${replicas === 1 ? '' : 's'}`;
  return `${count}: ${fault.instancesPercent} % of ${pods}`;
}
