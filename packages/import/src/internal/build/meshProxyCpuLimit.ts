// The mesh's proxy CPU limit from the pods' annotations (`sidecar.istio.io/proxyCPULimit` for Istio's Envoy
// sidecars, `config.linkerd.io/proxy-cpu-limit` for Linkerd's proxy): meshsim gives every proxy of a shape one
// profile, so the workloads' values become one, the largest, with a warning when they differ.

import type { ImportModel, SourceRef } from '../../ImportModel.js';
import type { WarningLog } from '../WarningLog.js';
import { shortRefs } from '../model/describeRefs.js';
import { formatCpu } from '../units/formatCpu.js';

/** The mesh option a shape's proxy profile is written under. */
const PROFILE_FIELD: Readonly<Record<string, string>> = {
  'istio-sidecar': 'sidecar',
  linkerd: 'linkerdProxy',
};

/** A proxy CPU limit for the scenario's `mesh`: `mesh[field].cpuLimit = cpuLimit`. */
export interface MeshProxyCpuLimit {
  /** `sidecar` or `linkerdProxy`. */
  field: string;
  /** As a manifest writes it (`500m`, `2`). */
  cpuLimit: string | number;
  from: SourceRef[];
}

/**
 * The proxy CPU limit of `shape` the workloads' annotations set, or undefined when none does. Annotations for
 * another shape's proxy are warned and left out; so is the limit when the mesh comes from the fragment.
 */
export function meshProxyCpuLimit(
  model: ImportModel,
  shape: string | undefined,
  fromFragment: boolean,
  warnings: WarningLog,
): MeshProxyCpuLimit | undefined {
  const set = model.workloads.flatMap((workload) =>
    (workload.proxyCpuLimits ?? []).map((limit) => ({ workload, limit })),
  );
  if (set.length === 0) return undefined;
  const field = shape === undefined ? undefined : PROFILE_FIELD[shape];
  const other = set.filter(({ limit }) => limit.shape !== shape || fromFragment);
  if (other.length > 0) {
    const keys = [...new Set(other.map(({ limit }) => limit.key))].join(', ');
    warnings.general(
      '',
      `${keys} on ${shortRefs(other.map(({ workload }) => workload.from))}: not imported (${
        fromFragment ? "the --graph fragment's mesh is used" : `the mesh is ${shape ?? 'none'}`
      })`,
    );
  }
  const mine = set.filter(({ limit }) => limit.shape === shape && !fromFragment);
  if (field === undefined || mine.length === 0) return undefined;
  const cores = Math.max(...mine.map(({ limit }) => limit.cores));
  const values = new Set(mine.map(({ limit }) => limit.cores));
  const without = model.workloads.filter((w) => !(w.proxyCpuLimits ?? []).some((l) => l.shape === shape));
  if (values.size > 1 || without.length > 0) {
    const each = mine.map(
      ({ workload, limit }) => `${workload.kind}/${workload.name} ${String(formatCpu(limit.cores))}`,
    );
    warnings.general(
      '',
      `the workloads' proxies have different CPU limits (${[...each, ...without.map((w) => `${w.kind}/${w.name} the default`)].join(', ')}); meshsim gives every ${shape} proxy one profile: mesh.${field}.cpuLimit ${String(formatCpu(cores))}, the largest set`,
    );
  }
  return { field, cpuLimit: formatCpu(cores), from: mine.map(({ workload }) => workload.from) };
}
