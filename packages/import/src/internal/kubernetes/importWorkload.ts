// Kubernetes Deployment and StatefulSet: replicas, pod labels (which Service and subset a pod belongs to),
// injection labels and annotations, service account (for authorization principals), each container's CPU and
// memory requests and limits (the application containers' become the service's cpuLimit, cpuRequest, memoryLimit
// and memoryRequest when the scenario is built, an injected Istio or Linkerd proxy container's its proxyCpuLimit,
// proxyCpuRequest, proxyMemoryRequest and proxyMemoryLimit; other proxies' are kept and warned), and the first
// application container's readiness probe (the service's readinessProbe).

import { MIN_CPU_CORES } from '@meshsim/mesh';

import type {
  ContainerResources,
  ImportedReadinessProbe,
  ImportedWorkload,
  ProxyResource,
  ProxyResourceKind,
} from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import { fitReplicas } from '../source/fitToRule.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { parseCpuCores, parseMemoryMiB } from '../units/parseQuantity.js';
import { readMemoryQuantity } from '../units/readResourceQuantity.js';
import { isRecord } from '../isRecord.js';
import { readResources, round } from './readContainerResources.js';
import type { ReadResources } from './readContainerResources.js';
import { readKeys } from './readKeys.js';
import { readNodeAffinityPools } from './readNodeAffinityPools.js';
import { readReadinessProbe } from './readReadinessProbe.js';
import { readTolerations } from './readTolerations.js';
import { useIdentity } from './useIdentity.js';

/**
 * Pod annotations that set the injected proxy's CPU limit or request or its memory request or limit, with the mesh
 * shape whose proxy they set: Istio's `sidecar.istio.io/proxyCPULimit` / `proxyCPU` / `proxyMemory` /
 * `proxyMemoryLimit` and Linkerd's `config.linkerd.io/proxy-cpu-limit` / `proxy-cpu-request` / `proxy-memory-request`
 * / `proxy-memory-limit`.
 */
export const PROXY_RESOURCE_KEYS: Readonly<
  Record<string, { shape: 'istio-sidecar' | 'linkerd'; what: ProxyResourceKind }>
> = {
  'sidecar.istio.io/proxyCPULimit': { shape: 'istio-sidecar', what: 'cpu-limit' },
  'sidecar.istio.io/proxyCPU': { shape: 'istio-sidecar', what: 'cpu-request' },
  'sidecar.istio.io/proxyMemory': { shape: 'istio-sidecar', what: 'memory-request' },
  'sidecar.istio.io/proxyMemoryLimit': { shape: 'istio-sidecar', what: 'memory-limit' },
  'config.linkerd.io/proxy-cpu-limit': { shape: 'linkerd', what: 'cpu-limit' },
  'config.linkerd.io/proxy-cpu-request': { shape: 'linkerd', what: 'cpu-request' },
  'config.linkerd.io/proxy-memory-request': { shape: 'linkerd', what: 'memory-request' },
  'config.linkerd.io/proxy-memory-limit': { shape: 'linkerd', what: 'memory-limit' },
};

/** Pod-template labels and annotations the importer reads. */
export const POD_KEYS: readonly string[] = [
  'sidecar.istio.io/inject',
  'istio.io/rev',
  'istio.io/dataplane-mode',
  'linkerd.io/inject',
  ...Object.keys(PROXY_RESOURCE_KEYS),
];

/**
 * Names of the proxy containers the meshes inject (Istio `istio-proxy`, Linkerd `linkerd-proxy`, App Mesh
 * `envoy`, Consul `consul-dataplane`, as meshsim's shapes name them): their resources are the proxy's, whose
 * CPU and memory come from the mesh's profile, not the application's.
 */
export const PROXY_CONTAINERS: ReadonlySet<string> = new Set([
  'istio-proxy',
  'linkerd-proxy',
  'envoy',
  'consul-dataplane',
]);

/** The proxy containers whose CPU and memory requests and limits meshsim takes, and the shape whose sidecar each is. */
export const PROXY_CONTAINER_SHAPES: Readonly<Record<string, 'istio-sidecar' | 'linkerd'>> = {
  'istio-proxy': 'istio-sidecar',
  'linkerd-proxy': 'linkerd',
};

/** Warns about what a container's resources give that the scenario does not take. */
function warnResources(
  doc: SourceDocument,
  path: FieldPath,
  read: ReadResources,
  builder: ModelBuilder,
): void {
  const at: FieldPath = [...path, 'resources'];
  // An Istio or Linkerd proxy's requests and limits are all imported (proxyCpuLimit, proxyCpuRequest,
  // proxyMemoryRequest, proxyMemoryLimit); another mesh's proxy's come from the mesh's profile.
  if (read.values.role === 'proxy' && PROXY_CONTAINER_SHAPES[read.values.container] === undefined) {
    const left = [...read.cpu, ...read.memory];
    if (left.length === 0) return;
    builder.warnings.at(
      doc,
      at,
      `not imported: ${left.join('; ')} ${left.length > 1 ? 'are' : 'is'} the injected proxy's, whose CPU and memory come from the mesh's profile; kept in the import model`,
    );
  }
}

/** How a warning or a key names a proxy resource's unit and its place in a container's `resources`. */
const RESOURCE_PATH: Readonly<
  Record<ProxyResourceKind, { kind: 'limits' | 'requests'; resource: 'cpu' | 'memory'; unit: string }>
> = {
  'cpu-limit': { kind: 'limits', resource: 'cpu', unit: 'cores' },
  'cpu-request': { kind: 'requests', resource: 'cpu', unit: 'cores' },
  'memory-request': { kind: 'requests', resource: 'memory', unit: 'MiB' },
  'memory-limit': { kind: 'limits', resource: 'memory', unit: 'MiB' },
};

/** `0.5 cores`, `128 MiB`: a proxy resource's amount with its unit. */
export function describeAmount(what: ProxyResourceKind, amount: number): string {
  return `${amount} ${RESOURCE_PATH[what].unit}`;
}

/** `the istio-proxy container's resources.requests.memory`: what an injected container's value is keyed by. */
export function containerResourceKey(container: string, what: ProxyResourceKind): string {
  const { kind, resource } = RESOURCE_PATH[what];
  return `the ${container} container's resources.${kind}.${resource}`;
}

/**
 * The proxy CPU limits and requests and memory requests the pod annotations set (cores, MiB); a value that is not a
 * CPU quantity of 1m or more, or not a memory quantity above 0, is warned; memory below 1 MiB is taken, warned.
 */
function readProxyResources(
  doc: SourceDocument,
  podAnnotations: Record<string, string>,
  builder: ModelBuilder,
): ProxyResource[] {
  const out: ProxyResource[] = [];
  for (const [key, { shape, what }] of Object.entries(PROXY_RESOURCE_KEYS)) {
    const text = podAnnotations[key];
    if (text === undefined) continue;
    const memory = what === 'memory-request' || what === 'memory-limit';
    const amount = memory ? parseMemoryMiB(text) : parseCpuCores(text);
    if (amount === undefined || (memory ? !(amount > 0) : amount < MIN_CPU_CORES)) {
      builder.warnings.at(
        doc,
        ['spec', 'template', 'metadata', 'annotations', key],
        `must be ${memory ? 'a memory quantity above 0 (128Mi)' : 'a CPU quantity of at least 1m'} (got ${JSON.stringify(text)}); not imported`,
      );
      continue;
    }
    // A memory quantity above 0 that is still no size (512m is 0.512 bytes; beyond 2^53 bytes): the reason; one
    // below 1 MiB (512, bytes) is taken, as the proxy takes it, with the same doubt as a container's.
    const reading = memory ? readMemoryQuantity(text) : undefined;
    if (reading?.reason !== undefined) {
      builder.warnings.at(
        doc,
        ['spec', 'template', 'metadata', 'annotations', key],
        `${reading.reason}; not imported`,
      );
      continue;
    }
    if (reading?.doubt !== undefined) {
      builder.warnings.at(
        doc,
        ['spec', 'template', 'metadata', 'annotations', key],
        `${reading.doubt}; imported as written`,
      );
    }
    out.push({ key, what, shape, amount: round(amount) });
  }
  return out;
}

/**
 * An injected proxy container's CPU limit or request or memory request (a manifest rendered after injection:
 * `istioctl kube-inject`, `linkerd inject --manual`): it is what runs, so it replaces an annotation for the same
 * proxy, warned when they differ.
 */
function takeContainerResource(
  doc: SourceDocument,
  path: FieldPath,
  container: { name: string; shape: 'istio-sidecar' | 'linkerd'; what: ProxyResourceKind; amount: number },
  settings: ProxyResource[],
  builder: ModelBuilder,
): void {
  const key = containerResourceKey(container.name, container.what);
  const annotated = settings.findIndex((s) => s.shape === container.shape && s.what === container.what);
  const own: ProxyResource = { key, what: container.what, shape: container.shape, amount: container.amount };
  if (annotated < 0) {
    settings.push(own);
    return;
  }
  const annotation = settings[annotated] as ProxyResource;
  if (annotation.amount !== container.amount) {
    builder.warnings.at(
      doc,
      path,
      `${describeAmount(container.what, container.amount)} differs from the ${annotation.key} annotation's ${annotation.amount}: the container's ${RESOURCE_PATH[container.what].kind === 'limits' ? 'limit' : 'request'} is what runs, so it is imported`,
    );
  }
  settings[annotated] = own;
}

/**
 * Warns of the readiness probe of a container whose probe is not the service's: an injected proxy's, or an application
 * container's after the first application container with one (`taken`), and marks it read.
 */
function warnOtherProbe(
  doc: SourceDocument,
  path: FieldPath,
  role: ContainerResources['role'],
  taken: ImportedReadinessProbe | undefined,
  builder: ModelBuilder,
): void {
  const at: FieldPath = [...path, 'readinessProbe'];
  const probe = doc.peek(at);
  if (probe === undefined) return;
  doc.use(at);
  if (probe === null) return; // no probe, as Kubernetes reads it
  builder.warnings.at(
    doc,
    at,
    role === 'proxy'
      ? "the injected proxy's readiness probe: not modelled (ignored): meshsim's proxy is Ready while it runs (a crashed one makes its pod NotReady, crashProxy)"
      : `not imported: meshsim models one application container per instance and takes the readiness probe of the first that has one (container "${taken?.container ?? ''}"); Kubernetes counts a pod Ready only when every container is, which one probe cannot say`,
  );
}

/**
 * Records a Deployment or StatefulSet and returns it; one without a pod template's containers (no `spec`, no
 * `spec.template`, no or empty `containers`), which Kubernetes rejects and so runs no pod, is warned and not imported.
 */
export function importWorkload(doc: SourceDocument, builder: ModelBuilder): ImportedWorkload | undefined {
  useIdentity(doc);
  const declared = doc.peek(['spec', 'template', 'spec', 'containers']);
  if (!Array.isArray(declared) || declared.length === 0) {
    const lacking =
      doc.peek(['spec']) === undefined
        ? 'spec'
        : doc.peek(['spec', 'template']) === undefined
          ? 'spec.template'
          : `containers (spec.template.spec.containers${Array.isArray(declared) ? ' is empty' : ''})`;
    doc.use([]); // nothing of it is imported: its fields are not reported one by one
    builder.warnings.at(
      doc,
      [],
      `has no ${lacking}: Kubernetes rejects a ${doc.kind} without containers, so it runs no pod; not imported`,
    );
    return undefined;
  }
  const annotations = readKeys(doc, ['metadata', 'annotations'], ['linkerd.io/inject']);
  readKeys(doc, ['metadata', 'labels'], []);
  doc.use(['spec', 'selector']); // the pod template's labels are what Services and subsets select
  if (doc.kind === 'StatefulSet') doc.use(['spec', 'serviceName']);

  const replicasValue = doc.get(['spec', 'replicas']);
  let replicas = 1;
  if (replicasValue !== undefined) {
    if (typeof replicasValue === 'number' && Number.isInteger(replicasValue) && replicasValue >= 0) {
      replicas = fitReplicas(doc, builder, ['spec', 'replicas'], replicasValue);
    } else {
      builder.warnings.at(
        doc,
        ['spec', 'replicas'],
        `must be an integer >= 0 (got ${JSON.stringify(replicasValue)}); Kubernetes' default 1 is used`,
      );
    }
  }

  const template: FieldPath = ['spec', 'template'];
  const podLabels = readKeys(doc, [...template, 'metadata', 'labels'], POD_KEYS);
  const podAnnotations = readKeys(doc, [...template, 'metadata', 'annotations'], POD_KEYS);
  const serviceAccount = doc.get([...template, 'spec', 'serviceAccountName']);
  const proxyResources = readProxyResources(doc, podAnnotations, builder);
  // Which node pool its pods run on (a pool label, in its nodeSelector or required node affinity); other selectors
  // are warned when the clusters are built.
  const nodeSelector = isRecord(doc.peek([...template, 'spec', 'nodeSelector']))
    ? readKeys(doc, [...template, 'spec', 'nodeSelector'], [])
    : undefined;
  const nodeAffinityPools = readNodeAffinityPools(doc, template);
  // Which tainted node pools its pods may also run on.
  const tolerations = readTolerations(doc, template);

  const resources: ContainerResources[] = [];
  let readinessProbe: ImportedReadinessProbe | undefined;
  const containers = doc.peek([...template, 'spec', 'containers']);
  if (Array.isArray(containers)) {
    containers.forEach((container, i) => {
      const path: FieldPath = [...template, 'spec', 'containers', i];
      const name =
        isRecord(container) && typeof container['name'] === 'string' ? container['name'] : `#${String(i)}`;
      doc.use([...path, 'name']);
      const role = PROXY_CONTAINERS.has(name) ? 'proxy' : 'app';
      if (role === 'app' && readinessProbe === undefined)
        readinessProbe = readReadinessProbe(doc, path, name, builder);
      else warnOtherProbe(doc, path, role, readinessProbe, builder);
      const read = readResources(doc, path, name, role, builder);
      resources.push(read.values);
      if (read.cpu.length > 0 || read.memory.length > 0) warnResources(doc, path, read, builder);
      const shape = PROXY_CONTAINER_SHAPES[name];
      if (shape !== undefined) {
        for (const [what, amount] of [
          ['cpu-limit', read.values.cpuLimitCores],
          ['cpu-request', read.values.cpuRequestCores],
          ['memory-request', read.values.memoryRequestMiB],
          ['memory-limit', read.values.memoryLimitMiB],
        ] as const) {
          if (amount === undefined) continue;
          const { kind, resource } = RESOURCE_PATH[what];
          takeContainerResource(
            doc,
            [...path, 'resources', kind, resource],
            { name, shape, what, amount },
            proxyResources,
            builder,
          );
        }
      }
    });
  }

  const workload: ImportedWorkload = {
    from: doc.ref(),
    kind: doc.kind === 'StatefulSet' ? 'StatefulSet' : 'Deployment',
    name: doc.name,
    namespace: doc.namespace,
    replicas,
    ...(replicasValue === undefined && { replicasUnset: true }),
    podLabels,
    podAnnotations,
    annotations,
    serviceAccount: typeof serviceAccount === 'string' && serviceAccount !== '' ? serviceAccount : 'default',
    resources,
    ...(proxyResources.length > 0 && { proxyResources }),
    ...(nodeSelector !== undefined && Object.keys(nodeSelector).length > 0 && { nodeSelector }),
    ...(nodeAffinityPools !== undefined && { nodeAffinityPools }),
    ...(tolerations !== undefined && { tolerations }),
    ...(readinessProbe !== undefined && { readinessProbe }),
  };
  builder.model.workloads.push(workload);
  return workload;
}
