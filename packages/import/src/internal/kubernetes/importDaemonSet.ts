// Kubernetes DaemonSets: a pod on every node. Istio ambient's ztunnel and Istio's CNI node agent (`istio-cni-node`)
// give their container's requests and limits (the mesh's `ztunnel` and `istioCni`); any other DaemonSet (kube-proxy,
// the cluster's CNI agent, a log agent) gives its pod's requests (the scenario's `daemonSets`).

import type { ImportedNodeAgent } from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { describeRef } from '../model/describeRefs.js';
import { isRecord } from '../isRecord.js';
import { readResources, round } from './readContainerResources.js';

/** How each mesh DaemonSet is recognised: its name or its pods' label (the Helm charts'), and its main container. */
const AGENTS: readonly {
  kind: ImportedNodeAgent['kind'];
  name: string;
  label: readonly [string, string];
  container: string;
}[] = [
  { kind: 'ztunnel', name: 'ztunnel', label: ['app', 'ztunnel'], container: 'istio-proxy' },
  {
    kind: 'istio-cni',
    name: 'istio-cni-node',
    label: ['k8s-app', 'istio-cni-node'],
    container: 'install-cni',
  },
];

/**
 * Reads one DaemonSet: a ztunnel's or an Istio CNI node agent's container resources join the model (the first
 * DaemonSet of each kind; a later one is warned); any other DaemonSet's pod requests (its containers' summed) join
 * the model's other DaemonSets, a node selector or affinity warned (meshsim runs it on every node). The rest of a
 * DaemonSet is not read.
 */
export function importDaemonSet(doc: SourceDocument, builder: ModelBuilder): void {
  // Only the containers' resources are read; nothing else of a DaemonSet is reported field by field.
  doc.use([]);
  const labels = doc.peek(['spec', 'template', 'metadata', 'labels']);
  const agent = AGENTS.find(
    ({ name, label: [key, value] }) => doc.name === name || (isRecord(labels) && labels[key] === value),
  );
  const containers = doc.peek(['spec', 'template', 'spec', 'containers']);
  const list = Array.isArray(containers) ? containers : [];
  if (agent === undefined) {
    importOtherDaemonSet(doc, builder, list);
    return;
  }
  const named = list.findIndex((c: unknown) => isRecord(c) && c['name'] === agent.container);
  const index = named >= 0 ? named : 0;
  const container: unknown = list[index];
  if (!isRecord(container)) {
    builder.warnings.at(doc, ['spec', 'template', 'spec', 'containers'], 'has no container: not imported');
    return;
  }
  const earlier = builder.model.nodeAgents.find((a) => a.kind === agent.kind);
  if (earlier !== undefined) {
    builder.warnings.at(
      doc,
      [],
      `a second ${agent.name} DaemonSet (${describeRef(earlier.from)} is another): the first is kept`,
    );
    return;
  }
  const path: FieldPath = ['spec', 'template', 'spec', 'containers', index];
  const name = typeof container['name'] === 'string' ? container['name'] : `#${String(index)}`;
  const read = readResources(doc, path, name, 'proxy', builder);
  builder.model.nodeAgents.push({ from: doc.ref(), kind: agent.kind, resources: read.values });
}

/** A DaemonSet besides the mesh's: its pod's requests, as the scheduler counts them (containers summed). */
function importOtherDaemonSet(
  doc: SourceDocument,
  builder: ModelBuilder,
  containers: readonly unknown[],
): void {
  if (doc.name === '') {
    builder.warnings.at(doc, ['metadata'], 'has no name: not imported');
    return;
  }
  // The same DaemonSet twice (a file given twice, say): the first is kept.
  const qualified = `${doc.namespace}/${doc.name}`;
  if (builder.model.daemonSets.some((d) => d.key === qualified)) {
    builder.warnings.at(
      doc,
      ['metadata', 'name'],
      `DaemonSet ${qualified} is there already: the first is kept`,
    );
    return;
  }
  let cpuRequestCores = 0;
  let memoryRequestMiB = 0;
  containers.forEach((container, i) => {
    if (!isRecord(container)) return;
    const name = typeof container['name'] === 'string' ? container['name'] : `#${String(i)}`;
    const read = readResources(doc, ['spec', 'template', 'spec', 'containers', i], name, 'app', builder);
    // A container with a limit and no request requests its limit (the API server copies it).
    cpuRequestCores += read.values.cpuRequestCores ?? read.values.cpuLimitCores ?? 0;
    memoryRequestMiB += read.values.memoryRequestMiB ?? read.values.memoryLimitMiB ?? 0;
  });
  const spec = ['spec', 'template', 'spec'];
  const selects = ['nodeSelector', 'affinity'].filter((field) => doc.peek([...spec, field]) !== undefined);
  if (selects.length > 0)
    builder.warnings.at(
      doc,
      [...spec, selects[0] as string],
      `${selects.join(' and ')} not modelled: meshsim runs the DaemonSet's pod on every node of the cluster`,
    );
  // Names are unique in a scenario's list: a name seen in another namespace is written with its namespace.
  const taken = builder.model.daemonSets.some((d) => d.name === doc.name);
  builder.model.daemonSets.push({
    from: doc.ref(),
    key: qualified,
    name: taken ? qualified : doc.name,
    cpuRequestCores: round(cpuRequestCores),
    memoryRequestMiB: round(memoryRequestMiB),
  });
}
