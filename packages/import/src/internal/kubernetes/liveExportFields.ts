// Fields a live export (`kubectl get -o yaml`) carries on every object, set by the API server's defaults, that change
// nothing meshsim models: passed over without a warning, so the warnings that matter (autoscaling, CPU limits,
// probes) stand out. One list, shown in docs/import.md; a field with a value of its own (not the default) is warned.

import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { isRecord } from '../isRecord.js';

/** One field passed over: its path (`'*'` for every item of a list) and, when only its default is, that default. */
export interface LiveExportField {
  /** Path in the resource; `'*'` stands for every index of a list. */
  readonly path: readonly string[];
  /** The only value passed over (compared as JSON); any value when absent. */
  readonly only?: unknown;
  /** Why it changes nothing meshsim models (docs/import.md lists it). */
  readonly why: string;
}

const TEMPLATE = ['spec', 'template', 'spec'];
const CONTAINER = [...TEMPLATE, 'containers', '*'];
const ROLLOUT = 'meshsim runs no rollout';

/** The fields passed over, workloads' (Deployment, StatefulSet) then Services'. */
export const LIVE_EXPORT_FIELDS: readonly LiveExportField[] = [
  { path: ['spec', 'progressDeadlineSeconds'], why: ROLLOUT },
  { path: ['spec', 'revisionHistoryLimit'], why: ROLLOUT },
  { path: ['spec', 'strategy'], why: ROLLOUT },
  { path: ['spec', 'updateStrategy'], why: ROLLOUT },
  { path: ['spec', 'podManagementPolicy'], why: ROLLOUT },
  { path: ['spec', 'persistentVolumeClaimRetentionPolicy'], why: 'volumes are not modelled' },
  { path: ['spec', 'template', 'metadata', 'creationTimestamp'], only: null, why: 'bookkeeping' },
  { path: [...TEMPLATE, 'dnsPolicy'], only: 'ClusterFirst', why: 'the default' },
  { path: [...TEMPLATE, 'restartPolicy'], only: 'Always', why: 'the default' },
  { path: [...TEMPLATE, 'schedulerName'], only: 'default-scheduler', why: 'the default' },
  { path: [...TEMPLATE, 'securityContext'], only: {}, why: 'empty' },
  { path: [...TEMPLATE, 'terminationGracePeriodSeconds'], only: 30, why: 'the default' },
  { path: [...CONTAINER, 'terminationMessagePath'], only: '/dev/termination-log', why: 'the default' },
  { path: [...CONTAINER, 'terminationMessagePolicy'], only: 'File', why: 'the default' },
  { path: [...CONTAINER, 'image'], why: 'a pod runs its image; the service time is what meshsim takes' },
  { path: [...CONTAINER, 'imagePullPolicy'], why: 'pulls are not modelled' },
  { path: [...CONTAINER, 'ports'], why: "meshsim's calls address a service, not a port" },
  { path: ['spec', 'clusterIPs'], why: 'addresses are not modelled' },
  { path: ['spec', 'ipFamilies'], why: 'addresses are not modelled' },
  { path: ['spec', 'ipFamilyPolicy'], why: 'addresses are not modelled' },
  { path: ['spec', 'ports'], why: "meshsim's calls address a service, not a port" },
  { path: ['spec', 'internalTrafficPolicy'], only: 'Cluster', why: 'the default' },
  { path: ['spec', 'sessionAffinity'], only: 'None', why: 'the default' },
];

/** Every path of `doc` that `path` names (`'*'` expanded over the list there). */
function expand(doc: SourceDocument, path: readonly string[]): FieldPath[] {
  let paths: (string | number)[][] = [[]];
  for (const segment of path) {
    paths = paths.flatMap((prefix) => {
      if (segment !== '*') return [[...prefix, segment]];
      const list = doc.peek(prefix);
      return Array.isArray(list) ? list.map((_, i) => [...prefix, i]) : [];
    });
  }
  return paths;
}

/** Same JSON value (the defaults are small: strings, numbers, null, `{}`). */
function sameValue(a: unknown, b: unknown): boolean {
  if (isRecord(a) && isRecord(b)) return Object.keys(a).length === 0 && Object.keys(b).length === 0;
  return a === b;
}

/** Marks the {@link LIVE_EXPORT_FIELDS} of a Deployment, StatefulSet or Service as used, so that none is warned. */
export function passOverLiveExportFields(doc: SourceDocument): void {
  for (const field of LIVE_EXPORT_FIELDS) {
    for (const path of expand(doc, field.path)) {
      const value = doc.peek(path);
      if (value === undefined) continue;
      if ('only' in field && !sameValue(value, field.only)) continue;
      doc.use(path);
    }
  }
}
