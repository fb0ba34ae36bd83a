// The nodes and proxies saturated over a run, from the figures the result keeps per run only (each node's CPU
// utilisation, each proxy kind's CPU, queued traversals and CPU wait): where calls wait though no service is busy.

import type { SimulationResult } from '@meshsim/mesh';

import type { ResourceSaturation, SaturatedNode, SaturatedProxy } from '../../diagnosis/Diagnosis.js';
import type { DiagnosisThresholds } from '../../diagnosis/DiagnosisThresholds.js';

/** Time the result's figures cover [ms]: the run's duration, or where a guard stopped it. */
function measuredMs(result: SimulationResult): number {
  return result.stopped?.atMs ?? result.scenario.durationMs;
}

/** Workers of one proxy of `kind`, from the profiles the run used; null when unlimited or not known. */
function workersOf(result: SimulationResult, kind: string): number | null {
  const profile = result.scenario.meshProfiles?.find((p) => p.kind === kind);
  return profile === undefined ? null : profile.workers;
}

/**
 * The nodes whose mean CPU utilisation over the run is at least `nodeCpuUtilisation`, and the proxy kinds whose
 * workers were busy (CPU ÷ (proxies × workers) ≥ `loopUtilisation`) or whose containers waited for a core at least
 * `proxyCpuWaitRatio` × as long as they ran (docs/analysis.md#node-cpu-and-proxies); null when none was.
 */
export function resourceSaturation(
  result: SimulationResult,
  t: DiagnosisThresholds,
): ResourceSaturation | null {
  const spanMs = measuredMs(result);
  const nodes: SaturatedNode[] = result.nodes
    .filter((node) => node.utilisation >= t.nodeCpuUtilisation)
    .map((node) => ({ node: node.name, cores: node.cores, utilisation: node.utilisation }))
    .sort((a, b) => b.utilisation - a.utilisation || a.node.localeCompare(b.node));
  const proxies: SaturatedProxy[] = [];
  for (const kind of result.proxies.byKind) {
    if (kind.count === 0) continue;
    const cpuMs = kind.cpuCores * spanMs;
    const workers = workersOf(result, kind.kind);
    const workerUtilisation =
      workers === null || workers <= 0 ? null : kind.cpuCores / (kind.count * workers);
    const busy = workerUtilisation !== null && workerUtilisation >= t.loopUtilisation;
    const starved = cpuMs > 0 && kind.cpuWaitMs >= t.proxyCpuWaitRatio * cpuMs;
    if (!busy && !starved) continue;
    proxies.push({
      kind: kind.kind,
      count: kind.count,
      queued: kind.queued,
      traversals: kind.traversals ?? null,
      cpuMs,
      cpuWaitMs: kind.cpuWaitMs,
      workerUtilisation,
    });
  }
  if (nodes.length === 0 && proxies.length === 0) return null;
  proxies.sort((a, b) => b.cpuWaitMs - a.cpuWaitMs || b.queued - a.queued || a.kind.localeCompare(b.kind));
  return {
    nodes,
    proxies,
    appCpuWaitMs: result.services.reduce((sum, s) => sum + s.cpuWaitMs, 0),
    proxyCpuWaitMs: result.proxies.byKind.reduce((sum, k) => sum + k.cpuWaitMs, 0),
  };
}
