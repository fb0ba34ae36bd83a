// A service's versions from its DestinationRule subsets: each subset's replicas are those of the
// workloads whose pod labels match it, its weight the VirtualService's. Services without subsets keep
// their replica count. Each warning names the VirtualService, DestinationRule or workload at fault.

import type { ImportedService, SourceRef } from '../../ImportModel.js';
import type { ScenarioVersion } from '../../ScenarioParts.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import { toScenarioName } from '../model/toScenarioName.js';
import type { FieldPath } from '../source/fieldPath.js';
import { isRecord } from '../isRecord.js';
import { labelsMatch } from '../labelsMatch.js';
import { percentShares } from './percentShares.js';

/** Where a workload's pods get the labels subsets select. */
export const POD_LABELS: FieldPath = ['spec', 'template', 'metadata', 'labels'];

/** The path of the item of the list at `listPath` of `ref`'s resource whose `key` (a dot path) is `value`. */
export function itemPath(
  builder: ModelBuilder,
  ref: SourceRef | undefined,
  listPath: FieldPath,
  key: readonly string[],
  value: string,
): FieldPath {
  const list = builder.docOf(ref)?.peek(listPath);
  if (!Array.isArray(list)) return listPath;
  const index = list.findIndex((item: unknown) => {
    let node: unknown = item;
    for (const segment of key) node = isRecord(node) ? node[segment] : undefined;
    return node === value;
  });
  return index === -1 ? listPath : [...listPath, index, ...key];
}

/** Versions (with their replicas) or a replica count. */
export interface BuiltVersions {
  versions?: ScenarioVersion[];
  replicas?: number;
}

/** The scenario name of a subset (a version). */
export function versionName(subset: string): string {
  return toScenarioName(subset);
}

/** Builds the versions or replicas of `service`. */
export function buildVersions(service: ImportedService, builder: ModelBuilder): BuiltVersions {
  const replicas = service.replicas?.value;
  const subsetsRef = service.subsets?.from[0];
  const weightsRef = service.weights?.from[0];
  const weightsPath = builder.weightRoutes.get(service) ?? [];
  const plain = (): BuiltVersions => {
    if (replicas === undefined) return {};
    if (replicas < 1) {
      const from = service.replicas?.from[0];
      builder.warnAbout(
        from,
        from?.kind === 'Deployment' || from?.kind === 'StatefulSet' ? ['spec', 'replicas'] : [],
        `service "${service.name}" has ${String(replicas)} replicas; a scenario service needs at least 1, so 1 is used`,
      );
      return { replicas: 1 };
    }
    return { replicas };
  };
  const subsets = service.subsets?.value;
  if (subsets === undefined || subsets.length === 0) return plain();

  let counts: number[];
  if (service.workloads.length > 0) {
    counts = subsets.map((subset) =>
      service.workloads
        .filter((w) => labelsMatch(subset.labels, w.podLabels))
        .reduce((sum, w) => sum + w.replicas, 0),
    );
    for (const workload of service.workloads) {
      if (!subsets.some((subset) => labelsMatch(subset.labels, workload.podLabels))) {
        builder.warnAbout(
          workload.from,
          POD_LABELS,
          `${workload.kind} "${workload.name}" behind service "${service.name}" matches none of its subsets; its ${String(workload.replicas)} replicas are left out`,
        );
      }
    }
  } else {
    const total = Math.max(1, replicas ?? 1);
    counts = subsets.map(
      (_subset, i) => Math.floor(total / subsets.length) + (i < total % subsets.length ? 1 : 0),
    );
    builder.warnAbout(
      subsetsRef,
      ['spec', 'subsets'],
      `service "${service.name}" has subsets but no workloads to count their pods; its ${String(total)} replicas are split evenly (${subsets.map((s, i) => `${s.name}: ${String(counts[i] ?? 0)}`).join(', ')})`,
    );
  }
  if (counts.every((count) => count === 0)) {
    builder.warnAbout(
      subsetsRef,
      ['spec', 'subsets'],
      `no pod of service "${service.name}" matches its subsets; its subsets, weights and class routes are not imported`,
    );
    return plain();
  }

  const versions: ScenarioVersion[] = subsets.map((subset, i) => ({
    name: versionName(subset.name),
    replicas: counts[i] ?? 0,
  }));
  const weights = service.weights?.value;
  if (weights !== undefined) {
    const unknown = Object.keys(weights).filter((name) => !subsets.some((s) => s.name === name));
    const total = Object.values(weights).reduce((sum, w) => sum + w, 0);
    if (unknown.length > 0) {
      const first = unknown[0] ?? '';
      builder.warnAbout(
        weightsRef,
        itemPath(builder, weightsRef, weightsPath, ['destination', 'subset'], first),
        `the routes of service "${service.name}" name subsets its DestinationRule does not define (${unknown.join(', ')}); the weights are not imported`,
      );
    } else {
      // Relative weights (Istio sends a destination weight/Σweights of the requests), as percentages.
      const percents = percentShares(subsets.map((subset) => weights[subset.name] ?? 0));
      if (Math.abs(total - 100) > 1e-9) {
        const shares = subsets
          .map((subset, i) => ({ name: subset.name, percent: percents[i] ?? 0 }))
          .filter(({ name }) => name in weights)
          .map(({ name, percent }) => `${name} ${String(percent)} %`);
        builder.warnAbout(
          weightsRef,
          weightsPath,
          `the weights add up to ${String(total)}, not 100: Istio sends a destination weight/${String(total)} of the requests (weights are relative), so the version weights are ${shares.join(', ')} (to 0.01 %)`,
          'note',
        );
      }
      subsets.forEach((subset, i) => {
        const version = versions[i];
        if (version === undefined) return;
        version.weight = percents[i] ?? 0;
        if (version.weight > 0 && version.replicas === 0) {
          builder.warnAbout(
            subsetsRef,
            itemPath(builder, subsetsRef, ['spec', 'subsets'], ['name'], subset.name),
            `version "${version.name}" of service "${service.name}" gets ${String(version.weight)} % of the calls but has no replicas`,
          );
        }
      });
    }
  }
  return { versions };
}
