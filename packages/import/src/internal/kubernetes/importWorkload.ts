// Kubernetes Deployment and StatefulSet: replicas, pod labels (which Service and subset a pod belongs to),
// injection labels and annotations, service account (for authorization principals), and each container's
// CPU and memory requests and limits — kept in the model, reported as not modelled yet.

import type { ContainerResources, ImportedWorkload } from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { parseCpuCores, parseMemoryMiB } from '../units/parseQuantity.js';
import { isRecord } from '../isRecord.js';
import { readKeys } from './readKeys.js';
import { useIdentity } from './useIdentity.js';

/** Pod-template labels and annotations the importer reads. */
export const POD_KEYS: readonly string[] = [
  'sidecar.istio.io/inject',
  'istio.io/rev',
  'istio.io/dataplane-mode',
  'linkerd.io/inject',
];

function round(value: number): number {
  return Number(value.toPrecision(6));
}

/** Reads one container's `resources.requests/limits.cpu/memory`, warning that they are not modelled yet. */
function readResources(
  doc: SourceDocument,
  path: FieldPath,
  name: string,
): { values: ContainerResources; said: string } | undefined {
  const resources = doc.peek([...path, 'resources']);
  if (!isRecord(resources)) return undefined;
  const out: ContainerResources = { container: name };
  const said: string[] = [];
  for (const kind of ['requests', 'limits'] as const) {
    const cpuPath = [...path, 'resources', kind, 'cpu'];
    const memoryPath = [...path, 'resources', kind, 'memory'];
    const cpuText = doc.peek(cpuPath);
    const memoryText = doc.peek(memoryPath);
    const cpu = parseCpuCores(cpuText);
    const memory = parseMemoryMiB(memoryText);
    const parts: string[] = [];
    if (cpu !== undefined) {
      doc.use(cpuPath);
      if (kind === 'requests') out.cpuRequestCores = round(cpu);
      else out.cpuLimitCores = round(cpu);
      parts.push(`cpu ${String(cpuText)} (${String(round(cpu))} cores)`);
    }
    if (memory !== undefined) {
      doc.use(memoryPath);
      if (kind === 'requests') out.memoryRequestMiB = round(memory);
      else out.memoryLimitMiB = round(memory);
      parts.push(`memory ${String(memoryText)} (${String(round(memory))} MiB)`);
    }
    if (parts.length > 0) said.push(`${kind} ${parts.join(', ')}`);
  }
  if (said.length === 0) return undefined;
  return { values: out, said: said.join('; ') };
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

  const resources: ContainerResources[] = [];
  const containers = doc.peek([...template, 'spec', 'containers']);
  if (Array.isArray(containers)) {
    containers.forEach((container, i) => {
      const path: FieldPath = [...template, 'spec', 'containers', i];
      const name =
        isRecord(container) && typeof container['name'] === 'string' ? container['name'] : `#${String(i)}`;
      doc.use([...path, 'name']);
      const read = readResources(doc, path, name);
      if (read !== undefined) {
        resources.push(read.values);
        builder.warnings.at(
          doc,
          [...path, 'resources'],
          `not modelled yet: ${read.said} (kept in the import model; a follow-up adds pod limits and node sizes to the model)`,
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
  };
  builder.model.workloads.push(workload);
}
