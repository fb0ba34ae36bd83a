// Kubernetes Pods (`kubectl get pods -o yaml` of a live cluster): what an injected proxy really runs with. A
// workload's template holds no injected container — injection happens as each pod is created, with the mesh's
// defaults — so a pod's `istio-proxy` or `linkerd-proxy` container gives its workload's proxy CPU limit and request
// and memory request.
// Everything else about a pod comes from its workload, and is not read.

import type { ImportedWorkload, ProxyResource } from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { isRecord } from '../isRecord.js';
import { PROXY_CONTAINER_SHAPES, containerResourceKey, describeAmount } from './importWorkload.js';
import { readResources } from './readContainerResources.js';

/** The kind of a pod's controller (its controller reference, else its first owner), or undefined. */
function controllerKind(doc: SourceDocument): unknown {
  const refs = doc.peek(['metadata', 'ownerReferences']);
  if (!Array.isArray(refs)) return undefined;
  const ref: unknown = refs.find((r: unknown) => isRecord(r) && r['controller'] === true) ?? refs[0];
  return isRecord(ref) ? ref['kind'] : undefined;
}

/** The workload that owns a pod, by its controller reference, or undefined. */
function ownerOf(doc: SourceDocument, workloads: readonly ImportedWorkload[]): ImportedWorkload | undefined {
  const refs = doc.peek(['metadata', 'ownerReferences']);
  if (!Array.isArray(refs)) return undefined;
  const ref = refs.find((r: unknown) => isRecord(r) && r['controller'] === true) ?? refs[0];
  if (!isRecord(ref) || typeof ref['name'] !== 'string') return undefined;
  const { kind, name } = ref;
  // A Deployment's pods belong to its ReplicaSet `<deployment>-<pod-template-hash>`.
  const owner =
    kind === 'ReplicaSet'
      ? { kind: 'Deployment', name: name.slice(0, Math.max(0, name.lastIndexOf('-'))) }
      : kind === 'StatefulSet'
        ? { kind: 'StatefulSet', name }
        : undefined;
  if (owner === undefined) return undefined;
  return workloads.find(
    (w) => w.kind === owner.kind && w.name === owner.name && w.namespace === doc.namespace,
  );
}

/**
 * Reads one Pod: its injected proxy container's CPU limit and request and memory request become its workload's (they are what runs,
 * so they replace the template's or an annotation's, warned when they differ). The first pod of a workload that
 * gives them is taken; later pods that differ are warned. A pod whose workload is not imported is warned.
 */
export function importPod(
  doc: SourceDocument,
  builder: ModelBuilder,
  workloads: readonly ImportedWorkload[],
  taken: Set<ImportedWorkload>,
): void {
  // The pod's own fields are its workload's; only the proxy container is read, so nothing else is reported.
  doc.use([]);
  // A DaemonSet's pod (kube-proxy, a ztunnel): its DaemonSet's manifest gives what meshsim takes of it.
  if (controllerKind(doc) === 'DaemonSet') return;
  const workload = ownerOf(doc, workloads);
  if (workload === undefined) {
    builder.warnings.at(
      doc,
      ['metadata', 'ownerReferences'],
      "its owner (a Deployment's ReplicaSet or a StatefulSet) is not among the imported workloads: not imported",
    );
    return;
  }
  const containers = doc.peek(['spec', 'containers']);
  if (!Array.isArray(containers)) return;
  const found: ProxyResource[] = [];
  containers.forEach((container: unknown, i) => {
    if (!isRecord(container) || typeof container['name'] !== 'string') return;
    const shape = PROXY_CONTAINER_SHAPES[container['name']];
    if (shape === undefined) return;
    const path: FieldPath = ['spec', 'containers', i];
    const read = readResources(doc, path, container['name'], 'proxy', builder);
    // An Istio proxy that was given resources but no CPU limit runs without one (clusters drop the sidecar
    // limit to avoid throttling): Infinity, written `unlimited`. Linkerd's proxy has none by default anyway.
    const unlimited =
      shape === 'istio-sidecar' &&
      read.values.cpuLimitCores === undefined &&
      isRecord(doc.peek([...path, 'resources']));
    for (const [what, amount] of [
      ['cpu-limit', unlimited ? Infinity : read.values.cpuLimitCores],
      ['cpu-request', read.values.cpuRequestCores],
      ['memory-request', read.values.memoryRequestMiB],
      ['memory-limit', read.values.memoryLimitMiB],
    ] as const) {
      if (amount === undefined) continue;
      const key = `${containerResourceKey(container['name'], what)} in its pods`;
      found.push({ key, what, shape, amount, from: doc.ref() });
    }
  });
  if (found.length === 0) return;
  const settings = (workload.proxyResources ??= []);
  for (const own of found) {
    const at = settings.findIndex((s) => s.shape === own.shape && s.what === own.what);
    const before = at < 0 ? undefined : (settings[at] as ProxyResource);
    const noun = own.what.replace('-', ' ').replace('cpu', 'CPU');
    if (taken.has(workload)) {
      if (before !== undefined && before.amount !== own.amount)
        builder.warnings.at(
          doc,
          ['spec', 'containers'],
          `its proxy's ${noun} (${describeAmount(own.what, own.amount)}) differs from another pod's of ${workload.kind}/${workload.name} (${before.amount}); the first pod's is kept`,
        );
      continue;
    }
    if (before !== undefined && before.amount !== own.amount)
      builder.warnings.at(
        doc,
        ['spec', 'containers'],
        `its proxy's ${noun} (${describeAmount(own.what, own.amount)}) differs from ${before.key} (${before.amount}) of ${workload.kind}/${workload.name}: the pod's is what runs, so it is imported`,
      );
    if (at < 0) settings.push(own);
    else settings[at] = own;
  }
  taken.add(workload);
}
