// The proxy profiles a run's mesh ran with, for its result: each with every field filled as the model reads it
// (a default made explicit; null for none) and the fields the scenario set.

import type { MeshConfig } from '../config/MeshConfig.js';
import { proxyRequestedCpuCores } from '../config/requestedCpuCores.js';
import { proxyContainerMemory } from '../config/requestedMemoryMiB.js';
import type { ResolvedProxyProfile } from '../config/SimulationResult.js';
import { meshProfiles } from '../shapes/resolveMeshConfig.js';

/** A profile's number, null for Infinity (none: no limit, no queueing). */
function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** `SimulationResult.scenario.meshProfiles` of a run of `mesh`: its profiles, every field filled. */
export function resolvedProfiles(mesh: MeshConfig): ResolvedProxyProfile[] {
  return meshProfiles(mesh).map(({ name, kind, profile, written }) => {
    const memory = proxyContainerMemory(profile);
    return {
      name,
      kind,
      setByScenario: [...written],
      latencyMs: profile.latencyMs,
      workers: finiteOrNull(profile.workers),
      cpuMsPerRequest: profile.cpuMsPerRequest,
      cpuMsPerKiB: profile.cpuMsPerKiB ?? 0,
      memoryBaseMiB: profile.memoryBaseMiB,
      memoryPerEndpointKiB: profile.memoryPerEndpointKiB,
      memoryPerConnectionKiB: profile.memoryPerConnectionKiB ?? 0,
      cpuLimitCores: finiteOrNull(profile.cpuLimitCores ?? Infinity),
      cpuRequestCores: proxyRequestedCpuCores(profile),
      memoryRequestMiB: memory.requestMiB,
      memoryLimitMiB: finiteOrNull(memory.limitMiB),
      tlsHandshakeCpuMs: profile.tlsHandshakeCpuMs ?? 0,
      ...('replicas' in profile && { replicas: profile.replicas }),
    };
  });
}
