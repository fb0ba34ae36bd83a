// Kubernetes Deployment and StatefulSet: replicas, pod labels (which Service and subset a pod belongs to),
// injection labels and annotations, service account (for authorization principals), and each container's
// CPU and memory requests and limits (the application containers' become the service's cpuLimit, cpuRequest,
// memoryLimit and memoryRequest when the scenario is built, an injected proxy container's CPU limit its
// proxyCpuLimit; the proxies' memory is kept and warned).

import { MIN_CPU_CORES } from '@meshsim/mesh';

import type { ContainerResources, ImportedWorkload, ProxyCpuLimit } from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { parseCpuCores } from '../units/parseQuantity.js';
import { isRecord } from '../isRecord.js';
import { readResources, round } from './readContainerResources.js';
import type { ReadResources } from './readContainerResources.js';
import { readKeys } from './readKeys.js';
import { readNodeAffinityPools } from './readNodeAffinityPools.js';
import { readTolerations } from './readTolerations.js';
import { useIdentity } from './useIdentity.js';

/**
 * Pod annotations that set the injected proxy's CPU limit or request, with the mesh shape whose proxy they set:
 * Istio's `sidecar.istio.io/proxyCPULimit` / `proxyCPU` and Linkerd's `config.linkerd.io/proxy-cpu-limit` /
 * `proxy-cpu-request`.
 */
export const PROXY_CPU_LIMIT_KEYS: Readonly<
  Record<string, { shape: 'istio-sidecar' | 'linkerd'; what: 'limit' | 'request' }>
> = {
  'sidecar.istio.io/proxyCPULimit': { shape: 'istio-sidecar', what: 'limit' },
  'sidecar.istio.io/proxyCPU': { shape: 'istio-sidecar', what: 'request' },
  'config.linkerd.io/proxy-cpu-limit': { shape: 'linkerd', what: 'limit' },
  'config.linkerd.io/proxy-cpu-request': { shape: 'linkerd', what: 'request' },
};

/** Pod-template labels and annotations the importer reads. */
export const POD_KEYS: readonly string[] = [
  'sidecar.istio.io/inject',
  'istio.io/rev',
  'istio.io/dataplane-mode',
  'linkerd.io/inject',
  ...Object.keys(PROXY_CPU_LIMIT_KEYS),
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

/** The proxy containers whose CPU limit meshsim takes, and the shape whose sidecar each is. */
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
  if (read.values.role === 'proxy') {
    // An Istio or Linkerd proxy's CPU limit and request are imported (proxyCpuLimit, proxyCpuRequest); its memory
    // comes from the mesh's profile.
    const takesCpu = PROXY_CONTAINER_SHAPES[read.values.container] !== undefined;
    const left = [...(takesCpu ? [] : read.cpu), ...read.memory];
    if (left.length === 0) return;
    builder.warnings.at(
      doc,
      at,
      `not imported: ${left.join('; ')} ${left.length > 1 ? 'are' : 'is'} the injected proxy's, whose ${takesCpu ? 'memory comes' : 'CPU and memory come'} from the mesh's profile${takesCpu ? " (its CPU limit and request are imported: the service's proxyCpuLimit and proxyCpuRequest)" : ''}; kept in the import model`,
    );
  }
}

/** The proxy CPU limits and requests the pod annotations set, in cores; a value that is not a CPU quantity of 1m or more is warned. */
function readProxyCpuLimits(
  doc: SourceDocument,
  podAnnotations: Record<string, string>,
  builder: ModelBuilder,
): ProxyCpuLimit[] {
  const out: ProxyCpuLimit[] = [];
  for (const [key, { shape, what }] of Object.entries(PROXY_CPU_LIMIT_KEYS)) {
    const text = podAnnotations[key];
    if (text === undefined) continue;
    const cores = parseCpuCores(text);
    if (cores === undefined || cores < MIN_CPU_CORES) {
      builder.warnings.at(
        doc,
        ['spec', 'template', 'metadata', 'annotations', key],
        `must be a CPU quantity of at least 1m (got ${JSON.stringify(text)}); not imported`,
      );
      continue;
    }
    out.push({ key, what, shape, cores: round(cores) });
  }
  return out;
}

/**
 * An injected proxy container's CPU limit or request (a manifest rendered after injection: `istioctl kube-inject`,
 * `linkerd inject --manual`): it is what runs, so it replaces an annotation for the same proxy, warned when
 * they differ.
 */
function takeContainerLimit(
  doc: SourceDocument,
  path: FieldPath,
  container: { name: string; shape: 'istio-sidecar' | 'linkerd'; what: 'limit' | 'request'; cores: number },
  limits: ProxyCpuLimit[],
  builder: ModelBuilder,
): void {
  const key = `the ${container.name} container's resources.${container.what === 'limit' ? 'limits' : 'requests'}.cpu`;
  const annotated = limits.findIndex(
    (limit) => limit.shape === container.shape && limit.what === container.what,
  );
  const own: ProxyCpuLimit = { key, what: container.what, shape: container.shape, cores: container.cores };
  if (annotated < 0) {
    limits.push(own);
    return;
  }
  const annotation = limits[annotated] as ProxyCpuLimit;
  if (annotation.cores !== container.cores) {
    builder.warnings.at(
      doc,
      path,
      `${container.cores} cores differs from the ${annotation.key} annotation's ${annotation.cores}: the container's ${container.what} is what runs, so it is imported`,
    );
  }
  limits[annotated] = own;
}

/** Records a Deployment or StatefulSet. */
export function importWorkload(doc: SourceDocument, builder: ModelBuilder): void {
  useIdentity(doc);
  const annotations = readKeys(doc, ['metadata', 'annotations'], ['linkerd.io/inject']);
  readKeys(doc, ['metadata', 'labels'], []);
  doc.use(['spec', 'selector']); // the pod template's labels are what Services and subsets select
  if (doc.kind === 'StatefulSet') doc.use(['spec', 'serviceName']);

  const replicasValue = doc.get(['spec', 'replicas']);
  let replicas = 1;
  if (replicasValue !== undefined) {
    if (typeof replicasValue === 'number' && Number.isInteger(replicasValue) && replicasValue >= 0) {
      replicas = replicasValue;
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
  const proxyCpuLimits = readProxyCpuLimits(doc, podAnnotations, builder);
  // Which node pool its pods run on (a pool label, in its nodeSelector or required node affinity); other selectors
  // are warned when the clusters are built.
  const nodeSelector = isRecord(doc.peek([...template, 'spec', 'nodeSelector']))
    ? readKeys(doc, [...template, 'spec', 'nodeSelector'], [])
    : undefined;
  const nodeAffinityPools = readNodeAffinityPools(doc, template);
  // Which tainted node pools its pods may also run on.
  const tolerations = readTolerations(doc, template);

  const resources: ContainerResources[] = [];
  const containers = doc.peek([...template, 'spec', 'containers']);
  if (Array.isArray(containers)) {
    containers.forEach((container, i) => {
      const path: FieldPath = [...template, 'spec', 'containers', i];
      const name =
        isRecord(container) && typeof container['name'] === 'string' ? container['name'] : `#${String(i)}`;
      doc.use([...path, 'name']);
      const role = PROXY_CONTAINERS.has(name) ? 'proxy' : 'app';
      const read = readResources(doc, path, name, role, builder);
      resources.push(read.values);
      if (read.cpu.length > 0 || read.memory.length > 0) warnResources(doc, path, read, builder);
      const shape = PROXY_CONTAINER_SHAPES[name];
      for (const what of ['limit', 'request'] as const) {
        const cores = what === 'limit' ? read.values.cpuLimitCores : read.values.cpuRequestCores;
        if (shape === undefined || cores === undefined) continue;
        takeContainerLimit(
          doc,
          [...path, 'resources', what === 'limit' ? 'limits' : 'requests', 'cpu'],
          { name, shape, what, cores },
          proxyCpuLimits,
          builder,
        );
      }
    });
  }

  const workload: ImportedWorkload = {
    from: doc.ref(),
    kind: doc.kind === 'StatefulSet' ? 'StatefulSet' : 'Deployment',
    name: doc.name,
    namespace: doc.namespace,
    replicas,
    podLabels,
    podAnnotations,
    annotations,
    serviceAccount: typeof serviceAccount === 'string' && serviceAccount !== '' ? serviceAccount : 'default',
    resources,
    ...(proxyCpuLimits.length > 0 && { proxyCpuLimits }),
    ...(nodeSelector !== undefined && Object.keys(nodeSelector).length > 0 && { nodeSelector }),
    ...(nodeAffinityPools !== undefined && { nodeAffinityPools }),
    ...(tolerations !== undefined && { tolerations }),
  };
  builder.model.workloads.push(workload);
}
