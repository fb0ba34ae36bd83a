// The mesh's DaemonSets as mesh options: a ztunnel's container requests and CPU limit become `mesh.ztunnel`'s under
// istio-ambient; the Istio CNI node agent's requests become `mesh.istioCni` under istio-ambient and istio-sidecar
// (where its presence means Istio's CNI plugin, so its node agent runs). Elsewhere they are warned and left out.

import type { ImportModel, ImportedNodeAgent, SourceRef } from '../../ImportModel.js';
import type { WarningLog } from '../WarningLog.js';
import { describeRef } from '../model/describeRefs.js';
import { formatCpu } from '../units/formatCpu.js';
import { formatMemory } from '../units/formatMemory.js';

/** One mesh option from a DaemonSet: `mesh[field]` = `values`, from `from`. */
export interface NodeAgentField {
  field: 'ztunnel' | 'istioCni';
  values: Record<string, string | number>;
  from: SourceRef;
}

/** The shapes that run each agent, and the mesh option it sets. */
const TAKEN_BY: Readonly<
  Record<ImportedNodeAgent['kind'], { field: NodeAgentField['field']; shapes: readonly string[] }>
> = {
  ztunnel: { field: 'ztunnel', shapes: ['istio-ambient'] },
  'istio-cni': { field: 'istioCni', shapes: ['istio-ambient', 'istio-sidecar'] },
};

/** What meshsim runs for an agent whose container sets no CPU request (a scenario's requests are ≥ 1m). */
const DEFAULT_CPU: Readonly<Record<ImportedNodeAgent['kind'], string>> = {
  ztunnel: "ztunnel's 200m",
  'istio-cni': "the CNI node agent's 100m",
};

/**
 * The mesh options the model's DaemonSets give under `shape` (none when the mesh comes from the fragment, each
 * warned as left out; likewise an agent the shape does not run).
 */
export function nodeAgentFields(
  model: ImportModel,
  shape: string | undefined,
  fromFragment: boolean,
  warnings: WarningLog,
): NodeAgentField[] {
  const out: NodeAgentField[] = [];
  for (const agent of model.nodeAgents) {
    const { field, shapes } = TAKEN_BY[agent.kind];
    const where = describeRef(agent.from);
    if (fromFragment || shape === undefined || !shapes.includes(shape)) {
      warnings.general(
        '',
        `${where}: not imported (${fromFragment ? "the --graph fragment's mesh is used" : `the mesh is ${shape ?? 'none'}; ${shapes.join(' and ')} run${shapes.length === 1 ? 's' : ''} it`})`,
      );
      continue;
    }
    const r = agent.resources;
    const values: Record<string, string | number> = {};
    // Kubernetes copies a limit alone as the request: a ztunnel's profile does it from its cpuLimit, the agent's
    // requests are written with it.
    const cpuRequest = r.cpuRequestCores ?? (field === 'istioCni' ? r.cpuLimitCores : undefined);
    const memoryRequest = r.memoryRequestMiB ?? r.memoryLimitMiB;
    if (cpuRequest !== undefined) values['cpuRequest'] = formatCpu(cpuRequest);
    if (memoryRequest !== undefined) values['memoryRequest'] = formatMemory(memoryRequest);
    if (field === 'ztunnel' && r.cpuLimitCores !== undefined) values['cpuLimit'] = formatCpu(r.cpuLimitCores);
    if (r.cpuRequestCores === undefined && r.cpuLimitCores === undefined)
      warnings.general(
        '',
        `${where}: its ${r.container} container requests no CPU; meshsim keeps ${DEFAULT_CPU[agent.kind]} (a request in a scenario is at least 1m)`,
      );
    out.push({ field, values, from: agent.from });
  }
  return out;
}
