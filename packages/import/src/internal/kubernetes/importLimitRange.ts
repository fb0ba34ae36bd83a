// Kubernetes LimitRange: a namespace's default CPU request and limit, which the API server gives each container
// that sets none as its pod is admitted (docs/sources.md#k8s-limit-range) — so the workloads' templates do not show
// them. Applied to the application containers of the imported workloads of its namespace.

import type { ImportedWorkload } from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { formatCpu } from '../units/formatCpu.js';
import { readCpuQuantity } from '../units/readResourceQuantity.js';
import { isRecord } from '../isRecord.js';
import { round } from './readContainerResources.js';
import { useIdentity } from './useIdentity.js';

/**
 * A CPU quantity of a `type: Container` item (marked used), or undefined. It is checked as a container's is (one rule,
 * one message: not a quantity, negative, finer than 1m), and a refused value is warned with its reason; a default limit
 * of 0 is no limit, warned, as a container's; a default request of 0 requests nothing.
 */
function readCpu(
  doc: SourceDocument,
  path: FieldPath,
  kind: 'limit' | 'request',
  builder: ModelBuilder,
): number | undefined {
  const text = doc.peek(path);
  if (text === undefined) return undefined;
  doc.use(path);
  const read = readCpuQuantity(text);
  if (read.reason !== undefined) {
    builder.warnings.at(doc, path, `${read.reason}; not imported`);
    return undefined;
  }
  if (kind === 'limit' && read.value === 0) {
    builder.warnings.at(
      doc,
      path,
      'a limit of 0 is no limit (the kubelet sets none for it); the containers get no default CPU limit',
    );
    return undefined;
  }
  return round(read.value);
}

/**
 * Reads a LimitRange's `type: Container` defaults (`default.cpu`, the limit; `defaultRequest.cpu`, which defaults
 * to it) and gives them to the application containers of `workloads` in its namespace that set none, as admission
 * does: a container without a limit gets the default limit; one without a request gets its own limit if it has one,
 * else the default request. Its other items and fields (min, max, memory) are not read (warned).
 */
export function importLimitRange(
  doc: SourceDocument,
  builder: ModelBuilder,
  workloads: readonly ImportedWorkload[],
): void {
  useIdentity(doc);
  const items = doc.peek(['spec', 'limits']);
  if (!Array.isArray(items)) return;
  let limitCores: number | undefined;
  let requestCores: number | undefined;
  items.forEach((item: unknown, i) => {
    if (!isRecord(item) || item['type'] !== 'Container') return;
    doc.use(['spec', 'limits', i, 'type']);
    limitCores ??= readCpu(doc, ['spec', 'limits', i, 'default', 'cpu'], 'limit', builder);
    requestCores ??= readCpu(doc, ['spec', 'limits', i, 'defaultRequest', 'cpu'], 'request', builder);
  });
  requestCores ??= limitCores;
  if (limitCores === undefined && requestCores === undefined) return;
  let given = 0;
  for (const workload of workloads) {
    if (workload.namespace !== doc.namespace) continue;
    for (const container of workload.resources) {
      if (container.role !== 'app') continue;
      const hadLimit = container.cpuLimitCores !== undefined;
      let changed = false;
      if (container.cpuRequestCores === undefined && !hadLimit && requestCores !== undefined) {
        container.cpuRequestCores = requestCores;
        changed = true;
      }
      if (!hadLimit && limitCores !== undefined) {
        container.cpuLimitCores = limitCores;
        changed = true;
      }
      if (changed) given++;
    }
  }
  if (given === 0) return;
  const parts = [
    ...(requestCores === undefined ? [] : [`request ${String(formatCpu(requestCores))}`]),
    ...(limitCores === undefined ? [] : [`limit ${String(formatCpu(limitCores))}`]),
  ];
  builder.warnings.at(
    doc,
    ['spec', 'limits'],
    `gave ${given} application container${given === 1 ? '' : 's'} of namespace ${doc.namespace} that set none its default CPU (${parts.join(', ')}), as Kubernetes admits their pods; the services' cpuRequest and cpuLimit include it`,
  );
}
