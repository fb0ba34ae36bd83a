// Kubernetes DaemonSets: the mesh's pods on every node. Istio ambient's ztunnel and Istio's CNI node agent
// (`istio-cni-node`) give their container's requests and limits (the mesh's `ztunnel` and `istioCni`); any other
// DaemonSet is warned — its pod takes a slot and its requests on every node, which meshsim does not count.

import type { ImportedNodeAgent } from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { describeRef } from '../model/describeRefs.js';
import { isRecord } from '../isRecord.js';
import { readResources } from './readContainerResources.js';

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
 * DaemonSet of each kind; a later one is warned); the rest of it is not read. Any other DaemonSet is warned.
 */
export function importDaemonSet(doc: SourceDocument, builder: ModelBuilder): void {
  // Only the agent's container resources are read; nothing else of a DaemonSet is reported field by field.
  doc.use([]);
  const labels = doc.peek(['spec', 'template', 'metadata', 'labels']);
  const agent = AGENTS.find(
    ({ name, label: [key, value] }) => doc.name === name || (isRecord(labels) && labels[key] === value),
  );
  if (agent === undefined) {
    builder.warnings.at(
      doc,
      [],
      "not imported: meshsim reads the mesh's DaemonSets (ztunnel, istio-cni-node); this one's pod takes a slot and its requests on every node it runs on, which meshsim does not count (lower nodeMaxPods by one for it)",
    );
    return;
  }
  const containers = doc.peek(['spec', 'template', 'spec', 'containers']);
  const list = Array.isArray(containers) ? containers : [];
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
