// Connects workloads to services: a Service is backed by the workloads of its namespace whose pod labels
// match its selector; its replicas are theirs. A workload no Service selects becomes a service of its own
// name (isotope's generated Deployments share their service's name), with a warning; a Service whose selector
// matches no imported workload (no endpoints) is warned and kept with the scenario's default of 1 replica.

import type { ImportedService, ImportedWorkload, SourceRef } from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { labelsMatch } from '../labelsMatch.js';
import { shortRefs } from '../model/describeRefs.js';

/**
 * Warns of a Service whose selector matches no imported workload: in the cluster it has no endpoints (a call to it
 * fails), unless its pods come from inputs not given. It is kept — calls and policies may name it — with the
 * scenario's default of 1 replica (or the replicas an isotope graph gives it).
 */
function warnNoEndpoints(builder: ModelBuilder, service: ImportedService): void {
  const doc = builder.serviceDocs.get(service);
  if (doc === undefined || service.selector === undefined || service.replicas !== undefined) return;
  const selector = Object.entries(service.selector)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  builder.warnings.at(
    doc,
    ['spec', 'selector'],
    `selects no imported Deployment or StatefulSet of namespace ${doc.namespace} (${selector === '' ? 'an empty selector' : selector}): in the cluster it has no endpoints, so a call to it fails, unless its pods come from inputs not given; imported as a service of 1 replica (the scenario's default)`,
  );
}

/**
 * Links every workload to the services selecting it and sets the services' replicas.
 *
 * @param workloadDocs - The document of each workload.
 */
export function linkWorkloads(
  builder: ModelBuilder,
  workloadDocs: ReadonlyMap<ImportedWorkload, SourceDocument>,
): void {
  const { services, workloads } = builder.model;
  workloads.forEach((workload) => {
    const doc = workloadDocs.get(workload);
    if (doc === undefined) return;
    const selecting = services.filter(
      (s) =>
        s.namespace === workload.namespace &&
        s.selector !== undefined &&
        labelsMatch(s.selector, workload.podLabels),
    );
    if (selecting.length > 0) {
      for (const service of selecting) service.workloads.push(workload);
      return;
    }
    const named = builder.findService(workload.name, workload.namespace);
    if (named !== undefined && named.selector === undefined) {
      named.workloads.push(workload);
      return;
    }
    const created = builder.service(workload.name, workload.namespace, workload.from, doc, [
      'metadata',
      'name',
    ]);
    created.workloads.push(workload);
    builder.warnings.at(
      doc,
      ['spec', 'template', 'metadata', 'labels'],
      `no Service selects this ${workload.kind}; it is imported as service "${created.name}"`,
    );
  });

  for (const service of services) {
    if (service.workloads.length === 0) {
      warnNoEndpoints(builder, service);
      continue;
    }
    const replicas = service.workloads.reduce((sum, w) => sum + w.replicas, 0);
    // An autoscaled workload's count comes from its autoscaler's bounds as much as from its manifest.
    const from = service.workloads.flatMap((w) =>
      w.autoscaler === undefined ? [w.from] : [w.from, w.autoscaler.from],
    );
    if (service.replicas !== undefined && service.replicas.value !== replicas) {
      const first = service.workloads[0];
      const firstDoc = first === undefined ? undefined : workloadDocs.get(first);
      if (firstDoc !== undefined) {
        builder.warnings.at(
          firstDoc,
          ['spec', 'replicas'],
          `service "${service.name}" has ${String(service.replicas.value)} replicas in the isotope graph and ${String(replicas)} in the Kubernetes workloads; the workloads' count is used`,
        );
      }
    }
    service.replicas = { value: replicas, from };
    // Autoscaling is not modelled: the count stays fixed for the run; say so, with the bounds to sweep.
    const scaled = service.workloads.filter((w) => w.autoscaler !== undefined);
    if (scaled.length > 0) {
      const min = service.workloads.reduce((sum, w) => sum + (w.autoscaler?.minReplicas ?? w.replicas), 0);
      const max = service.workloads.reduce((sum, w) => sum + (w.autoscaler?.maxReplicas ?? w.replicas), 0);
      // Said at the first autoscaler (file:line:column, as every resource's warning), naming the others.
      const others = scaled.slice(1).map((w) => w.autoscaler?.from as SourceRef);
      const message = `autoscaling is not modelled: service "${service.name}" runs ${replicas} replicas throughout (its autoscaler${scaled.length > 1 ? 's' : ''} would scale it between ${min} and ${max}; sweep both ends with --set services.${service.name}.replicas=${min},${max})${others.length > 0 ? `; its other autoscaler${others.length > 1 ? 's' : ''}: ${shortRefs(others)}` : ''}`;
      const first = scaled[0];
      const hpaDoc = first === undefined ? undefined : builder.autoscalerDocs.get(first);
      if (hpaDoc !== undefined) builder.warnings.at(hpaDoc, [], message);
      else builder.warnings.general('', message);
    }
  }
}
