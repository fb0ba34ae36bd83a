// The proxies' CPU limits or requests from the pods' annotations (`sidecar.istio.io/proxyCPULimit` / `proxyCPU`
// for Istio's Envoy sidecars, `config.linkerd.io/proxy-cpu-limit` / `proxy-cpu-request` for Linkerd's proxy) or
// their injected containers: one mesh-wide value when every workload sets the same, otherwise each workload's
// service gets its own (`proxyCpuLimit`, `proxyCpuRequest`), as the pods have.

import type { ImportModel, ImportedService, SourceRef } from '../../ImportModel.js';
import type { WarningLog } from '../WarningLog.js';
import { shortRefs } from '../model/describeRefs.js';
import { formatCpu } from '../units/formatCpu.js';

/** The mesh option a shape's proxy profile is written under. */
const PROFILE_FIELD: Readonly<Record<string, string>> = {
  'istio-sidecar': 'sidecar',
  linkerd: 'linkerdProxy',
};

/** A service's own proxy CPU limit or request: `services[service].proxyCpuLimit` (or `proxyCpuRequest`) = `cores`. */
export interface ServiceProxyCpuLimit {
  service: string;
  /** As a manifest writes it (`500m`, `2`). */
  cores: string | number;
  from: SourceRef[];
}

/** The proxy CPU limits (or requests) the annotations set, mesh-wide or per service. */
export type ProxyCpuLimits =
  | {
      kind: 'mesh';
      /** `sidecar` or `linkerdProxy`: `mesh[field].cpuLimit` (or `cpuRequest`) = `cores`. */
      field: string;
      cores: string | number;
      from: SourceRef[];
    }
  | { kind: 'services'; services: ServiceProxyCpuLimit[] };

/**
 * The proxy CPU limits of `shape` the workloads' annotations set, or undefined when none does: mesh-wide when
 * every workload sets the same value, else per service (a service whose workloads differ gets the largest,
 * warned). Annotations for another shape's proxy are warned and left out; so are all of them when the mesh
 * comes from the fragment.
 */
export function proxyCpuLimits(
  model: ImportModel,
  shape: string | undefined,
  fromFragment: boolean,
  warnings: WarningLog,
  what: 'limit' | 'request' = 'limit',
): ProxyCpuLimits | undefined {
  const set = model.workloads.flatMap((workload) =>
    (workload.proxyCpuLimits ?? [])
      .filter((limit) => limit.what === what)
      .map((limit) => ({ workload, limit })),
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
  const values = new Set(mine.map(({ limit }) => limit.cores));
  const without = model.workloads.filter(
    (w) => !(w.proxyCpuLimits ?? []).some((l) => l.shape === shape && l.what === what),
  );
  if (values.size === 1 && without.length === 0) {
    const [cores] = values;
    return {
      kind: 'mesh',
      field,
      cores: formatCpu(cores ?? 0),
      from: mine.map(({ workload, limit }) => limit.from ?? workload.from),
    };
  }
  const services: ServiceProxyCpuLimit[] = [];
  for (const service of model.services) {
    const own = mine.filter(({ workload }) => service.workloads.includes(workload));
    if (own.length === 0) continue;
    services.push(serviceLimit(service, own, shape ?? '', what, warnings));
  }
  return { kind: 'services', services };
}

/** One service's limit from its workloads' annotations: the largest, warned when they differ. */
function serviceLimit(
  service: ImportedService,
  own: readonly {
    workload: ImportedService['workloads'][number];
    limit: { cores: number; from?: SourceRef };
  }[],
  shape: string,
  what: 'limit' | 'request',
  warnings: WarningLog,
): ServiceProxyCpuLimit {
  const cores = Math.max(...own.map(({ limit }) => limit.cores));
  const unset = service.workloads.filter((w) => !own.some(({ workload }) => workload === w));
  if (new Set(own.map(({ limit }) => limit.cores)).size > 1 || unset.length > 0) {
    const each = [
      ...own.map(
        ({ workload, limit }) => `${workload.kind}/${workload.name} ${String(formatCpu(limit.cores))}`,
      ),
      ...unset.map((w) => `${w.kind}/${w.name} the default`),
    ];
    warnings.general(
      '',
      `service "${service.name}": its workloads' ${shape} proxies have different CPU ${what}s (${each.join(', ')}); meshsim gives a service's sidecars one ${what}: ${what === 'limit' ? 'proxyCpuLimit' : 'proxyCpuRequest'} ${String(formatCpu(cores))}, the largest set`,
    );
  }
  return {
    service: service.name,
    cores: formatCpu(cores),
    from: own.map(({ workload, limit }) => limit.from ?? workload.from),
  };
}
