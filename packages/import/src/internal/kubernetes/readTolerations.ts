// A pod template's tolerations (`spec.tolerations`), and whether they tolerate a node's taints the way Kubernetes
// matches them (docs/sources.md#k8s-taints-tolerations): effects equal (a toleration without an effect matches every
// effect), keys equal (a keyless `Exists` toleration matches every taint), the value equal under `Equal` (the default).

import type { NodeTaint, PodToleration } from '../../ImportModel.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { isRecord } from '../isRecord.js';

/** The template's tolerations (marked used), or undefined when it has none. */
export function readTolerations(doc: SourceDocument, template: FieldPath): PodToleration[] | undefined {
  const path: FieldPath = [...template, 'spec', 'tolerations'];
  const list = doc.peek(path);
  if (!Array.isArray(list) || list.length === 0) return undefined;
  doc.use(path);
  const out: PodToleration[] = [];
  for (const item of list) {
    if (!isRecord(item)) continue;
    const toleration: PodToleration = {};
    for (const field of ['key', 'operator', 'value', 'effect'] as const) {
      const value = item[field];
      if (typeof value === 'string' && value !== '') toleration[field] = value;
    }
    out.push(toleration);
  }
  return out;
}

/** Whether `toleration` tolerates `taint`. */
function tolerates(toleration: PodToleration, taint: NodeTaint): boolean {
  if (toleration.effect !== undefined && toleration.effect !== taint.effect) return false;
  const operator = toleration.operator ?? 'Equal';
  // Lt and Gt (numeric, behind a feature gate) are not read: such a toleration counts as none.
  if (operator !== 'Equal' && operator !== 'Exists') return false;
  if (toleration.key === undefined) return operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  return operator === 'Exists' || (toleration.value ?? '') === (taint.value ?? '');
}

/** Whether `tolerations` tolerate every one of `taints` (so the scheduler may place the pod on such a node). */
export function toleratesAll(tolerations: readonly PodToleration[], taints: readonly NodeTaint[]): boolean {
  return taints.every((taint) => tolerations.some((toleration) => tolerates(toleration, taint)));
}
