// One container's CPU and memory requests and limits as a manifest writes them (Deployment, StatefulSet or Pod),
// read into cores and MiB; a value Kubernetes would reject (not a quantity, negative, CPU finer than 1m, memory in
// fractions of a byte, a request above its limit) is warned with its reason and left out, memory below 1 MiB
// (`512`: did you mean 512Mi?) warned.

import type { ContainerResources } from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { readCpuQuantity, readMemoryQuantity } from '../units/readResourceQuantity.js';
import { isRecord } from '../isRecord.js';

/** A sum of CPU quantities without its binary noise (0.1 + 0.2 is 0.3): 15 significant digits, what a double holds. */
export function round(value: number): number {
  return Number(value.toPrecision(15));
}

/** What one container's `resources` say, as read and as written (for warnings). */
export interface ReadResources {
  values: ContainerResources;
  /** The CPU values, as written (`requests cpu 250m (0.25 cores)`), or empty. */
  cpu: string[];
  /** The memory values, as written, or empty. */
  memory: string[];
}

/** How each resource is read, kept and shown. */
const RESOURCES = {
  cpu: {
    read: readCpuQuantity,
    unit: 'cores',
    requests: 'cpuRequestCores',
    limits: 'cpuLimitCores',
  },
  memory: {
    read: readMemoryQuantity,
    unit: 'MiB',
    requests: 'memoryRequestMiB',
    limits: 'memoryLimitMiB',
  },
} as const;

/**
 * Reads one container's `resources.requests/limits.cpu/memory` (none when it has no `resources`). A value
 * Kubernetes would reject is warned, naming the value and the reason, and left out: when the request is the bad
 * one and the limit is good, the warning says that the limit stands for the request (as for a container that sets
 * none). A limit of `0` is no limit (the kubelet sets no CFS quota or memory limit for it), warned; a request of
 * `0` requests nothing (the limit does not stand for it). Memory above 0 and below 1 MiB (`512`, bytes) is imported
 * as written, which Kubernetes does, and warned as a likely unit left out.
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
  for (const resource of ['cpu', 'memory'] as const) {
    const how = RESOURCES[resource];
    // The limit first: a request that is refused says whether the limit stands for it.
    for (const kind of ['limits', 'requests'] as const) {
      const at = [...path, 'resources', kind, resource];
      const text = doc.peek(at);
      if (text === undefined) continue;
      doc.use(at);
      const read = how.read(text);
      if (read.reason !== undefined) {
        const limit = out.values[how.limits];
        const standsIn =
          kind === 'requests' && limit !== undefined
            ? ` (the container's limit ${JSON.stringify(doc.peek([...path, 'resources', 'limits', resource]))} stands for the request, as for a container that sets none)`
            : '';
        builder.warnings.at(doc, at, `${read.reason}; not imported${standsIn}`);
        continue;
      }
      if (kind === 'limits' && read.value === 0) {
        builder.warnings.at(
          doc,
          at,
          `a limit of 0 is no limit (the kubelet sets none for it); the container is imported without a ${resource} limit`,
        );
        continue;
      }
      if (read.doubt !== undefined) builder.warnings.at(doc, at, `${read.doubt}; imported as written`);
      const limit = out.values[how.limits];
      if (kind === 'requests' && limit !== undefined && read.value > limit) {
        // The API server refuses it ("must be less than or equal to cpu limit", docs/sources.md#k8s-request-within-limit).
        builder.warnings.at(
          doc,
          at,
          `${JSON.stringify(text)} is above the container's limit ` +
            `${JSON.stringify(doc.peek([...path, 'resources', 'limits', resource]))}, which Kubernetes rejects ("must be ` +
            `less than or equal to ${resource} limit"); not imported (the limit stands for the request, as for a ` +
            'container that sets none)',
        );
        continue;
      }
      out.values[how[kind]] = read.value;
      const shown = `${kind} ${resource} ${String(text)} (${String(read.value)} ${how.unit})`;
      if (kind === 'requests') out[resource].unshift(shown);
      else out[resource].push(shown);
    }
  }
  return out;
}
