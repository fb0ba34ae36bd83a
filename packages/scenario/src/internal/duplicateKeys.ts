// The duplicate keys of a parsed YAML or JSON document: which key, in which map (its path), and where its first
// occurrence is, so that a "keys must be unique" error can name them instead of only pointing at the second one.

import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node } from 'yaml';

import type { PathSegment } from './path.js';

/** A key written twice in one map: the second occurrence's offset, the first's, and the map's path. */
export interface DuplicateKey {
  key: string;
  /** Path of the map holding it (`['services']`); empty at the top level. */
  mapPath: PathSegment[];
  /** Offset of the second (or later) occurrence of the key. */
  offset: number;
  /** Offset of its first occurrence. */
  firstOffset: number;
}

/** Every duplicate scalar key of `doc`, in document order (iterative: no recursion on deep documents). */
export function findDuplicateKeys(doc: Document): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const stack: { node: unknown; path: PathSegment[] }[] = [{ node: doc.contents, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: PathSegment[] };
    if (isMap(node)) {
      const first = new Map<string, number>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (!isScalar(key)) continue;
        const name = String(key.value);
        const offset = key.range?.[0] ?? 0;
        const seen = first.get(name);
        if (seen === undefined) first.set(name, offset);
        else found.push({ key: name, mapPath: path, offset, firstOffset: seen });
        stack.push({ node: pair.value, path: [...path, name] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => stack.push({ node: item, path: [...path, index] }));
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}
