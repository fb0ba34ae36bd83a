// The node pool a pod template's required node affinity picks, the way a nodeSelector on a pool label does: one
// `nodeSelectorTerms` entry (terms are ORed, so several cannot name one pool) whose `matchExpressions` hold
// `{ key: <pool label>, operator: In, values: [<one pool>] }`. Those expressions are marked used; everything else
// under `affinity` stays unused, so the import warns it as not modelled.

import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { isRecord } from '../isRecord.js';
import { POOL_LABELS } from './importNode.js';

/** `{ <pool label>: <pool name> }` from the template's required node affinity, or undefined when it picks none. */
export function readNodeAffinityPools(
  doc: SourceDocument,
  template: FieldPath,
): Record<string, string> | undefined {
  const termsPath: FieldPath = [
    ...template,
    'spec',
    'affinity',
    'nodeAffinity',
    'requiredDuringSchedulingIgnoredDuringExecution',
    'nodeSelectorTerms',
  ];
  const terms = doc.peek(termsPath);
  if (!Array.isArray(terms) || terms.length !== 1) return undefined;
  const expressions = isRecord(terms[0]) ? terms[0]['matchExpressions'] : undefined;
  if (!Array.isArray(expressions)) return undefined;
  const pools: Record<string, string> = {};
  expressions.forEach((expression: unknown, i) => {
    if (!isRecord(expression)) return;
    const { key, operator, values } = expression;
    if (typeof key !== 'string' || !POOL_LABELS.includes(key) || operator !== 'In') return;
    if (!Array.isArray(values) || values.length !== 1 || typeof values[0] !== 'string') return;
    pools[key] = values[0];
    doc.use([...termsPath, 0, 'matchExpressions', i]);
  });
  return Object.keys(pools).length > 0 ? pools : undefined;
}
