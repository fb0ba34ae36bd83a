// A service's versions from its DestinationRule subsets: each subset's replicas are those of the
// workloads whose pod labels match it, its weight the VirtualService's (relative, as in Istio). The share of the
// requests Istio routes to a subset without endpoints — one no DestinationRule defines, or one selecting no pod —
// is the share Istio answers with 503, which the caller's fault injection reproduces. Pods no subset selects are a
// version of their own. Services without subsets keep their replica count. Each warning names the
// VirtualService, DestinationRule or workload at fault.

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

/** Why Istio fails the requests routed to a subset: no DestinationRule defines it, or it selects no pod. */
export type FailingReason = 'undefined' | 'no-pod';

/**
 * The share of the calls to a service that Istio answers with 503 at once, without an upstream request or a retry,
 * because the VirtualService routes them to a subset without endpoints.
 */
export interface FailingShare {
  /** Percent of the calls, to 0.01. */
  percent: number;
  /** Each such subset, its share of the calls (percent, exact) and why. */
  subsets: { name: string; percent: number; reason: FailingReason }[];
  /** The VirtualService (and the DestinationRule) that make it so. */
  from: SourceRef[];
}

/** Versions (with their replicas) or a replica count, and the share of the calls Istio fails. */
export interface BuiltVersions {
  versions?: ScenarioVersion[];
  replicas?: number;
  /** The share Istio fails for want of endpoints, if any. */
  failing?: FailingShare;
}

/** The scenario name of a subset (a version). */
export function versionName(subset: string): string {
  return toScenarioName(subset);
}

/** `1 replica`, `2 replicas`. */
function replicaCount(count: number): string {
  return `${String(count)} ${count === 1 ? 'replica' : 'replicas'}`;
}

/** A percentage as printed: to 0.01 at most (`50`, `72.73`). */
function percentText(percent: number): string {
  return String(Math.round(percent * 100) / 100);
}

/** `name`, or `name-2`, `name-3`, … when `taken` has it. */
function uniqueName(name: string, taken: readonly string[]): string {
  if (!taken.includes(name)) return name;
  let n = 2;
  while (taken.includes(`${name}-${String(n)}`)) n += 1;
  return `${name}-${String(n)}`;
}

/** Builds the versions or replicas of `service`, and the share of its calls Istio fails for want of endpoints. */
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

  // Each destination's share of the requests: Istio's weights are relative (weight/Σweights).
  const weights = service.weights?.value;
  const total = weights === undefined ? 0 : Object.values(weights).reduce((sum, w) => sum + w, 0);
  const shareOf = (name: string): number =>
    weights === undefined ? 0 : ((weights[name] ?? 0) / total) * 100;
  if (weights !== undefined && Math.abs(total - 100) > 1e-9) {
    const names = Object.keys(weights);
    const percents = percentShares(names.map((name) => weights[name] ?? 0));
    builder.warnAbout(
      weightsRef,
      weightsPath,
      `the weights add up to ${String(total)}, not 100: Istio sends a destination weight/${String(total)} of the requests (weights are relative), so the subsets get ${names.map((name, i) => `${name} ${String(percents[i] ?? 0)} %`).join(', ')} of the requests (to 0.01 %)`,
      'note',
    );
  }

  const subsets = service.subsets?.value ?? [];
  if (subsets.length === 0) {
    if (weights === undefined) return plain();
    // No DestinationRule defines a subset: every destination of the route is a cluster Istio never built.
    const routed = Object.keys(weights).filter((name) => shareOf(name) > 0);
    builder.warnAbout(
      weightsRef,
      weightsPath,
      `every request of this route goes to a subset of "${service.name}" (${routed.join(', ')}), but no DestinationRule of the inputs defines subsets of it: Istio answers all of them with 503 at once (no cluster found, not retried); imported as faultInjection.abort of 100 % with status 503 on every call to "${service.name}" (give the DestinationRule if it exists)`,
    );
    return {
      ...plain(),
      failing: {
        percent: 100,
        subsets: routed.map((name) => ({ name, percent: shareOf(name), reason: 'undefined' })),
        from: weightsRef === undefined ? [] : [weightsRef],
      },
    };
  }

  let counts: number[];
  const versions: ScenarioVersion[] = [];
  const names = subsets.map((subset) => versionName(subset.name));
  if (service.workloads.length > 0) {
    counts = subsets.map((subset) =>
      service.workloads
        .filter((w) => labelsMatch(subset.labels, w.podLabels))
        .reduce((sum, w) => sum + w.replicas, 0),
    );
  } else {
    const all = Math.max(1, replicas ?? 1);
    counts = subsets.map(
      (_subset, i) => Math.floor(all / subsets.length) + (i < all % subsets.length ? 1 : 0),
    );
    builder.warnAbout(
      subsetsRef,
      ['spec', 'subsets'],
      `service "${service.name}" has subsets but no workloads to count their pods; its ${all === 1 ? '1 replica goes to the first' : `${String(all)} replicas are split evenly`} (${subsets.map((s, i) => `${s.name}: ${String(counts[i] ?? 0)}`).join(', ')})`,
    );
  }
  subsets.forEach((subset, i) => versions.push({ name: names[i] ?? subset.name, replicas: counts[i] ?? 0 }));
  // Pods no subset selects still run, and Istio's default route (no subset) sends them requests: a version each.
  const weighted = weights !== undefined;
  for (const workload of service.workloads) {
    if (subsets.some((subset) => labelsMatch(subset.labels, workload.podLabels))) continue;
    const name = uniqueName(
      toScenarioName(workload.name),
      versions.map((v) => v.name),
    );
    versions.push({ name, replicas: workload.replicas });
    builder.warnAbout(
      workload.from,
      POD_LABELS,
      `the pods of ${workload.kind} "${workload.name}" match no subset of "${service.name}" (${subsets.map((s) => s.name).join(', ')}); its ${replicaCount(workload.replicas)} ${workload.replicas === 1 ? 'runs' : 'run'} as version "${name}", ` +
        (weighted
          ? "which gets no request (weight 0): the route's weights send every request to subsets"
          : "which gets requests as the others do: without route weights, calls spread over every pod of the service (Istio's default route)"),
    );
  }
  if (versions.every((version) => version.replicas === 0)) {
    builder.warnAbout(
      subsetsRef,
      ['spec', 'subsets'],
      `no pod of service "${service.name}" runs; its subsets, weights and class routes are not imported`,
    );
    return plain();
  }
  if (weights === undefined) return { versions };

  // The requests routed to a subset without endpoints fail (503); the others split over the rest by weight.
  const failing: FailingShare['subsets'] = [];
  for (const [name, weight] of Object.entries(weights)) {
    if (weight <= 0) continue;
    const index = subsets.findIndex((subset) => subset.name === name);
    if (index === -1) failing.push({ name, percent: shareOf(name), reason: 'undefined' });
    else if ((counts[index] ?? 0) === 0) failing.push({ name, percent: shareOf(name), reason: 'no-pod' });
  }
  const failed = failing.reduce((sum, f) => sum + f.percent, 0);
  for (const { name, percent, reason } of failing) {
    const defined = subsets.map((s) => s.name).join(', ');
    const imported = `imported as faultInjection.abort with status 503 on every call to "${service.name}"`;
    if (reason === 'undefined') {
      builder.warnAbout(
        weightsRef,
        itemPath(builder, weightsRef, weightsPath, ['destination', 'subset'], name),
        `subset "${name}" is not defined by the DestinationRule of "${service.name}" (subsets: ${defined}): Istio answers the ${percentText(percent)} % of requests routed to it with 503 at once (no cluster found, not retried); ${imported}`,
      );
    } else {
      builder.warnAbout(
        subsetsRef,
        itemPath(builder, subsetsRef, ['spec', 'subsets'], ['name'], name),
        `subset "${name}" selects no pod of "${service.name}": Istio answers the ${percentText(percent)} % of requests routed to it with 503 (no healthy upstream); ${imported}`,
      );
    }
  }
  const live = versions.map((_version, i) =>
    (counts[i] ?? 0) > 0 ? (weights[subsets[i]?.name ?? ''] ?? 0) : 0,
  );
  if (live.some((weight) => weight > 0)) {
    // Without a live destination every request fails: the versions then need no weights.
    const percents = percentShares(live);
    versions.forEach((version, i) => {
      version.weight = percents[i] ?? 0;
    });
  }
  return {
    versions,
    ...(failing.length > 0 && {
      failing: {
        percent: Math.round(failed * 100) / 100,
        subsets: failing,
        from: [weightsRef, subsetsRef].filter((ref): ref is SourceRef => ref !== undefined),
      },
    }),
  };
}
