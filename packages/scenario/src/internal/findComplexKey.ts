// Finds a map key that is not a plain value — a map, a list or an alias used as a key (`? { to: a } : …`).
// Scenario keys are names; the YAML library would turn such a key into a string and print a Node warning.

import { isAlias, isMap, isSeq, visit } from 'yaml';
import type { Document } from 'yaml';

/** A complex key: what it is and where it starts in the text (an offset). */
export interface ComplexKey {
  readonly kind: 'map' | 'list' | 'alias';
  readonly offset: number;
}

/** The first map key of `doc` that is a map, a list or an alias, or null. */
export function findComplexKey(doc: Document.Parsed): ComplexKey | null {
  let found: ComplexKey | null = null;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key;
      const kind = isMap(key) ? 'map' : isSeq(key) ? 'list' : isAlias(key) ? 'alias' : null;
      if (kind === null) return undefined;
      found = { kind, offset: (key as { range?: [number, number, number] }).range?.[0] ?? 0 };
      return visit.BREAK;
    },
  });
  return found;
}
