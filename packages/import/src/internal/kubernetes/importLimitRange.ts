// Kubernetes LimitRange: a namespace's default CPU request and limit, which the API server gives each container
// that sets none as its pod is admitted (docs/sources.md#k8s-limit-range) — so the workloads' templates do not show
// them. Applied to the application containers of the imported workloads of its namespace.

import { MIN_CPU_CORES } from '@meshsim/mesh';

import type { ImportedWorkload } from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { formatCpu } from '../units/formatCpu.js';
import { parseCpuCores } from '../units/parseQuantity.js';
import { isRecord } from '../isRecord.js';
import { round } from './readContainerResources.js';
import { useIdentity } from './useIdentity.js';

/** A CPU quantity of a `type: Container` item (marked used), or undefined; one finer than 1m is warned. */
function readCpu(doc: SourceDocument, path: FieldPath, builder: ModelBuilder): number | undefined {
  const text = doc.peek(path);
  if (text === undefined) return undefined;
  const cores = parseCpuCores(text);
  doc.use(path);
  if (cores === undefined || cores < MIN_CPU_CORES) {
    builder.warnings.at(
      doc,
      path,
      `must be a CPU quantity of at least 1m (got ${JSON.stringify(text)}); not imported`,
    );
    return undefined;
  }
  return round(cores);
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
    limitCores ??= readCpu(doc, ['spec', 'limits', i, 'default', 'cpu'], builder);
    requestCores ??= readCpu(doc, ['spec', 'limits', i, 'defaultRequest', 'cpu'], builder);
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
