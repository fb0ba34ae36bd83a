// Kubernetes Node (`kubectl get nodes -o yaml`): its zone and region labels, the CPU and memory pods can use
// (`status.allocatable.cpu`, `.memory`, `.pods`), and whether application pods run on it at all (cordoned or tainted).

import type { ImportedNode, NodeTaint } from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { readCpuQuantity, readMemoryQuantity } from '../units/readResourceQuantity.js';
import type { QuantityReading } from '../units/readResourceQuantity.js';
import { isRecord } from '../isRecord.js';
import { readKeys } from './readKeys.js';
import { useIdentity } from './useIdentity.js';

/** Well-known zone labels, the current one first (Kubernetes "Well-Known Labels, Annotations and Taints"). */
export const ZONE_LABELS: readonly string[] = [
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/zone',
];

/** Well-known region labels, the current one first. */
export const REGION_LABELS: readonly string[] = [
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/region',
];

/**
 * Node pool labels, as GKE, EKS managed node groups, AKS and Karpenter set them on their nodes (docs/sources.md#import-node-pool-labels).
 */
export const POOL_LABELS: readonly string[] = [
  'cloud.google.com/gke-nodepool',
  'eks.amazonaws.com/nodegroup',
  'kubernetes.azure.com/agentpool',
  'karpenter.sh/nodepool',
];

/** Node `spec` fields that identify the node or its network, not its capacity: read without comment. */
const IDENTITY_SPEC_FIELDS: readonly string[] = ['podCIDR', 'podCIDRs', 'providerID', 'externalID'];

/** The taints that keep pods without a matching toleration off the node: NoSchedule and NoExecute. */
function blockingTaints(taints: unknown): NodeTaint[] {
  if (!Array.isArray(taints)) return [];
  const out: NodeTaint[] = [];
  for (const taint of taints) {
    if (!isRecord(taint)) continue;
    const effect = taint['effect'];
    if (effect !== 'NoSchedule' && effect !== 'NoExecute') continue;
    const key = typeof taint['key'] === 'string' ? taint['key'] : '?';
    out.push({ key, effect, ...(typeof taint['value'] === 'string' && { value: taint['value'] }) });
  }
  return out;
}

/** What a size of 0 means, for its warning. */
const NONE = { cpu: 'leaves pods no CPU', memory: 'leaves pods no memory', pods: 'allows no pod' } as const;

/**
 * What pods can use of one resource of a Node (cores, MiB, pods): `status.allocatable`, else `status.capacity`. CPU and
 * memory are checked as a container's are (one rule, one message: not a quantity, negative, finer than 1m, `512m` is
 * bytes; memory below 1 MiB taken, warned); a value refused, or 0, is warned and skipped.
 */
function readNodeSize(
  doc: SourceDocument,
  resource: 'cpu' | 'memory' | 'pods',
  read: (text: unknown) => QuantityReading,
  builder: ModelBuilder,
): number | undefined {
  for (const field of ['allocatable', 'capacity'] as const) {
    const path = ['status', field, resource];
    const text = doc.peek(path);
    if (text === undefined) continue;
    const reading = read(text);
    if (reading.reason !== undefined) {
      builder.warnings.at(doc, path, `${reading.reason}; ignored`);
      continue;
    }
    if (!(reading.value > 0)) {
      builder.warnings.at(doc, path, `${JSON.stringify(text)} ${NONE[resource]}; ignored`);
      continue;
    }
    if (reading.doubt !== undefined) builder.warnings.at(doc, path, `${reading.doubt}; imported as written`);
    return reading.value;
  }
  return undefined;
}

/** A pod count as a Node's status gives it (`"110"`), or why it is not a whole number. */
function readPodCount(text: unknown): QuantityReading {
  const value =
    typeof text === 'number' ? text : typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : NaN;
  return Number.isInteger(value)
    ? { value }
    : { reason: `not a whole number of pods (got ${JSON.stringify(text)})` };
}

/** Records a Node: zone, region, allocatable CPU, memory and pods, and whether application pods can run on it. */
export function importNode(doc: SourceDocument, builder: ModelBuilder): void {
  useIdentity(doc);
  const labels = readKeys(doc, ['metadata', 'labels'], []);
  readKeys(doc, ['metadata', 'annotations'], []);
  for (const field of IDENTITY_SPEC_FIELDS) doc.use(['spec', field]);
  const node: ImportedNode = { from: doc.ref(), name: doc.name };
  const zone = ZONE_LABELS.map((key) => labels[key]).find((value) => value !== undefined && value !== '');
  const region = REGION_LABELS.map((key) => labels[key]).find((value) => value !== undefined && value !== '');
  if (zone !== undefined) node.zone = zone;
  if (region !== undefined) node.region = region;
  const poolLabel = POOL_LABELS.find((key) => labels[key] !== undefined && labels[key] !== '');
  if (poolLabel !== undefined) node.pool = { label: poolLabel, name: labels[poolLabel] as string };

  const cores = readNodeSize(doc, 'cpu', readCpuQuantity, builder);
  if (cores !== undefined) node.cpuCores = cores;
  const memoryMiB = readNodeSize(doc, 'memory', readMemoryQuantity, builder);
  if (memoryMiB !== undefined) node.memoryMiB = memoryMiB;
  const maxPods = readNodeSize(doc, 'pods', readPodCount, builder);
  if (maxPods !== undefined) node.maxPods = maxPods;

  const osImage = doc.peek(['status', 'nodeInfo', 'osImage']);
  if (typeof osImage === 'string' && osImage !== '') node.osImage = osImage;

  const cordoned = doc.get(['spec', 'unschedulable']) === true;
  const taints = blockingTaints(doc.get(['spec', 'taints']));
  const first = taints[0];
  const taint = first === undefined ? undefined : `taint ${first.key}:${first.effect}`;
  if (taints.length > 0) node.taints = taints;
  if (cordoned || taint !== undefined) {
    node.unschedulable = cordoned ? 'cordoned (spec.unschedulable)' : (taint as string);
    // A tainted node of a node pool may be a dedicated pool that some workload selects: the clusters decide.
    if (!cordoned && node.pool !== undefined) node.taintedPool = true;
    else
      builder.warnings.at(
        doc,
        cordoned ? ['spec', 'unschedulable'] : ['spec', 'taints'],
        `${node.unschedulable}: application pods do not run on this node, so it is not one of the cluster's nodes`,
      );
  }
  builder.model.nodes.push(node);
}
