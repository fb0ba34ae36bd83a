// Kubernetes HorizontalPodAutoscaler: its target's replica bounds. meshsim runs a fixed number of replicas, so the
// workload keeps its `spec.replicas` held within the bounds (the HPA's `minReplicas` when the manifest sets none, as
// GitOps manifests of autoscaled workloads do); the scaling itself is not modelled, and a warning says so.

import type { ImportedWorkload } from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import { fitReplicas } from '../source/fitToRule.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { isRecord } from '../isRecord.js';

/** An integer ≥ `min` at `path` of `doc`, `fallback` when absent; a bad value is warned and `fallback` taken. */
function readCount(
  doc: SourceDocument,
  path: readonly string[],
  min: number,
  fallback: number | undefined,
  builder: ModelBuilder,
): number | undefined {
  const value = doc.peek([...path]);
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value;
  builder.warnings.at(
    doc,
    [...path],
    `must be an integer >= ${min} (got ${JSON.stringify(value)}); ${fallback === undefined ? 'the autoscaler is not imported' : `${fallback} is used`}`,
  );
  return fallback;
}

/**
 * Reads one HorizontalPodAutoscaler (`autoscaling/v2` or `v1`): its target workload (`spec.scaleTargetRef`, a
 * Deployment or StatefulSet of its namespace) gets `minReplicas` (default 1) when its manifest sets no replicas, and
 * its replicas held within `minReplicas`..`maxReplicas` otherwise (warned when moved); the bounds are kept on the
 * workload. The metrics and behaviour are not read.
 */
export function importHorizontalPodAutoscaler(
  doc: SourceDocument,
  builder: ModelBuilder,
  workloads: readonly ImportedWorkload[],
): void {
  // Only the target and the bounds are read; the metrics and behaviour are summed up in one warning, not per field.
  doc.use([]);
  const target = doc.peek(['spec', 'scaleTargetRef']);
  const kind = isRecord(target) ? target['kind'] : undefined;
  const name = isRecord(target) ? target['name'] : undefined;
  const workload = workloads.find((w) => w.kind === kind && w.name === name && w.namespace === doc.namespace);
  if (workload === undefined) {
    builder.warnings.at(
      doc,
      ['spec', 'scaleTargetRef'],
      `its target ${String(kind)}/${String(name)} is not among the imported Deployments and StatefulSets of namespace ${doc.namespace}: not imported`,
    );
    return;
  }
  const minReplicas = readCount(doc, ['spec', 'minReplicas'], 1, 1, builder) as number;
  if (doc.peek(['spec', 'maxReplicas']) === undefined) {
    builder.warnings.at(
      doc,
      ['spec'],
      'has no maxReplicas (Kubernetes requires it): the autoscaler is not imported',
    );
    return;
  }
  const maxReplicas = readCount(doc, ['spec', 'maxReplicas'], Math.max(1, minReplicas), undefined, builder);
  if (maxReplicas === undefined) return;
  const before = workload.replicas;
  const held = Math.min(Math.max(before, minReplicas), maxReplicas);
  if (workload.replicasUnset === true) {
    workload.replicas = fitReplicas(doc, builder, ['spec', 'minReplicas'], minReplicas);
  } else if (held !== before) {
    builder.warnings.at(
      doc,
      ['spec', 'minReplicas'],
      `${workload.kind}/${workload.name} sets ${before} replicas, outside ${minReplicas}..${maxReplicas}: the autoscaler would hold it at ${held}, which is imported`,
    );
    workload.replicas = fitReplicas(doc, builder, ['spec', 'minReplicas'], held);
  }
  workload.autoscaler = { from: doc.ref(), minReplicas, maxReplicas };
  builder.autoscalerDocs.set(workload, doc);
}
