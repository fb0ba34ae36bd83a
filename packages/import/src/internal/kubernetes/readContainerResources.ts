// One container's CPU and memory requests and limits as a manifest writes them (Deployment, StatefulSet or Pod),
// read into cores and MiB; a CPU quantity finer than 1m, which Kubernetes does not allow, is warned and left out.

import { MIN_CPU_CORES } from '@meshsim/mesh';

import type { ContainerResources } from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { parseCpuCores, parseMemoryMiB } from '../units/parseQuantity.js';
import { isRecord } from '../isRecord.js';

/** A quantity kept to six significant digits (as the import writes it). */
export function round(value: number): number {
  return Number(value.toPrecision(6));
}

/** What one container's `resources` say, as read and as written (for warnings). */
export interface ReadResources {
  values: ContainerResources;
  /** The CPU values, as written (`requests cpu 250m (0.25 cores)`), or empty. */
  cpu: string[];
  /** The memory values, as written, or empty. */
  memory: string[];
}

/**
 * Reads one container's `resources.requests/limits.cpu/memory` (none when it has no `resources`). A CPU
 * quantity finer than 1m, which Kubernetes does not allow, is warned and left out.
 */
export function readResources(
  doc: SourceDocument,
  path: FieldPath,
  name: string,
  role: ContainerResources['role'],
  builder: ModelBuilder,
): ReadResources {
  const out: ReadResources = { values: { container: name, role }, cpu: [], memory: [] };
  if (!isRecord(doc.peek([...path, 'resources']))) return out;
  for (const kind of ['requests', 'limits'] as const) {
    const cpuPath = [...path, 'resources', kind, 'cpu'];
    const memoryPath = [...path, 'resources', kind, 'memory'];
    const cpuText = doc.peek(cpuPath);
    const memoryText = doc.peek(memoryPath);
    const cpu = parseCpuCores(cpuText);
    const memory = parseMemoryMiB(memoryText);
    if (cpu !== undefined) {
      doc.use(cpuPath);
      if (cpu < MIN_CPU_CORES) {
        builder.warnings.at(
          doc,
          cpuPath,
          `${JSON.stringify(cpuText)} is finer than 1m, which Kubernetes does not allow; not imported`,
        );
      } else {
        if (kind === 'requests') out.values.cpuRequestCores = round(cpu);
        else out.values.cpuLimitCores = round(cpu);
        out.cpu.push(`${kind} cpu ${String(cpuText)} (${String(round(cpu))} cores)`);
      }
    }
    if (memory !== undefined) {
      doc.use(memoryPath);
      if (kind === 'requests') out.values.memoryRequestMiB = round(memory);
      else out.values.memoryLimitMiB = round(memory);
      out.memory.push(`${kind} memory ${String(memoryText)} (${String(round(memory))} MiB)`);
    }
  }
  return out;
}
