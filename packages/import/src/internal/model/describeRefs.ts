// How source references are printed in the scenario's comments and in warnings: `file#doc Kind/name`, and
// `file#doc.items[i] Kind/name` for an item of a `kind: List`.

import type { SourceRef } from '../../ImportModel.js';

/** Where in its file a resource is: `istio.yaml#2`, or `istio.yaml#1.items[3]` for an item of a List. */
export function describeLocation(ref: SourceRef): string {
  const item = ref.item === undefined ? '' : `.items[${String(ref.item)}]`;
  return `${ref.file}#${String(ref.document)}${item}`;
}

/** `istio.yaml#2 VirtualService/reviews` (`istio.yaml#1.items[3] VirtualService/reviews` in a List). */
export function describeRef(ref: SourceRef): string {
  return `${describeLocation(ref)} ${ref.kind}/${ref.name}`;
}

/** Several references, each once, in order: `a.yaml#1 Deployment/a, a.yaml#2 Deployment/b`. */
export function describeRefs(refs: readonly SourceRef[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const ref of refs) {
    const text = describeRef(ref);
    if (!seen.has(text)) {
      seen.add(text);
      out.push(text);
    }
  }
  return out.join(', ');
}

/** How many sources a comment names before it says "and N more". */
const MAX_REFS = 3;

/** Sources for a comment: the first few, then a count. */
export function shortRefs(refs: readonly SourceRef[]): string {
  const unique = refs.filter(
    (ref, i) => refs.findIndex((other) => describeRefs([other]) === describeRefs([ref])) === i,
  );
  const shown = describeRefs(unique.slice(0, MAX_REFS));
  return unique.length > MAX_REFS ? `${shown} and ${String(unique.length - MAX_REFS)} more` : shown;
}
