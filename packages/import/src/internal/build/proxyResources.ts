// The proxies' CPU limits and requests and memory requests from the pods' annotations (`sidecar.istio.io/
// proxyCPULimit` / `proxyCPU` / `proxyMemory` for Istio's Envoy sidecars, `config.linkerd.io/proxy-cpu-limit` /
// `proxy-cpu-request` / `proxy-memory-request` for Linkerd's proxy) or their injected containers: one mesh-wide
// value when every workload sets the same, otherwise each workload's service gets its own, as the pods have.

import type { ImportModel, ImportedService, ProxyResourceKind, SourceRef } from '../../ImportModel.js';
import type { WarningLog } from '../WarningLog.js';
import { shortRefs } from '../model/describeRefs.js';
import { formatCpu } from '../units/formatCpu.js';
import { formatMemory } from '../units/formatMemory.js';
import { maxOf } from '@meshsim/mesh';

/** The mesh option a shape's proxy profile is written under. */
const PROFILE_FIELD: Readonly<Record<string, string>> = {
  'istio-sidecar': 'sidecar',
  linkerd: 'linkerdProxy',
};

/** Where each kind of proxy resource goes in the scenario, and how it is written and named. */
export const PROXY_RESOURCE_FIELDS: Readonly<
  Record<
    ProxyResourceKind,
    {
      /** In the mesh's proxy profile (`mesh.sidecar.cpuLimit`). */
      profileField: string;
      /** On a service (`services.<name>.proxyCpuLimit`). */
      serviceField: string;
      /** As a warning names it. */
      noun: string;
      /** As a manifest writes it. */
      format: (amount: number) => string | number;
    }
  >
> = {
  'cpu-limit': {
    profileField: 'cpuLimit',
    serviceField: 'proxyCpuLimit',
    noun: 'CPU limit',
    format: formatCpu,
  },
  'cpu-request': {
    profileField: 'cpuRequest',
    serviceField: 'proxyCpuRequest',
    noun: 'CPU request',
    format: formatCpu,
  },
  'memory-request': {
    profileField: 'memoryRequest',
    serviceField: 'proxyMemoryRequest',
    noun: 'memory request',
    format: formatMemory,
  },
  'memory-limit': {
    profileField: 'memoryLimit',
    serviceField: 'proxyMemoryLimit',
    noun: 'memory limit',
    format: formatMemory,
  },
};

/** A service's own proxy resource: `services[service][serviceField]` = `value`. */
export interface ServiceProxyResource {
  service: string;
  /** As a manifest writes it (`500m`, `2`, `128Mi`). */
  value: string | number;
  from: SourceRef[];
}

/** The proxy resource of one kind the pods set, mesh-wide or per service. */
export type ProxyResources =
  | {
      kind: 'mesh';
      /** `sidecar` or `linkerdProxy`: `mesh[field][profileField]` = `value`. */
      field: string;
      value: string | number;
      from: SourceRef[];
    }
  | { kind: 'services'; services: ServiceProxyResource[] };

/**
 * The proxy resource `what` of `shape` the workloads' annotations and injected containers set, or undefined when
 * none does: mesh-wide when every workload sets the same value, else per service (a service whose workloads differ
 * gets the largest, warned). Settings for another shape's proxy are warned and left out; so are all of them when
 * the mesh comes from the fragment.
 */
export function proxyResources(
  model: ImportModel,
  shape: string | undefined,
  fromFragment: boolean,
  warnings: WarningLog,
  what: ProxyResourceKind,
): ProxyResources | undefined {
  const set = model.workloads.flatMap((workload) =>
    (workload.proxyResources ?? [])
      .filter((setting) => setting.what === what)
      .map((setting) => ({ workload, setting })),
  );
  if (set.length === 0) return undefined;
  const field = shape === undefined ? undefined : PROFILE_FIELD[shape];
  const other = set.filter(({ setting }) => setting.shape !== shape || fromFragment);
  if (other.length > 0) {
    const keys = [...new Set(other.map(({ setting }) => setting.key))].join(', ');
    warnings.general(
      '',
      `${keys} on ${shortRefs(other.map(({ workload }) => workload.from))}: not imported (${
        fromFragment ? "the --graph fragment's mesh is used" : `the mesh is ${shape ?? 'none'}`
      })`,
    );
  }
  const mine = set.filter(({ setting }) => setting.shape === shape && !fromFragment);
  if (field === undefined || mine.length === 0) return undefined;
  const { format } = PROXY_RESOURCE_FIELDS[what];
  const values = new Set(mine.map(({ setting }) => setting.amount));
  const without = model.workloads.filter(
    (w) => !(w.proxyResources ?? []).some((s) => s.shape === shape && s.what === what),
  );
  if (values.size === 1 && without.length === 0) {
    const [amount] = values;
    return {
      kind: 'mesh',
      field,
      value: format(amount ?? 0),
      from: mine.map(({ workload, setting }) => setting.from ?? workload.from),
    };
  }
  const services: ServiceProxyResource[] = [];
  for (const service of model.services) {
    const own = mine.filter(({ workload }) => service.workloads.includes(workload));
    if (own.length === 0) continue;
    services.push(serviceValue(service, own, shape ?? '', what, warnings));
  }
  return { kind: 'services', services };
}

/** One service's value from its workloads' settings: the largest, warned when they differ. */
function serviceValue(
  service: ImportedService,
  own: readonly {
    workload: ImportedService['workloads'][number];
    setting: { amount: number; from?: SourceRef };
  }[],
  shape: string,
  what: ProxyResourceKind,
  warnings: WarningLog,
): ServiceProxyResource {
  const { format, noun, serviceField } = PROXY_RESOURCE_FIELDS[what];
  const amount = maxOf(
    own.map(({ setting }) => setting.amount),
    -Infinity,
  );
  const unset = service.workloads.filter((w) => !own.some(({ workload }) => workload === w));
  if (new Set(own.map(({ setting }) => setting.amount)).size > 1 || unset.length > 0) {
    const each = [
      ...own.map(
        ({ workload, setting }) => `${workload.kind}/${workload.name} ${String(format(setting.amount))}`,
      ),
      ...unset.map((w) => `${w.kind}/${w.name} the default`),
    ];
    warnings.general(
      '',
      `service "${service.name}": its workloads' ${shape} proxies have different ${noun}s (${each.join(', ')}); meshsim gives a service's sidecars one ${noun}: ${serviceField} ${String(format(amount))}, the largest set`,
    );
  }
  return {
    service: service.name,
    value: format(amount),
    from: own.map(({ workload, setting }) => setting.from ?? workload.from),
  };
}
