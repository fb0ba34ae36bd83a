// How many workers a proxy runs when its mesh sizes them from its container's CPU limit: Istio since 1.18
// sets Envoy's concurrency to the limit rounded up (2500m → 3), Linkerd its proxy's cores likewise; without a
// limit Istio's pilot-agent passes Envoy no concurrency, and Envoy runs a worker per CPU of its node.

import type { ProxyProfile } from '../../config/MeshConfig.js';

/**
 * Workers of a proxy whose container has `cpuLimitCores`: the limit in whole cores, rounded up (at least 1),
 * when `fromLimit` and the limit is finite; without a limit, when `nodeCores` is given (Istio's Envoys), one per
 * core of its node (rounded up); otherwise the profile's. The limit is read in millicores first, as Istio reads
 * it from the downward API (`divisor: 1m`), so 2.0000001 cores is 2 workers, not 3.
 */
export function workersForLimit(
  profileWorkers: number,
  cpuLimitCores: number,
  fromLimit: boolean,
  nodeCores: number | null = null,
): number {
  if (!fromLimit) return profileWorkers;
  const cores = Number.isFinite(cpuLimitCores) ? cpuLimitCores : nodeCores;
  if (cores === null) return profileWorkers;
  return Math.max(1, Math.ceil(Math.round(cores * 1000) / 1000));
}

/**
 * `profile` for a proxy whose container's CPU limit is `cpuLimitCores` (a pod's own limit, or the profile's):
 * the same object when nothing changes, else a copy with that limit and, when `fromLimit`, the workers it gives
 * (without a limit, those of `nodeCores` when given: see `workersForLimit`).
 */
export function profileForLimit<P extends ProxyProfile>(
  profile: P,
  cpuLimitCores: number,
  fromLimit: boolean,
  nodeCores: number | null = null,
): P {
  const workers = workersForLimit(profile.workers, cpuLimitCores, fromLimit, nodeCores);
  const ownLimit = profile.cpuLimitCores ?? Infinity;
  if (workers === profile.workers && cpuLimitCores === ownLimit) return profile;
  return { ...profile, cpuLimitCores, workers };
}
