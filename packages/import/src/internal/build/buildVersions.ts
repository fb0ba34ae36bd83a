// A service's versions from its DestinationRule subsets: each subset's replicas are those of the
// workloads whose pod labels match it, its weight the VirtualService's. Services without subsets keep
// their replica count.

import type { ImportedService } from '../../ImportModel.js';
import type { ScenarioVersion } from '../../ScenarioParts.js';
import { toScenarioName } from '../model/toScenarioName.js';
import type { WarningLog } from '../WarningLog.js';
import { labelsMatch } from '../labelsMatch.js';

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
export function buildVersions(service: ImportedService, warnings: WarningLog): BuiltVersions {
  const replicas = service.replicas?.value;
  const plain = (): BuiltVersions => {
    if (replicas === undefined) return {};
    if (replicas < 1) {
      warnings.general(
        '',
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
        warnings.general(
          '',
          `${workload.kind} "${workload.name}" behind service "${service.name}" matches none of its subsets; its ${String(workload.replicas)} replicas are left out`,
        );
      }
    }
  } else {
    const total = Math.max(1, replicas ?? 1);
    counts = subsets.map(
      (_subset, i) => Math.floor(total / subsets.length) + (i < total % subsets.length ? 1 : 0),
    );
    warnings.general(
      '',
      `service "${service.name}" has subsets but no workloads to count their pods; its ${String(total)} replicas are split evenly (${subsets.map((s, i) => `${s.name}: ${String(counts[i] ?? 0)}`).join(', ')})`,
    );
  }
  if (counts.every((count) => count === 0)) {
    warnings.general(
      '',
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
      warnings.general(
        '',
        `the routes of service "${service.name}" name subsets its DestinationRule does not define (${unknown.join(', ')}); the weights are not imported`,
      );
    } else if (Math.abs(total - 100) > 1e-9) {
      warnings.general(
        '',
        `the route weights of service "${service.name}" add up to ${String(total)}, not 100; not imported`,
      );
    } else {
      subsets.forEach((subset, i) => {
        const version = versions[i];
        if (version === undefined) return;
        version.weight = weights[subset.name] ?? 0;
        if (version.weight > 0 && version.replicas === 0) {
          warnings.general(
            '',
            `version "${version.name}" of service "${service.name}" gets ${String(version.weight)} % of the calls but has no replicas`,
          );
        }
      });
    }
  }
  return { versions };
}
